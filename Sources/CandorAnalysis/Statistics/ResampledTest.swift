import Foundation

/// One change's verdict and interval from two resampling distributions of the same statistic:
/// `null`, drawn where nothing changed (a randomisation or permutation test, valid at any
/// sample size), and `posterior`, drawn around what was observed (for the interval).
///
/// The p-value is the larger of the randomisation p-value and the interval's own p-value
/// (twice the posterior mass on the far side of zero), so "beyond noise" needs both, and the
/// interval excludes zero exactly when the p-value is under `alpha`: where the randomisation
/// test alone says noise, the interval is extended to zero.
public struct ResampledTest: Sendable {
  public var ci: ClosedRange<Double>
  public var p: Double

  /// - Parameters:
  ///   - statistic: the observed change the randomisation test judges (on shared examples when paired).
  ///   - estimate: the change reported, which the interval always contains.
  ///   - range: the change's possible range ([−1, 1], or [−2, 2] for MCC and kappa).
  ///   - probabilities: each null outcome's probability where the null was enumerated exactly.
  public init?(
    statistic: Double, estimate: Double, null: [Double], probabilities: [Double]? = nil,
    posterior: [Double],
    range: ClosedRange<Double>
  ) {
    guard null.count >= (probabilities == nil ? 20 : 1), posterior.count >= 20 else { return nil }
    let p =
      probabilities.map { Self.exactP(statistic, null: null, probabilities: $0) }
      ?? Self.randomisationP(statistic, null: null)
    let sorted = posterior.sorted()
    self.init(
      p: p, interval: Self.percentile(sorted), posteriorP: Self.posteriorP(sorted),
      estimate: estimate, range: range)
  }

  /// Combines a p-value with a resampled or normal-theory interval, keeping them in agreement.
  public init(
    p randomisation: Double, interval: ClosedRange<Double>, posteriorP: Double, estimate: Double,
    range: ClosedRange<Double>
  ) {
    var low = min(interval.lowerBound, estimate)
    var high = max(interval.upperBound, estimate)
    low = min(max(low, range.lowerBound), range.upperBound)
    high = min(max(high, range.lowerBound), range.upperBound)
    var p = max(randomisation, posteriorP)
    let excludesZero = low > 0 || high < 0
    if p >= Thresholds.alpha && excludesZero {
      if low > 0 { low = 0 } else { high = 0 }
    } else if p < Thresholds.alpha && !excludesZero {
      p = Thresholds.alpha
    }
    ci = low...high
    // A normal tail can underflow to 0 on millions of examples; 0 would read as "impossible".
    self.p = max(p, .leastNormalMagnitude)
  }

  /// The mid-p value over every outcome (undefined ones, NaN, left out and the rest
  /// renormalised): the probability of an outcome more extreme, plus half that of one exactly
  /// as extreme. The plain exact p-value counts all of the tie and spends about 3% of a 5%
  /// level on paired rates (none at all with fewer than 6 discordant pairs); mid-p spends
  /// about 5% (Lancaster 1961; Fagerland, Lydersen and Laake 2013 for McNemar), checked by the
  /// self-check's false-alarm cells.
  static func exactP(_ statistic: Double, null: [Double], probabilities: [Double]) -> Double {
    let magnitude = abs(statistic)
    let low = magnitude * (1 - 1e-9) - 1e-12
    let high = magnitude * (1 + 1e-9) + 1e-12
    var beyond = 0.0
    var tied = 0.0
    var total = 0.0
    for (value, probability) in zip(null, probabilities) where !value.isNaN {
      total += probability
      if abs(value) > high {
        beyond += probability
      } else if abs(value) >= low {
        tied += probability
      }
    }
    return total > 0 ? min(1, (beyond + tied / 2) / total) : 1
  }

  /// `(1 + b) / (1 + R)`, b the resamples more extreme plus half of those exactly as extreme
  /// (the mid-p of the draws: a count statistic ties often, and counting every tie in full
  /// spends less than the level, as the exact test did): a valid p-value for any R.
  ///
  /// Where no draw is as extreme, the true p-value is below what `R` draws can show; the
  /// normal tail of the null draws estimates it (capped at `1 / (1 + R)`), so that a strong
  /// change survives Holm's correction in a family of hundreds.
  static func randomisationP(_ statistic: Double, null: [Double]) -> Double {
    let magnitude = abs(statistic)
    let low = magnitude * (1 - 1e-9) - 1e-12
    let high = magnitude * (1 + 1e-9) + 1e-12
    var beyond = 0.0
    var tied = 0.0
    for value in null {
      if abs(value) > high {
        beyond += 1
      } else if abs(value) >= low {
        tied += 1
      }
    }
    let floor = 1 / Double(1 + null.count)
    guard beyond + tied > 0 else { return min(floor, normalTail(statistic, around: 0, null)) }
    return min(1, (1 + beyond + tied / 2) * floor)
  }

  /// Two-sided normal tail of `value` for draws centred on `center` with the draws' spread.
  static func normalTail(_ value: Double, around center: Double, _ draws: [Double]) -> Double {
    let mean = draws.reduce(0, +) / Double(draws.count)
    let variance =
      draws.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(max(1, draws.count - 1))
    guard variance > 0 else { return 1 / Double(1 + draws.count) }
    return Normal.twoSidedP((value - center) / variance.squareRoot())
  }

  /// Twice the posterior mass on the far side of zero: the p-value whose 5% level matches
  /// whether the percentile interval excludes zero. With no draw beyond zero, the normal
  /// tail of the draws stands in (capped at `1 / (1 + n)`), as for the null draws.
  static func posteriorP(_ sorted: [Double]) -> Double {
    let atOrBelow = Double(sorted.reduce(0) { $0 + ($1 <= 0 ? 1 : 0) })
    let atOrAbove = Double(sorted.reduce(0) { $0 + ($1 >= 0 ? 1 : 0) })
    guard min(atOrBelow, atOrAbove) > 0 else {
      let mean = sorted.reduce(0, +) / Double(sorted.count)
      return min(1 / Double(sorted.count + 1), normalTail(0, around: mean, sorted))
    }
    return min(1, (2 * min(atOrBelow, atOrAbove) + 1) / Double(sorted.count + 1))
  }

  static func percentile(_ sorted: [Double]) -> ClosedRange<Double> { Bootstrap.middle95(sorted) }
}
