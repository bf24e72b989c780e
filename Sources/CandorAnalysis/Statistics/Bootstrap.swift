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

/// The one resampling loop: `draws` resamples from one random stream, each giving a value per
/// column (nil where the statistic is undefined on that resample, and left out), collected
/// column by column in draw order. Posteriors, bootstraps, permutation and sign-flip nulls all
/// go through it, so every one consumes its stream the same way.
enum Resampling {
  static func columns(
    _ draws: Int, columns: Int, using random: inout RandomSource,
    _ resample: (inout RandomSource) -> [Double?]
  ) -> [[Double]] {
    var values = [[Double]](repeating: [], count: columns)
    for index in values.indices { values[index].reserveCapacity(draws) }
    for _ in 0..<draws {
      for (index, value) in resample(&random).enumerated() {
        if let value { values[index].append(value) }
      }
    }
    return values
  }

  /// One statistic.
  static func values(
    _ draws: Int, using random: inout RandomSource, _ resample: (inout RandomSource) -> Double?
  ) -> [Double] {
    columns(draws, columns: 1, using: &random) { [resample(&$0)] }[0]
  }
}
