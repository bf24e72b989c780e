import CandorAnalysis
import CandorModel
import CandorWorkspace

/// The sections of one task: overview, accuracy, confusion matrix, change, segments, trend.
struct TaskNarrator {
  let week: WeekAnalysis
  let words: Words
  /// The callouts "What is new this week" shows: what they tell, a task's section does not repeat.
  var shownNews: [Editor.Callout] = []

  func say(_ key: Sentence.Task, _ context: [String: Any] = [:]) -> String {
    words.sentence(key, context)
  }

  func view(_ task: TaskAnalysis) -> TaskView {
    let metric = task.primaryMetric
    let standing = Editor.standing(
      task, findings: week.findings, shownNews: shownNews, words: words)
    return TaskView(
      name: task.task.name,
      id: task.task.id,
      owner: task.task.owner,
      kind: task.isBinary
        ? say(.binary, ["label": task.positiveLabel!, "unit": words.unit(task.task.unit)])
        : (task.classes.isEmpty
          ? say(.sortsIntoClasses, ["unit": words.unit(task.task.unit)])
          : say(
            .sortsIntoNamedClasses,
            [
              "unit": words.unit(task.task.unit), "count": String(task.classes.count),
              "classes": task.classes.map(words.quoted).joined(separator: ", "),
            ])),
      primaryMetric: words.metric(metric),
      primaryReason: words.sentence(
        Sentence.PrimaryReason(task.primaryReason), ["label": task.positiveLabel ?? ""]),
      overview: overview(task),
      intervalChart: intervalChart(task),
      noData: task.sets.isEmpty,
      standing: standing,
      hasStanding: !standing.isEmpty,
      accuracy: AccuracyNarrator.view(task, findings: week.findings, words: words),
      confusion: ConfusionNarrator.view(task, words: words),
      calibration: CalibrationNarrator.view(task, words: words),
      change: ChangeNarrator.view(
        task, against: week.comparedTo, words: words,
        previous: Dictionary(
          uniqueKeysWithValues: (week.previousTasks.first { $0.task.id == task.task.id }?.sets ?? [])
            .map { ($0.config.id, $0.analysis) })),
      segments: segments(task),
      primaryInNews: shownNews.contains {
        $0.task == task.task.id && $0.codes.contains(where: Editor.changeCodes.contains)
      },
      trend: trend(task),
      metrics: metricsTable(task)
    )
  }

  func overview(_ task: TaskAnalysis) -> TableView {
    let metric = task.primaryMetric
    var columns = [
      say(.columnSet), say(.columnRole), capitalized(words.unit(task.task.unit)),
      say(.columnMetricInterval, ["metric": capitalized(words.metric(metric))]),
    ]
    if let before = week.comparedTo {
      columns.append(say(.columnChangeSince, ["week": words.week(before)]))
    }
    var notes = Footnotes(words: words)
    let rows = task.sets.map { set -> TableView.Row in
      var cells = [
        TableView.Cell(words.sentence(Sentence.Sets.role(set.config.role))),
        TableView.Cell(words.numbers.count(set.analysis.examples)),
        TableView.Cell(
          notes.estimate(set.analysis.estimate(metric), metric, place: words.quoted(set.config.id))),
      ]
      if week.comparedTo != nil {
        cells.append(
          TableView.Cell(
            notes.change(
              set.change(metric), metric, place: words.quoted(set.config.id),
              against: set.changes == nil ? nil : week.comparedTo)))
      }
      return TableView.Row(header: set.config.id, cells: cells)
    }
    return TableView(
      caption: say(.overviewCaption, ["task": task.task.name, "metric": words.metric(metric)]),
      columns: columns, rows: rows, footnotes: notes.notes)
  }

  func intervalChart(_ task: TaskAnalysis) -> IntervalChartView? {
    let metric = task.primaryMetric
    let rows = task.sets.map { set in
      let estimate = set.analysis.estimate(metric)
      return IntervalChartView.Row(
        label: set.config.id, value: estimate?.value, interval: estimate?.ci95,
        note: estimate?.value.map { words.numbers.metric($0, isRate: metric.isRate) }
          ?? say(.undefined))
    }
    guard rows.contains(where: { $0.value != nil }) else { return nil }
    return IntervalChartView(
      rows: rows, metric: words.metric(metric),
      title: say(.intervalTitle, ["task": task.task.name, "metric": words.metric(metric)]),
      isRate: metric.isRate, caption: say(.intervalCaption, ["metric": words.metric(metric)]))
  }

  func segments(_ task: TaskAnalysis) -> SegmentsView? {
    guard let (set, metric, ranking) = task.segmentFocus else { return nil }
    let extra: [MetricName] = task.isBinary ? [.recall, .precision] : [.balancedAccuracy]
    let shown = [metric] + extra.filter { $0 != metric }
    // A page stays readable with many segments: the largest are shown, all are in summary.json.
    let limit = 25
    let listed =
      set.analysis.segments.count <= limit
      ? set.analysis.segments
      : Array(
        set.analysis.segments.sorted { ($0.counts.total, $1.name) > ($1.counts.total, $0.name) }
          .prefix(limit))
    var notes = Footnotes(words: words)
    let rows = listed.map { segment in
      TableView.Row(
        header: words.segment(segment.name),
        cells: [TableView.Cell(words.numbers.count(segment.counts.total))]
          + shown.map {
            TableView.Cell(
              notes.estimate(
                segment.estimate($0), $0,
                place: say(.segmentPlace, ["segment": words.segment(segment.name)])))
          })
    }
    let table = TableView(
      caption: say(.segmentsCaption, ["task": task.task.name, "set": set.config.id]),
      columns: [say(.columnSegment), capitalized(words.unit(task.task.unit))]
        + shown.map { capitalized(words.metric($0)) }, rows: rows, footnotes: notes.notes)
    var note = Self.weakestSentence(
      ranking, metric: metric, unit: words.unit(task.task.unit), words: words)
    if listed.count < set.analysis.segments.count {
      note +=
        " "
        + say(
          .segmentsListed,
          ["limit": String(limit), "count": words.numbers.count(set.analysis.segments.count)])
    }
    return SegmentsView(setName: words.quoted(set.config.id), table: table, weakest: note)
  }

  /// The weakest segment in words, stating the rule (`SegmentRanking`): ties are named together;
  /// with fewer than two segments large enough to judge, the sentence says why none is named.
  static func weakestSentence(
    _ ranking: SegmentRanking, metric: MetricName, unit: String, words: Words
  ) -> String {
    let minimum = Thresholds.segmentMinimumExamples
    func say(_ key: Sentence.Task, _ context: [String: Any] = [:]) -> String {
      words.sentence(key, context)
    }
    let name = words.metric(metric)
    let counted = String(Thresholds.segmentMinimumCounted)
    if ranking.allEqual, let value = ranking.judgedValue {
      return say(
        .allEqual,
        [
          "judged": String(ranking.judged), "metric": name,
          "value": words.numbers.metric(value, isRate: metric.isRate),
        ])
    }
    guard let first = ranking.weakest.first else {
      return ranking.segments > 1
        ? say(
          .noWeakest,
          ["minimum": String(minimum), "counted": counted, "unit": unit, "metric": name]) : ""
    }
    var context: [String: Any] = [
      "judged": String(ranking.judged), "minimum": String(minimum), "counted": counted,
      "unit": unit, "metric": name,
      "value": words.numbers.metric(first.value, isRate: metric.isRate),
    ]
    if ranking.weakest.count > 1 {
      context["names"] = words.list(ranking.weakest.map { words.quoted(words.segment($0.name)) })
      return say(.weakestTied, context)
    }
    context["name"] = words.segment(first.name)
    context["size"] = words.numbers.count(first.examples)
    var sentence = say(.weakest, context)
    if first.examples < 100 { sentence += " " + say(.weakestSmall) }
    return sentence
  }

  func trend(_ task: TaskAnalysis) -> TrendView? {
    let weeks = week.history
    guard weeks.count >= 2 else { return nil }
    let metric = task.primaryMetric
    let series = task.sets.map { set in
      let points = weeks.map { history in
        history.estimates["\(task.task.id)/\(set.config.id)"].flatMap { estimate in
          estimate.value.map { (value: $0, interval: estimate.ci95) }
        }
      }
      return TrendView.Series(
        label: set.config.id, points: points,
        listed: zip(weeks, points).compactMap { week, point in
          point.map {
            "\(words.week(week.week)) \(words.numbers.metric($0.value, isRate: metric.isRate))"
          }
        })
    }
    guard series.contains(where: { $0.points.compactMap { $0 }.count >= 2 }) else { return nil }
    let name = capitalized(words.metric(metric))
    return TrendView(
      weeks: weeks.map { words.week($0.week) }, shipped: weeks.map { !$0.shipped.isEmpty },
      series: series, metric: words.metric(metric),
      title: say(.trendTitle, ["task": task.task.name, "metric": words.metric(metric)]),
      isRate: metric.isRate, caption: say(.trendCaption, ["metric": name]),
      listTitle: say(.trendList, ["metric": name]),
      reference: task.referenceSet?.config.id)
  }

  func metricsTable(_ task: TaskAnalysis) -> TableView {
    let names = task.sets.first?.analysis.metrics.map(\.name) ?? []
    let all =
      names + (task.sets.flatMap { $0.analysis.metrics.map(\.name) }.filter { !names.contains($0) })
    let unique = all.reduce(into: [MetricName]()) { if !$0.contains($1) { $0.append($1) } }
    var notes = Footnotes(words: words)
    let rows = unique.map { metric in
      TableView.Row(
        header: capitalized(words.metric(metric)),
        cells: task.sets.map { set in
          let value = notes.estimate(
            set.analysis.estimate(metric), metric, place: words.quoted(set.config.id))
          return TableView.Cell(
            value,
            detail: set.change(metric).map {
              notes.change($0, metric, place: words.quoted(set.config.id), against: week.comparedTo)
            })
        })
    }
    return TableView(
      caption: say(.metricsCaption, ["task": task.task.name]),
      columns: [say(.columnMetric)] + task.sets.map(\.config.id), rows: rows, kind: .metrics,
      footnotes: notes.notes)
  }
}

func capitalized(_ text: String) -> String {
  text.prefix(1).uppercased() + text.dropFirst()
}

/// Footnote marks for table cells that hold no number: the reason, from summary.json, in words
/// below the table, so "undefined" is explained in every cell, every week.
struct Footnotes {
  let words: Words
  private(set) var notes: [String] = []

  /// The mark (1-based) of a reason, the same mark for the same reason.
  mutating func mark(_ text: String) -> Int {
    let index =
      notes.firstIndex(of: text)
      ?? {
        notes.append(text)
        return notes.count - 1
      }()
    return index + 1
  }

  /// A value with its interval, or "undefined" with a mark and its reason.
  func say(_ key: Sentence.Task, _ context: [String: Any] = [:]) -> String {
    words.sentence(key, context)
  }

  mutating func estimate(_ estimate: MetricEstimate?, _ metric: MetricName, place: String)
    -> TableView.Text
  {
    guard let estimate, estimate.value == nil else {
      return TableView.Text(Phrases.estimate(estimate, metric, words: words))
    }
    let reason = estimate.reason.map(words.reason) ?? say(.undefinedOnData)
    return TableView.Text(
      say(.undefined),
      mark: mark(
        say(
          .noValue,
          ["metric": capitalized(words.metric(metric)), "place": place, "reason": reason])))
  }

  /// A change with its verdict, or "no comparison" with a mark and its reason.
  mutating func change(
    _ change: MetricChange?, _ metric: MetricName, place: String, against: ISOWeek?
  ) -> TableView.Text {
    // A set compared with an earlier week, whose metric has no change: measured in neither.
    if change == nil, against != nil {
      return TableView.Text(words.sentence(Sentence.Task.notMeasured))
    }
    guard let change, change.delta == nil else {
      return TableView.Text(Phrases.change(change, metric, words: words))
    }
    var context: [String: Any] = [
      "metric": capitalized(words.metric(metric)), "place": place,
      "reason": change.reason.map(words.reason) ?? say(.undefinedInAWeek),
    ]
    if let against { context["week"] = words.week(against) }
    return TableView.Text(say(.noComparison), mark: mark(say(.cannotCompare, context)))
  }
}
