import CandorModel

/// ROC AUC and average precision from scores, exactly as scikit-learn computes them
/// (ties share a threshold), with the DeLong variance of the AUC.
///
/// Positives and negatives are sorted separately and walked together in groups of equal
/// score, so no row-level pairing array is needed.
public struct RankingMetrics: Sendable {
  public let positives: Int
  public let negatives: Int
  /// Area under the ROC curve; nil when either class is absent.
  public let rocAUC: Double?
  /// DeLong's variance of `rocAUC`, as its two terms.
  public let rocAUCVarianceTerms: DeLongTerms?
  /// DeLong's variance of `rocAUC`.
  public var rocAUCVariance: Double? { rocAUCVarianceTerms.map { $0.positives + $0.negatives } }
  /// Step-wise average precision (`average_precision_score`); nil without positives.
  public let averagePrecision: Double?
  /// True when computed from a score histogram (ties within a bin), an approximation.
  public let isApproximate: Bool
  /// What average precision depends on, for its bootstrap.
  public let levels: AveragePrecisionLevels

  /// One group of tied scores: how many positives and negatives share it.
  struct Group {
    var positives: Int
    var negatives: Int
  }

  /// From scores already split by class and sorted ascending, as the loader keeps them.
  public init(_ scored: ScoredExamples) {
    self.init(
      groups: Self.groups(
        ascendingPositives: scored.positives, ascendingNegatives: scored.negatives),
      approximate: false)
  }

  public init(scores: [Double], isPositive: [Bool]) {
    self.init(ScoredExamples(scores: scores, isPositive: isPositive))
  }

  /// From scores counted by their exact value: each non-empty bin is one group of tied scores,
  /// the groups `init(_:)` finds in the sorted scores, so the metrics are the same bit for bit.
  public init(_ counts: ScoreCounts) {
    var groups: [Group] = []
    // Counted first, as for sorted scores: a million groups allocated once, not doubled into place.
    groups.reserveCapacity(
      zip(counts.negatives, counts.positives).reduce(0) { $0 + ($1.0 | $1.1 != 0 ? 1 : 0) })
    for (negatives, positives) in zip(counts.negatives, counts.positives)
    where negatives | positives != 0 {
      groups.append(Group(positives: Int(positives), negatives: Int(negatives)))
    }
    self.init(groups: groups, approximate: false)
  }

  /// From binned counts: each bin counts as one group of tied scores.
  public init(histogram: ScoreHistogram) {
    let groups = zip(histogram.positive, histogram.negative).map {
      Group(positives: $0, negatives: $1)
    }
    self.init(groups: groups.filter { $0.positives + $0.negatives > 0 }, approximate: true)
  }

  static func groups(ascendingPositives p: [Double], ascendingNegatives n: [Double]) -> [Group] {
    var groups: [Group] = []
    // Counted first, so ten million scores' million groups are allocated once, not doubled
    // into place (a transient 32 MB at a file's peak memory).
    groups.reserveCapacity(distinctScores(p, n))
    var i = 0
    var j = 0
    while i < p.count || j < n.count {
      let score = min(i < p.count ? p[i] : .infinity, j < n.count ? n[j] : .infinity)
      var group = Group(positives: 0, negatives: 0)
      while i < p.count && p[i] == score {
        group.positives += 1
        i += 1
      }
      while j < n.count && n[j] == score {
        group.negatives += 1
        j += 1
      }
      groups.append(group)
    }
    return groups
  }

  /// How many distinct values two ascending arrays hold together.
  static func distinctScores(_ p: [Double], _ n: [Double]) -> Int {
    var count = 0
    var i = 0
    var j = 0
    while i < p.count || j < n.count {
      let score = min(i < p.count ? p[i] : .infinity, j < n.count ? n[j] : .infinity)
      while i < p.count && p[i] == score { i += 1 }
      while j < n.count && n[j] == score { j += 1 }
      count += 1
    }
    return count
  }

  /// `groups` in ascending score order. `withLevels: false` leaves `levels` empty, for
  /// randomisation draws that need only the two metrics.
  init(groups: [Group], approximate: Bool, withLevels: Bool = true) {
    let totalPositives = groups.reduce(0) { $0 + $1.positives }
    let totalNegatives = groups.reduce(0) { $0 + $1.negatives }
    positives = totalPositives
    negatives = totalNegatives
    isApproximate = approximate
    levels = AveragePrecisionLevels(ascending: withLevels ? groups : [])
    if totalPositives > 0 && totalNegatives > 0 {
      let p = Double(totalPositives)
      let n = Double(totalNegatives)
      // Mann-Whitney with ties counted half; the per-example placements give DeLong's variance.
      var negativesBelow = 0.0
      var wins = 0.0
      var sum10 = 0.0
      var sumSquares10 = 0.0
      for group in groups {
        let placement = (negativesBelow + 0.5 * Double(group.negatives)) / n
        wins += Double(group.positives) * placement
        sum10 += Double(group.positives) * placement
        sumSquares10 += Double(group.positives) * placement * placement
        negativesBelow += Double(group.negatives)
      }
      var positivesAbove = 0.0
      var sum01 = 0.0
      var sumSquares01 = 0.0
      for group in groups.reversed() {
        let placement = (positivesAbove + 0.5 * Double(group.positives)) / p
        sum01 += Double(group.negatives) * placement
        sumSquares01 += Double(group.negatives) * placement * placement
        positivesAbove += Double(group.positives)
      }
      func sampleVariance(_ sum: Double, _ squares: Double, _ count: Double) -> Double {
        count > 1 ? max(0, (squares - sum * sum / count) / (count - 1)) : 0
      }
      rocAUC = wins / p
      rocAUCVarianceTerms = DeLongTerms(
        positives: sampleVariance(sum10, sumSquares10, p) / p,
        negatives: sampleVariance(sum01, sumSquares01, n) / n)
    } else {
      rocAUC = nil
      rocAUCVarianceTerms = nil
    }
    if totalPositives > 0 {
      var truePositives = 0.0
      var falsePositives = 0.0
      var previousRecall = 0.0
      var sum = 0.0
      for group in groups.reversed() {
        truePositives += Double(group.positives)
        falsePositives += Double(group.negatives)
        let recall = truePositives / Double(totalPositives)
        sum += (recall - previousRecall) * truePositives / (truePositives + falsePositives)
        previousRecall = recall
      }
      averagePrecision = sum
    } else {
      averagePrecision = nil
    }
  }
}
