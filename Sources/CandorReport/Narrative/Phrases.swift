import CandorAnalysis
import CandorModel
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
    guard let estimate else { return words.sentence(Sentence.Task.notMeasured) }
    guard let value = estimate.value else { return words.sentence(Sentence.Task.undefined) }
    var text = words.numbers.metric(value, isRate: metric.isRate)
    if let ci = estimate.ci95 { text += " (\(words.numbers.interval(ci, isRate: metric.isRate)))" }
    return text
  }

  static func change(_ change: MetricChange?, _ metric: MetricName, words: Words) -> String {
    guard let change else { return words.phrase(.firstWeek) }
    guard let delta = change.delta, !isInvisible(change) else {
      return verdict(change, words: words)
    }
    return words.numbers.signed(delta, isRate: metric.isRate) + ", "
      + shortVerdict(change, words: words)
  }

  /// The verdict the report's tables print beside a change: "not comparable", "no visible
  /// change", or `shortVerdict`; summary.json carries the same words.
  static func verdict(_ change: MetricChange, words: Words) -> String {
    words.phrase(verdictKey(change))
  }

  /// The phrase key of `verdict`, which the reading guide explains once per label used.
  static func verdictKey(_ change: MetricChange) -> Phrase {
    guard change.delta != nil else { return .notComparable }
    if isInvisible(change) { return .noVisibleChange }
    return shortVerdictKey(change)
  }

  /// Two ends that print alike: no change a reader could see, whatever its p-value.
  static func isInvisible(_ change: MetricChange) -> Bool {
    guard let previous = change.previous, let current = change.current else { return false }
    return PrintedPrecision.isNonEvent(
      previous: previous, current: current, isRate: change.metric.isRate)
  }

  /// "real gain", "likely drop, unconfirmed", "too few examples to confirm", "within noise"; a
  /// supporting change whose own interval excludes zero but that is not confirmed across the
  /// report is not called noise.
  static func shortVerdict(_ change: MetricChange, words: Words) -> String {
    words.phrase(shortVerdictKey(change))
  }

  static func shortVerdictKey(_ change: MetricChange) -> Phrase {
    let up = (change.delta ?? 0) > 0
    let loss = change.metric.lowerIsBetter
    if change.significant {
      return loss ? (up ? .lossWorse : .lossBetter) : (up ? .realGain : .realDrop)
    }
    // Beyond noise on its own interval first, as the sentences order it (`isHeldBack`), then
    // close to confirmed.
    if let ci = change.ci95, !ci.contains(0) {
      return loss
        ? (up ? .lossUpUnconfirmed : .lossDownUnconfirmed)
        : (up ? .upUnconfirmed : .downUnconfirmed)
    }
    if change.isSuggestive {
      return loss
        ? (up ? .lossLikelyWorse : .lossLikelyBetter) : (up ? .likelyGain : .likelyDrop)
    }
    return isLargeOnFewExamples(change) ? .tooFewToConfirm : .withinNoise
  }

  /// A change a client would care about (at least 5 points, or 0.05 on a score) that is still
  /// at least half its interval's half-width from zero yet unconfirmed: the change is large,
  /// the examples are too few. "Within noise" is kept for changes small next to their interval.
  static func isLargeOnFewExamples(_ change: MetricChange) -> Bool {
    guard !change.significant, let delta = change.delta, let ci = change.ci95 else {
      return false
    }
    let halfWidth = (ci.upperBound - ci.lowerBound) / 2
    return abs(delta) >= Thresholds.materialChange && abs(delta) >= halfWidth / 2
  }

  /// The set a task's story is told on (`TaskAnalysis.referenceSet`).
  static func referenceSet(_ task: TaskAnalysis) -> SetResult? { task.referenceSet }
}
