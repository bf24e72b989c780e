import CandorWorkspace

/// A metric's value on one set with its 95% interval, or why it has no value.
public struct MetricEstimate: Sendable, Equatable {
    /// Nil when the metric is undefined on the data; `reason` then says why in plain words.
    public var value: Double?
    public var reason: String?
    /// Always contains `value`.
    public var ci95: ClosedRange<Double>?
    /// How the interval was made, e.g. "wilson" or "bootstrap".
    public var method: String?

    public static func undefined(_ reason: String) -> MetricEstimate {
        MetricEstimate(value: nil, reason: reason, ci95: nil, method: nil)
    }

    public static func point(_ value: Double) -> MetricEstimate {
        MetricEstimate(value: value, reason: nil, ci95: nil, method: nil)
    }
}

/// Either a number or the reason it cannot be computed.
public enum MetricValue: Sendable, Equatable {
    case value(Double)
    case undefined(String)

    public var number: Double? {
        if case .value(let value) = self { return value }
        return nil
    }
}
