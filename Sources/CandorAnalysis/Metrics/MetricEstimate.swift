import CandorModel

/// A metric's value on one set with its 95% interval, or why it has no value.
public struct MetricEstimate: Sendable, Equatable {
  /// Nil when the metric is undefined on the data; `reason` then says why (the report words it).
  public var value: Double?
  public var reason: Undefined?
  /// Always contains `value`.
  public var ci95: ClosedRange<Double>?
  /// How the interval was made, e.g. "wilson" or "bootstrap".
  public var method: String?

  public static func undefined(_ reason: Undefined) -> MetricEstimate {
    MetricEstimate(value: nil, reason: reason, ci95: nil, method: nil)
  }

  public static func point(_ value: Double) -> MetricEstimate {
    MetricEstimate(value: value, reason: nil, ci95: nil, method: nil)
  }
}

/// Either a number or the reason it cannot be computed.
public enum MetricValue: Sendable, Equatable {
  case value(Double)
  case undefined(Undefined)

  public var number: Double? {
    if case .value(let value) = self { return value }
    return nil
  }
}

/// Why a metric has no value on a set's data.
public enum Undefined: Sendable, Equatable {
  /// No example was predicted `label`: precision has nothing to measure.
  case nothingPredicted(label: String)
  /// The set has no `label` example: `metric` (recall, specificity, average precision) has nothing to measure.
  case noExample(label: String, metric: MetricName)
  case neitherOccursNorPredicted(label: String)
  /// `label` was predicted but never true: its recall, and the macro average, are undefined.
  case predictedWithoutTrueExample(label: String)
  /// Every example has the same true class (MCC).
  case oneTrueClass
  /// The model predicted one class for every example (MCC).
  case onePredictedClass
  /// Truth and predictions are all the same class (kappa).
  case allOneClass
  /// No positive (or no negative) example, so nothing to rank (ROC AUC).
  case nothingToRank(positivesMissing: Bool)
}
