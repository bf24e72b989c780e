/// A finding's stable code: summary.json's `code` and the name of its wording template
/// (`findings/<code>`). An enum, so that a code without wording, rank or detector fails to
/// compile (or, for a template, fails one test that walks `allCases`).
public enum FindingCode: String, CaseIterable, Sendable, Comparable {
  case classImbalance = "class-imbalance"
  case accuracyMisleading = "accuracy-misleading"
  case smallSample = "small-sample"
  case rankingHidesPrecision = "ranking-hides-precision"
  case averageHidesWeakClass = "average-hides-weak-class"
  case significantRegression = "significant-regression"
  case significantImprovement = "significant-improvement"
  case changeNotSignificant = "change-not-significant"
  case prevalenceShift = "prevalence-shift"
  case setsDisagree = "sets-disagree"
  case testSetOverlap = "test-set-overlap"
  case testSetReused = "test-set-reused"

  /// The week-over-week verdicts of a primary metric.
  public static let changes: Set<FindingCode> = [
    .significantRegression, .significantImprovement, .changeNotSignificant,
  ]

  public static func < (lhs: FindingCode, rhs: FindingCode) -> Bool { lhs.rawValue < rhs.rawValue }
}
