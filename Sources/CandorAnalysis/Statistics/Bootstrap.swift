import Foundation

/// Percentile intervals from resampled values of a metric.
public struct Bootstrap: Sendable {
  public static let resamples = 2000

  /// The 2.5th and 97.5th percentiles, widened to contain `estimate`. When almost no
  /// resample had a value (a class too rare to appear in most of them), the data cannot pin
  /// the metric down, and the interval is the metric's whole range, `bounds`.
  static func percentile(
    _ values: [Double], containing estimate: Double, bounds: ClosedRange<Double> = 0...1
  ) -> ClosedRange<Double> {
    guard values.count >= 20 else {
      return min(bounds.lowerBound, estimate)...max(bounds.upperBound, estimate)
    }
    let central = middle95(values.sorted())
    return min(central.lowerBound, estimate)...max(central.upperBound, estimate)
  }

  /// The 2.5th and 97.5th percentiles of sorted values, interpolated between neighbours.
  static func middle95(_ sorted: [Double]) -> ClosedRange<Double> {
    func at(_ q: Double) -> Double {
      let position = q * Double(sorted.count - 1)
      let low = Int(position.rounded(.down))
      let high = min(sorted.count - 1, low + 1)
      return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
    }
    return at(0.025)...at(0.975)
  }
}
