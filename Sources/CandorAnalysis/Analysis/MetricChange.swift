import CandorModel

/// How one metric of one set moved against the week compared to.
public struct MetricChange: Sendable {
  public var metric: MetricName
  public var previous: Double?
  public var current: Double?
  /// `current - previous`; nil with `reason` when either week's value is undefined.
  public var delta: Double?
  public var reason: ChangeUnavailable?
  /// 95% interval of the delta; always contains it.
  public var ci95: ClosedRange<Double>?
  /// The test behind `significant`.
  public var test: TestMethod?
  public var pValue: Double?
  /// Holm-adjusted within the change's family.
  public var adjustedPValue: Double?
  /// Beyond noise after Holm's adjustment within `family`.
  public var significant: Bool
  /// Which family of tests decided `significant`: the confirmatory one (each task's primary
  /// metric on each set) or the supporting one (every other metric).
  public var family: ChangeFamily = .supporting
  /// Decided by the primary family's test: the primary metric, and a twin of it that is the
  /// same number here (one evidence group), which is labelled `supporting` but shares the
  /// primary's verdict, "likely" included.
  public var decidedWithPrimary = false
  /// How many examples both weeks share by id, where the test is paired.
  public var pairedExamples: Int?
  /// Changes of one set with the same group carry the same information (their null
  /// distributions are proportional) and so share one p-value and one verdict.
  public var evidenceGroup: Int?

  /// The change in the better direction: positive is an improvement, also for a loss that
  /// fell (Brier score, log loss); `delta` keeps its sign, after − before.
  public var gain: Double? { delta.map { metric.lowerIsBetter ? -$0 : $0 } }

  /// Not confirmed at 5%, but the primary family's Holm-adjusted p-value is under 10%: a
  /// looser bar (the same as `candor diff`'s "possible regression"), so with nothing changed
  /// a report shows such a line at most one time in ten. Worth watching, not yet a change.
  public var isSuggestive: Bool {
    decidedWithPrimary && !significant && (adjustedPValue ?? 1) < Thresholds.suggestiveP
      && (delta ?? 0) != 0
  }

  /// The primary's change on a set that its own interval puts beyond noise, not confirmed by
  /// the order the report tests in (a task's other sets only after its test set confirms a
  /// change, Holm among them): a 40-point drop on a validation set while the test set held
  /// still is neither "within noise" nor "too few examples".
  public var isHeldBack: Bool {
    decidedWithPrimary && !significant && (delta ?? 0) != 0
      && ci95.map { !$0.contains(0) } ?? false
  }
}

/// The multiplicity family a change is judged in. The headline, the snippet, findings and
/// `candor diff --fail-on` rest on the primary family alone; supporting changes are evidence.
public enum ChangeFamily: String, Sendable {
  case primary, supporting
  /// An interval without a verdict: neither the primary metric (or its twin) nor a metric
  /// named in `supporting:` (the weekly report's hierarchy; see `ChangeHierarchy`).
  case none
}

/// Why a change has no value or no test.
public enum ChangeUnavailable: Sendable, Equatable {
  /// Too few resamples had a value to test the change.
  case tooFewResamples
  /// The ranking has too few examples of one class to test the change.
  case rankingTooFewOfOneClass
  /// The earlier week has no value for this metric (it had no scores).
  case earlierHasNoScores
  case earlierUndefined(Undefined?)
  case currentUndefined(Undefined?)
}
