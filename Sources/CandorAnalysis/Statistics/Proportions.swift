import Foundation

/// Intervals and tests for proportions such as recall (`caught / actual failures`).
public enum Proportions {
  /// Wilson's score interval: good coverage even for small counts and rates near 0 or 1,
  /// and, unlike the textbook `p ± 1.96·se`, never leaves [0, 1].
  public static func wilson(_ successes: Int, _ trials: Int, z: Double = Normal.z95) -> ClosedRange<
    Double
  > {
    precondition(trials > 0)
    let n = Double(trials)
    let p = Double(successes) / n
    let z2 = z * z
    let center = (p + z2 / (2 * n)) / (1 + z2 / n)
    let half = z * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot() / (1 + z2 / n)
    // Clamp so the interval always contains the observed rate despite rounding.
    return min(p, max(0, center - half))...max(p, min(1, center + half))
  }

  /// Newcombe's hybrid score interval (method 10) for `p2 - p1` of two independent proportions.
  public static func newcombeDifference(_ x1: Int, _ n1: Int, _ x2: Int, _ n2: Int) -> ClosedRange<
    Double
  > {
    let p1 = Double(x1) / Double(n1)
    let p2 = Double(x2) / Double(n2)
    let w1 = wilson(x1, n1)
    let w2 = wilson(x2, n2)
    let delta = p2 - p1
    let lower =
      delta
      - ((p2 - w2.lowerBound) * (p2 - w2.lowerBound) + (w1.upperBound - p1) * (w1.upperBound - p1))
      .squareRoot()
    let upper =
      delta
      + ((w2.upperBound - p2) * (w2.upperBound - p2) + (p1 - w1.lowerBound) * (p1 - w1.lowerBound))
      .squareRoot()
    return min(lower, delta)...max(upper, delta)
  }

  /// Two-sided p-value of the pooled two-proportion z-test.
  public static func twoProportionP(_ x1: Int, _ n1: Int, _ x2: Int, _ n2: Int) -> Double {
    let pooled = Double(x1 + x2) / Double(n1 + n2)
    let variance = pooled * (1 - pooled) * (1 / Double(n1) + 1 / Double(n2))
    guard variance > 0 else { return 1 }
    return Normal.twoSidedP(
      (Double(x2) / Double(n2) - Double(x1) / Double(n1)) / variance.squareRoot())
  }
}

/// Holm's step-down adjustment: controls the chance of any false alarm across a family.
public enum Holm {
  /// Adjusted p-values, in the order given.
  public static func adjust(_ pValues: [Double]) -> [Double] {
    let order = pValues.indices.sorted { (pValues[$0], $0) < (pValues[$1], $1) }
    var adjusted = [Double](repeating: 1, count: pValues.count)
    var running = 0.0
    for (rank, index) in order.enumerated() {
      running = max(running, min(1, Double(pValues.count - rank) * pValues[index]))
      adjusted[index] = running
    }
    return adjusted
  }
}
