import Foundation

/// Binomial draws and tail probabilities for resampling and exact tests.
public enum Binomial {
  /// A draw from Binomial(n, p).
  ///
  /// Exact by inversion when the expected count (or its complement) is under 30; above
  /// that, the normal approximation, whose error is far below a bootstrap's own noise.
  public static func sample(_ n: Int, _ p: Double, using random: inout RandomSource) -> Int {
    if n <= 0 || p <= 0 { return 0 }
    if p >= 1 { return n }
    if p > 0.5 { return n - sample(n, 1 - p, using: &random) }
    let mean = Double(n) * p
    if mean < 30 {
      let q = 1 - p
      let s = p / q
      let a = Double(n + 1) * s
      var r = exp(Double(n) * log1p(-p))
      var u = random.uniform()
      var x = 0
      while u > r && x < n {
        u -= r
        x += 1
        r *= a / Double(x) - s
        if r <= 0 { break }
      }
      return x
    }
    let draw = (mean + (mean * (1 - p)).squareRoot() * random.normal()).rounded()
    return Int(min(Double(n), max(0, draw)))
  }

  /// Multinomial(n, probabilities) by successive conditional binomials.
  public static func multinomial(
    _ n: Int, _ probabilities: [Double], into counts: inout [Int], using random: inout RandomSource
  ) {
    var remaining = n
    var mass = 1.0
    for index in probabilities.indices {
      if index == probabilities.count - 1 || remaining == 0 {
        counts[index] = remaining
        remaining = 0
        continue
      }
      let p = mass > 0 ? min(1, probabilities[index] / mass) : 0
      let draw = sample(remaining, p, using: &random)
      counts[index] = draw
      remaining -= draw
      mass -= probabilities[index]
    }
  }
}
