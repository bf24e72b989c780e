import CandorAnalysis
import CandorModel
import CandorWorkspace

/// A first model is news: a shipped work item whose task, the week before, had a model that
/// gave one answer to every example (a placeholder) or no value of the watched number.
extension Editor {
  static func firstModels(_ week: WeekAnalysis, words: Words) -> [Callout] {
    guard week.comparedTo != nil else { return [] }
    let shipped = week.worklog?.items.filter { $0.status == .shipped } ?? []
    var callouts: [Callout] = []
    for item in shipped {
      for id in item.tasks {
        guard let task = week.tasks.first(where: { $0.task.id == id }),
          let set = task.referenceSet,
          let value = set.analysis.estimate(task.primaryMetric)?.value,
          let before = week.previousTasks.first(where: { $0.task.id == id })?.sets.first(where: {
            $0.config.id == set.config.id
          })?.analysis,
          answers(before.counts) <= 1 || before.estimate(task.primaryMetric)?.value == nil,
          answers(set.analysis.counts) > 1
        else { continue }
        let only = (0..<before.counts.size).first { before.counts.predictedCount($0) > 0 }
        let text = words.sentence(
          Sentence.FrontPage.firstModel,
          [
            "item": words.quoted(item.title), "set": words.quoted(set.config.id),
            "metric": words.metric(task.primaryMetric),
            "value": words.numbers.metric(value, isRate: task.primaryMetric.isRate),
            "answer": only.map { words.quoted(before.classes[$0]) } ?? "",
            "oneAnswer": only != nil,
          ])
        callouts.append(
          Callout(
            rank: 15, severity: .info, task: id, sets: [set.config.id], codes: [],
            paragraphs: [text]))
      }
    }
    return callouts
  }

  /// How many different answers a model gave.
  static func answers(_ counts: ConfusionCounts) -> Int {
    (0..<counts.size).filter { counts.predictedCount($0) > 0 }.count
  }
}
