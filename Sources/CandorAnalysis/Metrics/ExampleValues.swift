import Foundation

/// One value per example whose mean is a metric: each example's loss (Brier score, log loss),
/// its top-2 hit, or its ROC AUC pseudo-value. Kept with the examples' id hashes, where the
/// file has ids, so that two weeks can be paired example by example.
public struct ExampleValues: Sendable {
  public var values: [Double]
  /// Aligned with `values`; nil where the file has no ids.
  public var idHashes: [UInt64]?
  /// The spread a coin-flip model's values would have: it floors the variance, so that an
  /// interval or a change is never of zero width on a few examples that happen to agree.
  public var chanceSpread: Double
  /// The values the mean can take: its interval stays inside, a change inside ± its width.
  public var valueRange: ClosedRange<Double>

  public init(
    values: [Double], idHashes: [UInt64]?, chanceSpread: Double,
    valueRange: ClosedRange<Double> = 0...1
  ) {
    self.values = values
    self.idHashes = idHashes
    self.chanceSpread = chanceSpread
    self.valueRange = valueRange
  }

  /// The values a change of this mean can take: ± the width of `valueRange`.
  var changeRange: ClosedRange<Double> {
    let width = valueRange.upperBound - valueRange.lowerBound
    return -width...width
  }

  public var mean: Double { values.reduce(0, +) / Double(max(1, values.count)) }

  /// `z²/2` pseudo-examples at `mean + c` and as many at `mean − c`: the mean is unchanged,
  /// the variance never zero, and their weight fades as examples accumulate.
  static let pseudoWeight = Normal.z95 * Normal.z95 / 2

  /// The standard error of the mean, with the variance floored by the pseudo-examples.
  static func standardError(_ values: [Double], chanceSpread c: Double) -> Double {
    let n = Double(values.count)
    guard n > 0 else { return .infinity }
    let mean = values.reduce(0, +) / n
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    let h = c > 0 ? pseudoWeight : 0
    let variance = (squares + 2 * h * c * c) / (n + 2 * h - 1)
    return (variance / n).squareRoot()
  }

  /// `mean ± 1.96·se` within `valueRange`, always containing the mean.
  func interval() -> ClosedRange<Double> {
    let bounds = valueRange
    let value = mean
    let half = Normal.z95 * Self.standardError(values, chanceSpread: chanceSpread)
    // Within the bounds, but never excluding the mean itself.
    let low = min(value, max(bounds.lowerBound, value - half))
    let high = max(value, min(bounds.upperBound, value + half))
    return low...high
  }
}
