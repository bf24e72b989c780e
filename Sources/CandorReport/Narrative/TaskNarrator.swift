import CandorAnalysis
import CandorHTML
import CandorWorkspace

/// The sections of one task: overview, accuracy, confusion matrix, change, segments, trend.
struct TaskNarrator {
  let week: WeekAnalysis
  let words: Words

  func say(_ key: String, _ context: [String: Any] = [:]) -> String {
    words.sentence("task", key, context)
  }

  func view(_ task: TaskAnalysis) -> TaskView {
    let metric = task.primaryMetric
    return TaskView(
      name: task.task.name,
      id: task.task.id,
      owner: task.task.owner,
      kind: task.isBinary
        ? say("binary", ["label": task.positiveLabel!, "unit": words.unit(task.task.unit)])
        : (task.classes.isEmpty
          ? say("sortsIntoClasses", ["unit": words.unit(task.task.unit)])
          : say(
            "sortsIntoNamedClasses",
            [
              "unit": words.unit(task.task.unit), "count": String(task.classes.count),
              "classes": task.classes.map { "'\($0)'" }.joined(separator: ", "),
            ])),
      primaryMetric: words.metric(metric),
      primaryReason: words.sentence(
        "primary-reason", task.primaryReason.rawValue, ["label": task.positiveLabel ?? ""]),
      overviewHTML: overview(task),
      intervalChartHTML: intervalChart(task),
      noData: task.sets.isEmpty,
      standing: Editor.standing(task, findings: week.findings, words: words),
      hasStanding: !Editor.standing(task, findings: week.findings, words: words).isEmpty,
      accuracy: AccuracyNarrator.view(task, findings: week.findings, words: words),
      confusion: ConfusionNarrator.view(task, words: words),
      calibration: CalibrationNarrator.view(task, words: words),
      change: ChangeNarrator.view(
        task, against: week.comparedTo, words: words,
        previous: Dictionary(
          uniqueKeysWithValues: (week.previousTasks.first { $0.task.id == task.task.id }?.sets ?? [])
            .map { ($0.config.id, $0.analysis) })),
      segments: segments(task),
      trendHTML: trend(task),
      metricsHTML: metricsTable(task)
    )
  }

  func overview(_ task: TaskAnalysis) -> String {
    let metric = task.primaryMetric
    var columns = [
      say("columnSet"), say("columnRole"), capitalized(words.unit(task.task.unit)),
      say("columnMetricInterval", ["metric": capitalized(words.metric(metric))]),
    ]
    if let before = week.comparedTo {
      columns.append(say("columnChangeSince", ["week": words.week(before)]))
    }
    var notes = Footnotes(words: words)
    let rows = task.sets.map { set -> (header: String, cells: [String]) in
      var cells = [
        HTML.escape(words.sentence("sets", "role_" + set.config.role.rawValue)),
        words.numbers.count(set.analysis.examples),
        notes.estimate(set.analysis.estimate(metric), metric, place: "'\(set.config.id)'"),
      ]
      if week.comparedTo != nil {
        cells.append(
          notes.change(
            set.change(metric), metric, place: "'\(set.config.id)'", against: week.comparedTo))
      }
      return (set.config.id, cells)
    }
    return HTML.table(
      caption: say("overviewCaption", ["task": task.task.name, "metric": words.metric(metric)]),
      columns: columns, rows: rows)
      + notes.html
  }

  func intervalChart(_ task: TaskAnalysis) -> String {
    let metric = task.primaryMetric
    let rows = task.sets.map { set in
      let estimate = set.analysis.estimate(metric)
      return IntervalChart.Row(
        label: set.config.id, value: estimate?.value, interval: estimate?.ci95,
        note: estimate?.value.map { words.numbers.metric($0, isRate: metric.isRate) }
          ?? say("undefined"))
    }
    guard rows.contains(where: { $0.value != nil }) else { return "" }
    let title = say("intervalTitle", ["task": task.task.name, "metric": words.metric(metric)])
    // Captions come from our templates; only the metric's name is escaped, as the caption was before.
    // The overview table right above holds the same numbers: on a phone the chart gives way to it.
    return "<figure class=\"interval\">"
      + IntervalChart.svg(
        rows: rows, metric: words.metric(metric), title: title, isRate: metric.isRate,
        text: words.chartText)
      + "<figcaption>\(say("intervalCaption", ["metric": HTML.escape(words.metric(metric))]))</figcaption></figure>"
  }

  func segments(_ task: TaskAnalysis) -> SegmentsView? {
    guard
      let set = ([Phrases.referenceSet(task)].compactMap { $0 } + task.sets).first(where: {
        !$0.analysis.segments.isEmpty
      })
    else { return nil }
    let metric =
      task.primaryMetric == .rocAUC || task.primaryMetric == .prAUC
      ? (task.isBinary ? MetricName.recall : .balancedAccuracy) : task.primaryMetric
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
    let rows = listed.map { segment -> (header: String, cells: [String]) in
      (
        segment.name,
        [words.numbers.count(segment.counts.total)]
          + shown.map {
            notes.estimate(
              segment.estimate($0), $0, place: say("segmentPlace", ["segment": segment.name]))
          }
      )
    }
    let table =
      HTML.table(
        caption: say("segmentsCaption", ["task": task.task.name, "set": set.config.id]),
        columns: [say("columnSegment"), capitalized(words.unit(task.task.unit))]
          + shown.map { capitalized(words.metric($0)) }, rows: rows) + notes.html
    var note = Self.weakestSentence(
      set.analysis.segments, metric: metric, unit: words.unit(task.task.unit), words: words)
    if listed.count < set.analysis.segments.count {
      note +=
        " "
        + say(
          "segmentsListed",
          ["limit": String(limit), "count": words.numbers.count(set.analysis.segments.count)])
    }
    return SegmentsView(setName: set.config.id, tableHTML: table, weakest: note)
  }

  /// The weakest segment is the true minimum among segments large enough to judge
  /// (`Thresholds.segmentMinimumExamples`), and the sentence states that rule; ties are named
  /// together; with fewer than two such segments none is named.
  static func weakestSentence(
    _ segments: [SegmentAnalysis], metric: MetricName, unit: String, words: Words
  ) -> String {
    let minimum = Thresholds.segmentMinimumExamples
    let judged = segments.filter { $0.counts.total >= minimum }
      .compactMap { segment in
        segment.estimate(metric)?.value.map {
          (name: segment.name, value: $0, size: segment.counts.total)
        }
      }
    func say(_ key: String, _ context: [String: Any] = [:]) -> String {
      words.sentence("task", key, context)
    }
    let name = words.metric(metric)
    guard judged.count >= 2, let low = judged.map(\.value).min() else {
      return segments.count > 1
        ? say("noWeakest", ["minimum": String(minimum), "unit": unit, "metric": name]) : ""
    }
    let shown = words.numbers.metric(low, isRate: metric.isRate)
    let weakest = judged.filter { words.numbers.metric($0.value, isRate: metric.isRate) == shown }
    var context: [String: Any] = [
      "judged": String(judged.count), "minimum": String(minimum), "unit": unit, "metric": name,
      "value": shown,
    ]
    if weakest.count > 1 {
      context["names"] = weakest.map { "'\($0.name)'" }.joined(
        separator: " \(words.phrase("and")) ")
      return say("weakestTied", context)
    }
    context["name"] = weakest[0].name
    context["size"] = words.numbers.count(weakest[0].size)
    var sentence = say("weakest", context)
    if weakest[0].size < 100 { sentence += " " + say("weakestSmall") }
    return sentence
  }

  func trend(_ task: TaskAnalysis) -> String? {
    let weeks = week.history
    guard weeks.count >= 2 else { return nil }
    let metric = task.primaryMetric
    let series = task.sets.map { set in
      TrendChart.Series(
        label: set.config.id,
        points: weeks.map { history in
          history.estimates["\(task.task.id)/\(set.config.id)"].flatMap { estimate in
            estimate.value.map { ($0, estimate.ci95) }
          }
        })
    }
    guard series.contains(where: { $0.points.compactMap { $0 }.count >= 2 }) else { return nil }
    let title = say("trendTitle", ["task": task.task.name, "metric": words.metric(metric)])
    let list = series.map { line in
      "<li>\(HTML.escape(line.label)): "
        + zip(weeks, line.points).compactMap { week, point in
          point.map {
            HTML.escape(
              "\(words.week(week.week)) \(words.numbers.metric($0.0, isRate: metric.isRate))")
          }
        }.joined(separator: ", ") + "</li>"
    }.joined()
    return "<figure class=\"trend\">"
      + TrendChart.svg(
        weeks: weeks.map { words.week($0.week) }, shipped: weeks.map { !$0.shipped.isEmpty },
        series: series, metric: words.metric(metric), title: title, isRate: metric.isRate,
        text: words.chartText)
      + "<figcaption>\(say("trendCaption", ["metric": HTML.escape(capitalized(words.metric(metric)))]))</figcaption></figure>"
      + "<div class=\"narrow-only\"><p class=\"list-title\">\(say("trendList", ["metric": HTML.escape(capitalized(words.metric(metric)))]))</p><ul>\(list)</ul></div>"
  }

  func metricsTable(_ task: TaskAnalysis) -> String {
    let names = task.sets.first?.analysis.metrics.map(\.name) ?? []
    let all =
      names + (task.sets.flatMap { $0.analysis.metrics.map(\.name) }.filter { !names.contains($0) })
    let unique = all.reduce(into: [MetricName]()) { if !$0.contains($1) { $0.append($1) } }
    var notes = Footnotes(words: words)
    let rows = unique.map { metric -> (header: String, cells: [String]) in
      (
        capitalized(words.metric(metric)),
        task.sets.map { set in
          var cell = notes.estimate(
            set.analysis.estimate(metric), metric, place: "'\(set.config.id)'")
          if let change = set.change(metric) {
            cell +=
              "<br><span class=\"delta\">\(notes.change(change, metric, place: "'\(set.config.id)'", against: week.comparedTo))</span>"
          }
          return cell
        }
      )
    }
    return HTML.table(
      caption: say("metricsCaption", ["task": task.task.name]),
      columns: [say("columnMetric")] + task.sets.map(\.config.id), rows: rows,
      className: "data metrics")
      + notes.html
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

  mutating func mark(_ text: String) -> String {
    let index =
      notes.firstIndex(of: text)
      ?? {
        notes.append(text)
        return notes.count - 1
      }()
    return "<sup class=\"fn\">\(index + 1)</sup>"
  }

  /// A value with its interval, or "undefined" with a mark and its reason.
  func say(_ key: String, _ context: [String: Any] = [:]) -> String {
    words.sentence("task", key, context)
  }

  mutating func estimate(_ estimate: MetricEstimate?, _ metric: MetricName, place: String) -> String
  {
    guard let estimate, estimate.value == nil else {
      return HTML.escape(Phrases.estimate(estimate, metric, words: words))
    }
    let reason = estimate.reason.map(words.reason) ?? say("undefinedOnData")
    return say("undefined")
      + mark(
        say(
          "noValue",
          ["metric": capitalized(words.metric(metric)), "place": place, "reason": reason]))
  }

  /// A change with its verdict, or "no comparison" with a mark and its reason.
  mutating func change(
    _ change: MetricChange?, _ metric: MetricName, place: String, against: ISOWeek?
  ) -> String {
    guard let change, change.delta == nil else {
      return HTML.escape(Phrases.change(change, metric, words: words))
    }
    var context: [String: Any] = [
      "metric": capitalized(words.metric(metric)), "place": place,
      "reason": change.reason.map(words.reason) ?? say("undefinedInAWeek"),
    ]
    if let against { context["week"] = words.week(against) }
    return say("noComparison") + mark(say("cannotCompare", context))
  }

  var html: String {
    notes.enumerated().map {
      "<p class=\"footnote\"><sup>\($0.offset + 1)</sup> \(HTML.escape($0.element))</p>"
    }.joined()
  }
}
