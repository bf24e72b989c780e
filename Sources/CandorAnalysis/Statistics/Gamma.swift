import Foundation

extension RandomSource {
  /// A draw from Gamma(shape, 1): Marsaglia and Tsang (2000); shapes below 1 through
  /// Gamma(shape + 1)·U^(1/shape).
  public mutating func gamma(_ shape: Double) -> Double {
    precondition(shape > 0)
    if shape < 1 {
      let u = max(uniform(), .leastNonzeroMagnitude)
      return gamma(shape + 1) * pow(u, 1 / shape)
    }
    let d = shape - 1.0 / 3
    let c = 1 / (9 * d).squareRoot()
    while true {
      var x = 0.0
      var v = 0.0
      repeat {
        x = normal()
        v = 1 + c * x
      } while v <= 0
      v = v * v * v
      let u = uniform()
      if u < 1 - 0.0331 * x * x * x * x { return d * v }
      if log(max(u, .leastNonzeroMagnitude)) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
    }
  }
}

/// Posterior draws of cell proportions: Dirichlet(counts + prior).
///
/// Count metrics are ratios of cell counts, so a draw is handed to them as integer counts on
/// one large scale (2^40): the metric of the proportions, to about 1e-12.
public enum Dirichlet {
  static let scale = 0x1p40

  /// Fills `cells` with one draw; `scratch` must be as long as `alphas`.
  static func draw(
    _ alphas: [Double], into cells: inout [Int], scratch: inout [Double],
    using random: inout RandomSource
  ) {
    draw(alphas, over: alphas.indices, into: &cells, scratch: &scratch, using: &random)
  }

  /// One draw touching only `indices` (ascending), for a sparse prior: cells outside them must
  /// be zero with a zero alpha. The same random numbers, in the same order, as the full draw,
  /// so the result is the same to the bit.
  static func draw<Indices: Collection<Int>>(
    _ alphas: [Double], over indices: Indices, into cells: inout [Int],
    scratch: inout [Double], using random: inout RandomSource
  ) {
    var sum = 0.0
    for index in indices {
      let value = alphas[index] > 0 ? random.gamma(alphas[index]) : 0
      scratch[index] = value
      sum += value
    }
    guard sum > 0 else {
      for index in indices { cells[index] = 0 }
      return
    }
    for index in indices { cells[index] = Int((scratch[index] / sum * scale).rounded()) }
  }
}
