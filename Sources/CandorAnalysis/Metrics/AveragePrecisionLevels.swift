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

  /// The bootstrap standard error of average precision.
  func standardError(seed: UInt64) -> Double {
    // A standard error needs far fewer draws than the tails of a percentile interval.
    let values = resampled(seed: seed, draws: 400)
    guard values.count > 1 else { return 0 }
    let mean = values.reduce(0, +) / Double(values.count)
    return (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1))
      .squareRoot()
  }
}
