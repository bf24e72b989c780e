import CandorAnalysis
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
    return ReportView(
      title: front("title", ["client": week.clientName, "week": shown]),
      clientName: week.clientName,
      week: shown,
      weekStart: front("weekStart", ["week": shown, "monday": words.monday(week.week)]),
      comparison: comparison(week),
      oneMinute: Editor.oneMinute(week, words: words),
      news: Editor.callouts(news, week: week, words: words),
      hasNews: !news.isEmpty,
      newsNote: newsNote(news, week),
      appendix: Editor.appendix(week, words: words),
      tasks: explainingMethodOnce(
        week.tasks.map(taskNarrator.view), pointsToVerdicts: week.comparisons > 0),
      sets: SetsNarrator.view(
        week, words: words, shownNews: Array(news.prefix(Editor.maxCallouts))),
      progress: ProgressNarrator.view(week, words: words),
      comparisons: week.comparisons == 0
        ? ""
        : front(
          "verdictsRest",
          [
            "comparisons": words.counted(week.comparisons, "comparison"),
            "measurements": words.counted(week.supportingComparisons, "measurement"),
          ]),
      generatedBy: front("generatedBy", ["week": shown]),
      labels: words.layoutLabels()
    )
  }

  /// How a change is judged is the same for every task, so the change sections leave it to
  /// this: the first task with a change section says it, the others do not repeat it. It points to "How sure are these numbers?" only
  /// where that section explains verdicts (`pointsToVerdicts`: some change was tested).
  func explainingMethodOnce(_ tasks: [TaskView], pointsToVerdicts: Bool = true) -> [TaskView] {
    var tasks = tasks
    if let first = tasks.firstIndex(where: { $0.change != nil }) {
      tasks[first].change?.method = words.sentence(
        "change", pointsToVerdicts ? "method" : "methodInterval")
    }
    return tasks
  }

  func front(_ key: String, _ context: [String: Any] = [:]) -> String {
    words.sentence("front-page", key, context)
  }

  func comparison(_ week: WeekAnalysis) -> String {
    guard let before = week.comparedTo else {
      return front("firstWeek", ["client": week.clientName])
    }
    let previous = ISOWeek(year: week.week.year, week: week.week.week - 1)
    if previous != nil && previous != before {
      return front("againstLatest", ["before": words.week(before)])
    }
    return front("againstPrevious", ["before": words.week(before)])
  }

  func newsNote(_ news: [Editor.Callout], _ week: WeekAnalysis) -> String {
    if news.isEmpty {
      // Changes within noise are findings too, but not conditions that stand.
      let standing = week.findings.contains { !Editor.changeCodes.contains($0.code) }
      return front(standing ? "nothingNewStanding" : "nothingNew")
    }
    if news.count > Editor.maxCallouts {
      let more = news.count - Editor.maxCallouts
      return front("moreNews", ["more": words.counted(more, "moreItem"), "one": more == 1])
    }
    return ""
  }
}
