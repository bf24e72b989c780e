import CandorKernels
import CandorModel

/// Examples scored in both weeks, matched by id, whose true class is the same in both: what a
/// paired test of ROC AUC or average precision needs.
///
/// The pairs are not copied out of the weeks' rows (ten million pairs would be 170 MB beside
/// the rows they come from): `forEach` walks them in one merge of the two id-sorted weeks, and
/// `materialized` copies them only for the resampling tests, which run on small sets.
struct ScoredPairs {
  let beforeRows: KeyedExamples
  let afterRows: KeyedExamples
  let beforePositive: Int
  let afterPositive: Int
  let count: Int
  let positives: Int

  init?(before: EvaluationSet, beforePositive: Int, after: EvaluationSet, afterPositive: Int) {
    guard let a = before.keyed, let b = after.keyed, a.scores != nil, b.scores != nil else {
      return nil
    }
    (beforeRows, afterRows) = (a, b)
    (self.beforePositive, self.afterPositive) = (beforePositive, afterPositive)
    var count = 0
    var positives = 0
    SharedIDs.forEach(a.idHashes, b.idHashes) { i, j in
      let positiveBefore = a.label(i) == beforePositive
      if positiveBefore == (b.label(j) == afterPositive) {
        count += 1
        if positiveBefore { positives += 1 }
      }
    }
    // The same rule as for paired counts, on the pairs whose class is the same in both weeks,
    // and on the positives alone: a ranking metric rests on them, and where most were
    // relabelled the pairs would test another quantity than the change reported (40 of 45
    // positives relabelled gave a paired p of 1 beside a 0.43 rise of average precision).
    guard SharedIDs.pairable(count, a.idHashes.count, b.idHashes.count),
      SharedIDs.pairable(
        positives, before.matrix[beforePositive].reduce(0, +),
        after.matrix[afterPositive].reduce(0, +))
    else { return nil }
    (self.count, self.positives) = (count, positives)
  }

  /// Every pair in hash order: whether it is positive, its score before and after.
  @inline(__always)
  func forEach(_ body: (_ isPositive: Bool, _ before: Double, _ after: Double) -> Void) {
    walk { positive, before, i, after, j in body(positive, before[i], after[j]) }
  }

  /// Every pair in hash order with its week's rows (`before[i]`, `after[j]`), so that the
  /// counted DeLong test reads the `k`s of scores kept as codes without decoding them.
  @inline(__always)
  func walk(
    _ body: (
      _ isPositive: Bool, _ before: ScoreReader, _ i: Int, _ after: ScoreReader, _ j: Int
    ) -> Void
  ) {
    let (a, b) = (beforeRows, afterRows)
    a.scores!.withReader { sa in
      b.scores!.withReader { sb in
        _ = SharedIDs.forEach(a.idHashes, b.idHashes) { i, j in
          let positive = a.label(i) == beforePositive
          if positive == (b.label(j) == afterPositive) { body(positive, sa, i, sb, j) }
        }
      }
    }
  }

  /// The pairs as arrays, in hash order.
  func materialized() -> (isPositive: [Bool], before: [Double], after: [Double]) {
    var pairs: (isPositive: [Bool], before: [Double], after: [Double]) = ([], [], [])
    pairs.isPositive.reserveCapacity(count)
    pairs.before.reserveCapacity(count)
    pairs.after.reserveCapacity(count)
    forEach { positive, before, after in
      pairs.isPositive.append(positive)
      pairs.before.append(before)
      pairs.after.append(after)
    }
    return pairs
  }

  /// DeLong's structural components: for each positive, the share of negatives it outranks
  /// (ties half); for each negative, the share of positives that outrank it.
  ///
  /// Scores as exports write them are counted (`DecimalPlacements`). Otherwise each class is
  /// sorted once and every example looks its score up in the other class with a branch-free
  /// binary search, since which half the score falls in is a coin toss to the processor.
  static func placements(_ scores: [Double], _ isPositive: [Bool]) -> (
    positives: [Double], negatives: [Double]
  ) {
    if let counted = DecimalPlacements(scores, isPositive) { return counted.placements }
    let positiveCount = isPositive.reduce(0) { $0 + ($1 ? 1 : 0) }
    var positiveScores: [Double] = []
    var negativeScores: [Double] = []
    positiveScores.reserveCapacity(positiveCount)
    negativeScores.reserveCapacity(scores.count - positiveCount)
    for (score, positive) in zip(scores, isPositive) {
      if positive { positiveScores.append(score) } else { negativeScores.append(score) }
    }
    RadixSort.sort(&positiveScores)
    RadixSort.sort(&negativeScores)
    var positives: [Double] = []
    var negatives: [Double] = []
    positives.reserveCapacity(positiveScores.count)
    negatives.reserveCapacity(negativeScores.count)
    let negativeTotal = Double(negativeScores.count)
    let positiveTotal = Double(positiveScores.count)
    positiveScores.withUnsafeBufferPointer { positiveScores in
      negativeScores.withUnsafeBufferPointer { negativeScores in
        for (score, positive) in zip(scores, isPositive) {
          if positive {
            let less = Self.countBelow(score, in: negativeScores, orEqual: false)
            let lessOrEqual = Self.countBelow(score, in: negativeScores, orEqual: true)
            positives.append((Double(less) + 0.5 * Double(lessOrEqual - less)) / negativeTotal)
          } else {
            let less = Self.countBelow(score, in: positiveScores, orEqual: false)
            let lessOrEqual = Self.countBelow(score, in: positiveScores, orEqual: true)
            negatives.append(
              (Double(positiveScores.count - lessOrEqual) + 0.5 * Double(lessOrEqual - less))
                / positiveTotal)
          }
        }
      }
    }
    return (positives, negatives)
  }

  /// How many of the ascending `sorted` are below `x` (or at most `x`), without a branch on the
  /// comparison.
  @inline(__always)
  static func countBelow(_ x: Double, in sorted: UnsafeBufferPointer<Double>, orEqual: Bool)
    -> Int
  {
    guard !sorted.isEmpty else { return 0 }
    var base = 0
    var length = sorted.count
    while length > 1 {
      let half = length / 2
      let probe = sorted[base + half - 1]
      base = (orEqual ? probe <= x : probe < x) ? base + half : base
      length -= half
    }
    let last = sorted[base]
    return base + ((orEqual ? last <= x : last < x) ? 1 : 0)
  }

  /// The paired DeLong test: both weeks' AUC on the shared examples, and the variance of
  /// their difference, with the covariance the shared examples create.
  func delong() -> (delta: Double, variance: Double)? {
    guard positives > 1, count - positives > 1 else { return nil }
    return countedDelong() ?? storedDelong()
  }

  /// `delong()` on the pairs copied out, their placements computed per week and stored.
  func storedDelong() -> (delta: Double, variance: Double) {
    let negatives = count - positives
    let pairs = materialized()
    let (b, a) = Concurrently.both(
      { Self.placements(pairs.before, pairs.isPositive) },
      { Self.placements(pairs.after, pairs.isPositive) })
    func mean(_ x: [Double]) -> Double { x.reduce(0, +) / Double(x.count) }
    func covariance(_ x: [Double], _ y: [Double]) -> Double {
      let mx = mean(x)
      let my = mean(y)
      return zip(x, y).reduce(0) { $0 + ($1.0 - mx) * ($1.1 - my) } / Double(x.count - 1)
    }
    let variance10 =
      covariance(b.positives, b.positives) + covariance(a.positives, a.positives) - 2
      * covariance(b.positives, a.positives)
    let variance01 =
      covariance(b.negatives, b.negatives) + covariance(a.negatives, a.negatives) - 2
      * covariance(b.negatives, a.negatives)
    return (
      mean(a.positives) - mean(b.positives),
      max(0, variance10 / Double(positives) + variance01 / Double(negatives))
    )
  }
}

/// One week's scores of the shared examples, highest first, cut into groups of tied scores,
/// so that a Poisson bootstrap draw's average precision is one pass of integer sums.
///
/// Weights are whole numbers, so every sum is exact in any order: the result is the same
/// double as summing the weights as doubles example by example.
struct TiedRanking {
  /// Example indices, highest score first.
  private let order: [Int32]
  /// Whether `order[k]` is positive.
  private let positive: [Bool]
  /// End (exclusive) in `order` of each group of tied scores.
  private let groupEnds: [Int32]

  init(scores: [Double], isPositive: [Bool]) {
    let sorted = scores.indices.sorted { scores[$0] > scores[$1] }
    order = sorted.map { Int32($0) }
    positive = sorted.map { isPositive[$0] }
    var ends: [Int32] = []
    for k in sorted.indices.dropFirst() where scores[sorted[k]] != scores[sorted[k - 1]] {
      ends.append(Int32(k))
    }
    if !sorted.isEmpty { ends.append(Int32(sorted.count)) }
    groupEnds = ends
  }

  /// Average precision with example `i` counted `weights[i]` times; nil without positive weight.
  func averagePrecision(weights: [UInt8], totalPositive: Int) -> Double? {
    guard totalPositive > 0 else { return nil }
    var truePositives = 0
    var falsePositives = 0
    var sum = 0.0
    var start = 0
    order.withUnsafeBufferPointer { order in
      positive.withUnsafeBufferPointer { positive in
        weights.withUnsafeBufferPointer { weights in
          for end in groupEnds {
            var groupPositives = 0
            var groupNegatives = 0
            for k in start..<Int(end) {
              let weight = Int(weights[Int(order[k])])
              if positive[k] { groupPositives += weight } else { groupNegatives += weight }
            }
            truePositives += groupPositives
            falsePositives += groupNegatives
            if groupPositives > 0 {
              sum +=
                Double(groupPositives) * Double(truePositives)
                / Double(truePositives + falsePositives)
            }
            start = Int(end)
          }
        }
      }
    }
    return sum / Double(totalPositive)
  }
}
