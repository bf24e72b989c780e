import Foundation

/// Average precision reduced to what it depends on: for each score that some positive holds,
/// how many positives hold it and how many negatives score at or above it but below the
/// previous such score. A bootstrap then costs O(levels) a resample, not O(examples).
public struct AveragePrecisionLevels: Sendable {
  /// Highest score first.
  var positives: [Int]
  var negatives: [Int]
  /// Negatives below every positive: they never count as false alarms.
  var negativesBelow: Int

  /// - Parameter groups: tied scores in ascending order, as `RankingMetrics` keeps them.
  init(ascending groups: [RankingMetrics.Group]) {
    positives = []
    negatives = []
    var pending = 0
    for group in groups.reversed() {
      pending += group.negatives
      if group.positives > 0 {
        positives.append(group.positives)
        negatives.append(pending)
        pending = 0
      }
    }
    negativesBelow = pending
  }

  static func averagePrecision(positives: [Int], negatives: [Int]) -> Double? {
    let total = positives.reduce(0, +)
    guard total > 0 else { return nil }
    var truePositives = 0
    var falsePositives = 0
    var sum = 0.0
    for level in positives.indices {
      truePositives += positives[level]
      falsePositives += negatives[level]
      if positives[level] > 0 {
        sum +=
          Double(positives[level]) * Double(truePositives) / Double(truePositives + falsePositives)
      }
    }
    return sum / Double(total)
  }

  /// Bootstrap draws of average precision, positives and negatives resampled separately
  /// (their counts are fixed by the set), fewer draws when there are many levels.
  func resampled(seed: UInt64, draws: Int = 1000) -> [Double] {
    let totalPositives = positives.reduce(0, +)
    let totalNegatives = negatives.reduce(0, +) + negativesBelow
    guard totalPositives > 0 else { return [] }
    let count = max(200, min(draws, 4_000_000 / max(1, positives.count)))
    var random = RandomSource(seed: seed)
    let positiveShares = positives.map { Double($0) / Double(totalPositives) }
    let negativeShares = (negatives + [negativesBelow]).map {
      Double($0) / Double(max(1, totalNegatives))
    }
    var p = positives
    var n = negatives + [negativesBelow]
    return Resampling.values(count, using: &random) { random in
      Binomial.multinomial(totalPositives, positiveShares, into: &p, using: &random)
      if totalNegatives > 0 {
        Binomial.multinomial(totalNegatives, negativeShares, into: &n, using: &random)
      }
      return Self.averagePrecision(positives: p, negatives: Array(n.dropLast()))
    }
  }

  /// Above this many positive score levels the standard error comes from `deltaStandardError`:
  /// each bootstrap draw costs two binomials per level (41% of a 10-million-row report), while
  /// at thousands of positives the delta method is the bootstrap's own limit and has no
  /// Monte Carlo noise. Below it nothing changes, so small sets keep their exact intervals.
  static let drawnLevelLimit = 2_000

  /// The standard error of average precision and the interval method it gives: bootstrap
  /// draws on few levels, the delta method of the same resampling scheme on many.
  func standardError(seed: UInt64) -> (value: Double, method: String) {
    positives.count > Self.drawnLevelLimit
      ? (deltaStandardError(), "logit-delta")
      : (bootstrapStandardError(seed: seed), "logit-bootstrap")
  }

  /// The delta-method standard error under the bootstrap's scheme: positives multinomial over
  /// their levels, negatives over theirs (and below every positive), independently.
  ///
  /// With `T` and `F` the positives and negatives at or above a level,
  /// `AP = Σ p·T/(T+F) / P`; its gradient takes two suffix sums, and a multinomial's variance
  /// along a gradient `g` is `n·(Σπg² − (Σπg)²)`.
  func deltaStandardError() -> Double {
    let totalPositives = Double(positives.reduce(0, +))
    let totalNegatives = Double(negatives.reduce(0, +) + negativesBelow)
    guard totalPositives > 0 else { return 0 }
    let count = positives.count
    var precision = [Double](repeating: 0, count: count)
    var byPositives = [Double](repeating: 0, count: count)
    var byNegatives = [Double](repeating: 0, count: count)
    var truePositives = 0.0
    var falsePositives = 0.0
    for level in 0..<count {
      truePositives += Double(positives[level])
      falsePositives += Double(negatives[level])
      let all = truePositives + falsePositives
      precision[level] = truePositives / all
      byPositives[level] = Double(positives[level]) * falsePositives / (all * all)
      byNegatives[level] = Double(positives[level]) * truePositives / (all * all)
    }
    var positiveMoments = (0.0, 0.0)
    var negativeMoments = (0.0, 0.0)
    var suffixPositives = 0.0
    var suffixNegatives = 0.0
    for level in stride(from: count - 1, through: 0, by: -1) {
      suffixPositives += byPositives[level]
      suffixNegatives += byNegatives[level]
      let g = (precision[level] + suffixPositives) / totalPositives
      let h = -suffixNegatives / totalPositives
      let share = Double(positives[level]) / totalPositives
      positiveMoments.0 += share * g
      positiveMoments.1 += share * g * g
      if totalNegatives > 0 {
        let negativeShare = Double(negatives[level]) / totalNegatives
        negativeMoments.0 += negativeShare * h
        negativeMoments.1 += negativeShare * h * h
      }
    }
    // Negatives below every positive have a zero gradient: they add to neither moment.
    let variance =
      totalPositives * max(0, positiveMoments.1 - positiveMoments.0 * positiveMoments.0)
      + totalNegatives * max(0, negativeMoments.1 - negativeMoments.0 * negativeMoments.0)
    return variance.squareRoot()
  }

  /// The bootstrap standard error of average precision.
  func bootstrapStandardError(seed: UInt64) -> Double {
    // A standard error needs far fewer draws than the tails of a percentile interval.
    let values = resampled(seed: seed, draws: 400)
    guard values.count > 1 else { return 0 }
    let mean = values.reduce(0, +) / Double(values.count)
    return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1))
      .squareRoot()
  }
}
