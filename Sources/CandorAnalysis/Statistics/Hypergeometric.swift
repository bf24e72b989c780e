import Foundation

/// Draws for permutation tests: how many of `draws` examples taken without replacement from
/// `population` fall among its `successes`.
public enum Hypergeometric {
  public static func sample(
    population: Int, successes: Int, draws: Int, using random: inout RandomSource
  ) -> Int {
    if draws <= 0 || successes <= 0 { return 0 }
    if successes >= population { return draws }
    if draws >= population { return successes }
    let lowest = max(0, draws + successes - population)
    let highest = min(draws, successes)
    if lowest == highest { return lowest }
    let n = Double(population)
    let k = Double(successes)
    let m = Double(draws)
    let mean = m * k / n
    // Exact inversion walks from the lowest value; beyond a few dozen steps the normal
    // approximation's error is far below a Monte Carlo p-value's own noise.
    if mean - Double(lowest) < 40 {
      var x = lowest
      var probability = exp(
        logChoose(successes, x) + logChoose(population - successes, draws - x)
          - logChoose(population, draws))
      var u = random.uniform()
      while u > probability && x < highest {
        u -= probability
        let next =
          Double(successes - x) * Double(draws - x)
          / (Double(x + 1) * Double(population - successes - draws + x + 1))
        probability *= next
        x += 1
      }
      return x
    }
    let variance = m * (k / n) * (1 - k / n) * (n - m) / max(1, n - 1)
    let value = (mean + variance.squareRoot() * random.normal()).rounded()
    return Int(min(Double(highest), max(Double(lowest), value)))
  }

  /// Splits `pool` (counts per cell) into a random subset of `draws` examples, written to
  /// `taken`, the rest staying behind: a multivariate hypergeometric draw.
  public static func split(
    _ pool: [Int], draws: Int, into taken: inout [Int], using random: inout RandomSource
  ) {
    var remainingPopulation = pool.reduce(0, +)
    var remainingDraws = draws
    for index in pool.indices {
      let value =
        remainingDraws == 0
        ? 0
        : sample(
          population: remainingPopulation, successes: pool[index],
          draws: remainingDraws, using: &random)
      taken[index] = value
      remainingDraws -= value
      remainingPopulation -= pool[index]
    }
  }

  static func logChoose(_ n: Int, _ k: Int) -> Double {
    lgamma(Double(n + 1)) - lgamma(Double(k + 1)) - lgamma(Double(n - k + 1))
  }
}
