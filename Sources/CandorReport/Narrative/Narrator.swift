import CandorAnalysis
import CandorModel
import CandorWorkspace

/// Composes the report's view model from a week's analysis: the words of the report.
public struct Narrator: Sendable {
  public let words: Words

  public init(words: Words) {
    self.words = words
  }

  public func report(_ week: WeekAnalysis) -> ReportView {
    let news = Editor.news(week, words: words)
    let taskNarrator = TaskNarrator(
      week: week, words: words, shownNews: Array(news.prefix(Editor.maxCallouts)))
    let shown = words.week(week.week)
    var view = ReportView(
      title: front(.title, ["client": week.clientName, "week": shown]),
      clientName: week.clientName,
      week: shown,
      weekStart: front(.weekStart, ["week": shown, "monday": words.monday(week.week)]),
      comparison: comparison(week),
      oneMinute: Editor.oneMinute(week, words: words),
      statusLines: week.tasks.map {
        let status = TaskStatus($0)
        return StatusLine(
          task: $0.task.name, status: status, words: words.phrase(.status(status)))
      },
      news: Editor.callouts(news, week: week, words: words),
      hasNews: !news.isEmpty,
      newsNote: newsNote(news, week),
      appendix: Editor.appendix(week, words: words),
      tasks: explainingFiguresOnce(
        explainingMethodOnce(
          week.tasks.map(taskNarrator.view), pointsToVerdicts: week.comparisons > 0)),
      sets: SetsNarrator.view(
        week, words: words, shownNews: Array(news.prefix(Editor.maxCallouts))),
      progress: ProgressNarrator.view(week, words: words),
      comparisons: week.comparisons == 0
        ? ""
        : front(
          .verdictsRest,
          [
            "comparisons": words.counted(week.comparisons, .comparison),
            "measurements": words.counted(week.supportingComparisons, .measurement),
          ]),
      legend: legend(week),
      clientNewsNote: news.count > Editor.maxCallouts ? "" : newsNote(news, week, client: true),
      generatedBy: front(.generatedBy, ["week": shown]),
      labels: words.layoutLabels()
    )
    view.hasLegend = !view.legend.isEmpty
    return view
  }

  /// How a change is judged is the same for every task, so the change sections leave it to
  /// this: the first task with a change section says it, the others do not repeat it. It points to "How sure are these numbers?" only
  /// where that section explains verdicts (`pointsToVerdicts`: some change was tested).
  func explainingMethodOnce(_ tasks: [TaskView], pointsToVerdicts: Bool = true) -> [TaskView] {
    var tasks = tasks
    if let first = tasks.firstIndex(where: { $0.change != nil }) {
      tasks[first].change?.method = words.sentence(
        pointsToVerdicts ? Sentence.Change.method : .methodInterval)
    }
    return tasks
  }

  /// How to read an interval chart, a confusion matrix or a trend is the same for every task:
  /// the first figure of each kind explains it, later ones keep only their title.
  func explainingFiguresOnce(_ tasks: [TaskView]) -> [TaskView] {
    var tasks = tasks
    var seen = (interval: false, matrix: false, trend: false)
    for index in tasks.indices {
      if tasks[index].intervalChart != nil {
        if seen.interval { tasks[index].intervalChart?.caption = "" }
        seen.interval = true
      }
      if tasks[index].confusion != nil {
        if seen.matrix { tasks[index].confusion?.heatmap.caption = "" }
        seen.matrix = true
      }
      if tasks[index].trend != nil {
        if seen.trend { tasks[index].trend?.caption = "" }
        seen.trend = true
      }
    }
    return tasks
  }

  func front(_ key: Sentence.FrontPage, _ context: [String: Any] = [:]) -> String {
    words.sentence(key, context)
  }

  func comparison(_ week: WeekAnalysis) -> String {
    guard let before = week.comparedTo else {
      return front(.firstWeek, ["client": week.clientName])
    }
    let previous = ISOWeek(year: week.week.year, week: week.week.week - 1)
    if previous != nil && previous != before {
      return front(.againstLatest, ["before": words.week(before)])
    }
    return front(.againstPrevious, ["before": words.week(before)])
  }

  /// What the legend explains: each kind of label the tables print beside the watched
  /// number's change, in the order the report first uses them.
  func legend(_ week: WeekAnalysis) -> [LegendLine] {
    var kinds: [(kind: Sentence.FrontPage, labels: [String])] = []
    for task in week.tasks {
      for set in task.sets {
        guard let change = set.change(task.primaryMetric) else { continue }
        let key = Phrases.verdictKey(change)
        let kind = Self.legendKind(key)
        let label = words.phrase(key)
        if let at = kinds.firstIndex(where: { $0.kind == kind }) {
          if !kinds[at].labels.contains(label) { kinds[at].labels.append(label) }
        } else {
          kinds.append((kind, [label]))
        }
      }
    }
    return kinds.map {
      LegendLine(
        names: $0.labels.joined(separator: ", "), meaning: front($0.kind))
    }
  }

  static func legendKind(_ verdictKey: Phrase) -> Sentence.FrontPage {
    switch verdictKey {
    case .realGain, .realDrop, .lossBetter, .lossWorse: .legend_real
    case .likelyGain, .likelyDrop, .lossLikelyBetter, .lossLikelyWorse: .legend_likely
    case .tooFewToConfirm: .legend_tooFew
    case .withinNoise: .legend_noise
    case .noVisibleChange: .legend_invisible
    case .notComparable: .legend_notComparable
    default: .legend_unconfirmed
    }
  }

  func newsNote(_ news: [Editor.Callout], _ week: WeekAnalysis, client: Bool = false) -> String {
    if news.isEmpty {
      // Work shipped is news even when no number moved: "nothing new" would hide it.
      let shipped = week.worklog?.items.filter { $0.status == .shipped }.map(\.title) ?? []
      if !shipped.isEmpty {
        return front(.nothingMovedButShipped, ["items": words.list(shipped.map(words.quoted))])
      }
      // Changes within noise are findings too, but not conditions that stand.
      let standing = week.findings.contains { !Editor.changeCodes.contains($0.code) }
      return front(standing && !client ? .nothingNewStanding : .nothingNew)
    }
    if news.count > Editor.maxCallouts {
      let more = news.count - Editor.maxCallouts
      return front(.moreNews, ["more": words.counted(more, .moreItem), "one": more == 1])
    }
    return ""
  }
}
