import CandorAnalysis
import CandorWorkspace
import Foundation

/// Small pieces of wording shared by the sections.
enum Phrases {
  /// A client's description as a sentence, with a full stop if it lacks one.
  static func sentence(_ text: String) -> String {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    guard let last = trimmed.last else { return "" }
    return ".!?".contains(last) ? trimmed : trimmed + "."
  }

  /// The value with its interval, e.g. "65.6% (53.1% to 76.3%)", or why there is none.
  static func estimate(_ estimate: MetricEstimate?, _ metric: MetricName, words: Words) -> String {
    guard let estimate else { return words.sentence("task", "notMeasured") }
    guard let value = estimate.value else { return words.sentence("task", "undefined") }
    var text = words.numbers.metric(value, isRate: metric.isRate)
    if let ci = estimate.ci95 { text += " (\(words.numbers.interval(ci, isRate: metric.isRate)))" }
    return text
  }

  static func change(_ change: MetricChange?, _ metric: MetricName, words: Words) -> String {
    guard let change else { return words.phrase("firstWeek") }
    guard let delta = change.delta, !isInvisible(change) else {
      return verdict(change, words: words)
    }
    return words.numbers.signed(delta, isRate: metric.isRate) + ", "
      + shortVerdict(change, words: words)
  }

  /// The verdict the report's tables print beside a change: "not comparable", "no visible
  /// change", or `shortVerdict`; summary.json carries the same words.
  static func verdict(_ change: MetricChange, words: Words) -> String {
    guard change.delta != nil else { return words.phrase("notComparable") }
    if isInvisible(change) { return words.phrase("noVisibleChange") }
    return shortVerdict(change, words: words)
  }

  /// Two ends that print alike: no change a reader could see, whatever its p-value.
  static func isInvisible(_ change: MetricChange) -> Bool {
    guard let previous = change.previous, let current = change.current else { return false }
    return Precision.isNonEvent(previous: previous, current: current, isRate: change.metric.isRate)
  }

  /// "real gain", "likely drop, unconfirmed", "within noise"; a supporting change whose own
  /// interval excludes zero but that is not confirmed across the report is not called noise.
  static func shortVerdict(_ change: MetricChange, words: Words) -> String {
    let up = (change.delta ?? 0) > 0
    if change.metric.lowerIsBetter { return lossVerdict(change, up: up, words: words) }
    if change.significant { return words.phrase(up ? "realGain" : "realDrop") }
    if change.isSuggestive { return words.phrase(up ? "likelyGain" : "likelyDrop") }
    if let ci = change.ci95, !ci.contains(0) {
      return words.phrase(up ? "upUnconfirmed" : "downUnconfirmed")
    }
    return words.phrase("withinNoise")
  }

  /// A loss (Brier score, log loss): a drop is the improvement, and the words say so.
  static func lossVerdict(_ change: MetricChange, up: Bool, words: Words) -> String {
    if change.significant { return words.phrase(up ? "lossWorse" : "lossBetter") }
    if change.isSuggestive { return words.phrase(up ? "lossLikelyWorse" : "lossLikelyBetter") }
    if let ci = change.ci95, !ci.contains(0) {
      return words.phrase(up ? "lossUpUnconfirmed" : "lossDownUnconfirmed")
    }
    return words.phrase("withinNoise")
  }

  /// The set a task's story is told on (`TaskAnalysis.referenceSet`).
  static func referenceSet(_ task: TaskAnalysis) -> SetResult? { task.referenceSet }
}
