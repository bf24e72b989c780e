import CandorModel
import Foundation

/// Week-over-week changes of ROC AUC and average precision.
///
/// ROC AUC: DeLong's test, paired (with the covariance of the shared examples) when ids match.
/// Average precision: a bootstrap, resampling both weeks' examples together when ids match,
/// each class on its own otherwise. On small sets (up to `randomisationLimit` examples) a
/// randomisation test (sign-flip when paired, permutation otherwise) must agree as well, so
/// the error rate holds at four positives as at four thousand.
struct RankingChanges {
  static let randomisationLimit = 4000
  static let randomisationDraws = 1000
  static let jointBootstrapLimit = 200_000
  static let bootstrapDraws = 1000

  let before: (set: EvaluationSet, analysis: SetAnalysis)
  let after: (set: EvaluationSet, analysis: SetAnalysis)
  let pairs: ScoredPairs?

  init?(
    before: (set: EvaluationSet, analysis: SetAnalysis),
    after: (set: EvaluationSet, analysis: SetAnalysis)
  ) {
    guard before.analysis.ranking != nil, after.analysis.ranking != nil,
      let positiveBefore = before.analysis.positive, let positiveAfter = after.analysis.positive
    else { return nil }
    self.before = before
    self.after = after
    pairs = ScoredPairs(
      before: before.set, beforePositive: positiveBefore, after: after.set,
      afterPositive: positiveAfter)
  }

  /// Null draws of both changes (AUC, AP) where the raw scores are few enough.
  private lazy var null: (auc: [Double], ap: [Double])? = randomisation()

  mutating func rocAUC(delta: Double) -> (ResampledTest, TestMethod, Int?)? {
    guard let a = before.analysis.ranking, let b = after.analysis.ranking else { return nil }
    let statistic: Double
    let variance: Double
    let test: TestMethod
    if let pairs, let paired = pairs.delong() {
      (statistic, variance, test) = (paired.delta, paired.variance, .delongPaired)
    } else {
      guard let va = a.rocAUCVariance, let vb = b.rocAUCVariance else { return nil }
      (statistic, variance, test) = (delta, va + vb, .delong)
    }
    var se = variance.squareRoot()
    if se == 0 {
      se = Self.floorStandardError(
        a.rocAUC ?? 0, min(a.positives, a.negatives), b.rocAUC ?? 0, min(b.positives, b.negatives))
    }
    let pDelong = Normal.twoSidedP(statistic / se)
    let pNull = null.map { ResampledTest.randomisationP(statistic, null: $0.auc) } ?? 0
    let interval = (delta - Normal.z95 * se)...(delta + Normal.z95 * se)
    let result = ResampledTest(
      p: pNull, interval: interval, posteriorP: pDelong, estimate: delta, range: -1...1)
    // Paired examples are named only where the test paired them.
    return (
      result, null == nil ? test : test.confirmed, test.isPaired ? pairs?.count : nil
    )
  }

  mutating func averagePrecision(delta: Double) -> (ResampledTest, TestMethod, Int?)? {
    guard let a = before.analysis.ranking, let b = after.analysis.ranking else { return nil }
    let seed = RandomSource.seed(
      from: a.levels.positives + b.levels.positives + a.levels.negatives + b.levels.negatives,
      salt: "ap-change")
    var deltas: [Double]
    let statistic: Double
    let test: TestMethod
    if let pairs, pairs.count <= Self.jointBootstrapLimit,
      let joint = jointBootstrap(pairs, seed: seed)
    {
      (deltas, statistic, test) = (joint.deltas, joint.statistic, .bootstrapPaired)
    } else if a.levels.positives.count > AveragePrecisionLevels.drawnLevelLimit,
      b.levels.positives.count > AveragePrecisionLevels.drawnLevelLimit
    {
      return (deltaMethod(a, b, delta: delta), .delta, nil)
    } else {
      // Each week's draws cost O(levels) each on large sets: one core per week.
      let (x, y) = Concurrently.both(
        { a.levels.resampled(seed: seed) }, { b.levels.resampled(seed: seed &+ 1) })
      deltas = zip(x, y).map { $1 - $0 }
      (statistic, test) = (delta, .bootstrap)
    }
    guard deltas.count >= 20 else { return nil }
    deltas.sort()
    var interval = ResampledTest.percentile(deltas)
    var posteriorP = ResampledTest.posteriorP(deltas)
    if interval.upperBound - interval.lowerBound < 1e-12 {
      // Perfect rankings in both weeks: resampling cannot move them, the data still can.
      let se = Self.floorStandardError(
        a.averagePrecision ?? 0, a.positives, b.averagePrecision ?? 0, b.positives)
      interval = (delta - Normal.z95 * se)...(delta + Normal.z95 * se)
      posteriorP = Normal.twoSidedP(statistic / se)
    }
    let pNull = null.map { ResampledTest.randomisationP(statistic, null: $0.ap) } ?? 0
    let result = ResampledTest(
      p: pNull, interval: interval, posteriorP: posteriorP, estimate: delta, range: -1...1)
    return (
      result, null == nil ? test : test.confirmed, test.isPaired ? pairs?.count : nil
    )
  }

  /// Each week's average precision with its delta-method standard error, as its weekly
  /// interval has on this many score levels (the limit of the per-week bootstrap, without its
  /// cost: two binomials per level and draw), the weeks taken as independent. Shared examples
  /// make the weeks agree more, so on a paired set above `jointBootstrapLimit` the test is
  /// conservative, as the per-week bootstrap was.
  private func deltaMethod(_ a: RankingMetrics, _ b: RankingMetrics, delta: Double)
    -> ResampledTest
  {
    let (first, second) = Concurrently.both(
      { a.levels.deltaStandardError() }, { b.levels.deltaStandardError() })
    var se = (first * first + second * second).squareRoot()
    if se == 0 {
      se = Self.floorStandardError(
        a.averagePrecision ?? 0, a.positives, b.averagePrecision ?? 0, b.positives)
    }
    // Sets this large never carry a randomisation null (`randomisationLimit`): no p of its own.
    return ResampledTest(
      p: 0, interval: (delta - Normal.z95 * se)...(delta + Normal.z95 * se),
      posteriorP: Normal.twoSidedP(delta / se), estimate: delta, range: -1...1)
  }

  /// A Poisson bootstrap over the shared examples, both weeks' scores moving together; fewer
  /// draws on large sets, where each costs a pass over every example.
  private func jointBootstrap(_ pairs: ScoredPairs, seed: UInt64) -> (
    deltas: [Double], statistic: Double
  )? {
    let pairs = pairs.materialized()
    let rankingBefore = TiedRanking(scores: pairs.before, isPositive: pairs.isPositive)
    let rankingAfter = TiedRanking(scores: pairs.after, isPositive: pairs.isPositive)
    var weights = [UInt8](repeating: 1, count: pairs.isPositive.count)
    func totalPositive() -> Int {
      var total = 0
      for index in weights.indices where pairs.isPositive[index] { total += Int(weights[index]) }
      return total
    }
    let positives = totalPositive()
    guard
      let x = rankingBefore.averagePrecision(weights: weights, totalPositive: positives),
      let y = rankingAfter.averagePrecision(weights: weights, totalPositive: positives)
    else { return nil }
    var random = RandomSource(seed: seed)
    let draws = max(200, min(Self.bootstrapDraws, 10_000_000 / max(1, weights.count)))
    let deltas = Resampling.values(draws, using: &random) { random -> Double? in
      random.poissonWeights(&weights)
      let total = totalPositive()
      guard
        let b = rankingBefore.averagePrecision(weights: weights, totalPositive: total),
        let a = rankingAfter.averagePrecision(weights: weights, totalPositive: total)
      else { return nil }
      return a - b
    }
    return (deltas, y - x)
  }

  /// (score, is positive, example, week) for every score of both weeks; `example` pairs the two
  /// scores of one example (paired), or is the score's own index (permutation). Nil above
  /// `randomisationLimit`.
  private func pooledScores() -> (
    pooled: [(score: Double, positive: Bool, example: Int, week: Int)], examples: Int
  )? {
    var pooled: [(score: Double, positive: Bool, example: Int, week: Int)] = []
    let examples: Int
    if let shared = self.pairs {
      guard shared.count <= Self.randomisationLimit else { return nil }
      let pairs = shared.materialized()
      for index in pairs.isPositive.indices {
        pooled.append((pairs.before[index], pairs.isPositive[index], index, 0))
        pooled.append((pairs.after[index], pairs.isPositive[index], index, 1))
      }
      examples = shared.count
    } else {
      // Every row of a scored file has its score: the weeks' totals bound the draws' cost
      // before any score is split.
      guard before.set.total + after.set.total <= Self.randomisationLimit,
        let a = before.set.scoresByClass(positive: before.analysis.positive!),
        let b = after.set.scoresByClass(positive: after.analysis.positive!),
        a.positives.count + a.negatives.count + b.positives.count + b.negatives.count
          <= Self.randomisationLimit
      else { return nil }
      for (week, scored) in [a, b].enumerated() {
        for score in scored.positives { pooled.append((score, true, pooled.count, week)) }
        for score in scored.negatives { pooled.append((score, false, pooled.count, week)) }
      }
      examples = pooled.count
    }
    return (pooled, examples)
  }

  /// Randomisation draws of both ranking changes, on sets small enough to recompute them.
  ///
  /// Every score of both weeks is sorted once; a draw only decides which week each score
  /// belongs to, and one walk over the sorted scores gives both weeks' tied groups, so a
  /// draw costs O(n), not a sort.
  private func randomisation() -> (auc: [Double], ap: [Double])? {
    guard let (unsorted, examples) = pooledScores() else { return nil }
    let pooled = unsorted.sorted { $0.score < $1.score }
    var random = RandomSource(
      seed: RandomSource.seed(
        from: [examples, pooled.filter(\.positive).count], salt: "ranking-randomisation"))
    // Which week each example (paired: its first score) is assigned to in a draw.
    var flip = [Bool](repeating: false, count: examples)
    var permutation = pooled.indices.sorted { pooled[$0].example < pooled[$1].example }.map {
      pooled[$0].week
    }
    let classMembers = [true, false].map { positive in
      pooled.filter { $0.positive == positive }.map(\.example)
    }
    var groups: [[RankingMetrics.Group]] = [[], []]
    let draws = Resampling.columns(Self.randomisationDraws, columns: 2, using: &random) {
      random in
      if pairs != nil {
        for index in flip.indices { flip[index] = random.next() & 1 == 1 }
      } else {
        // Reshuffle week labels within each class, keeping each week's class counts.
        for members in classMembers {
          var labels = members.map { permutation[$0] }
          labels.shuffle(using: &random)
          for (slot, example) in members.enumerated() { permutation[example] = labels[slot] }
        }
      }
      groups[0].removeAll(keepingCapacity: true)
      groups[1].removeAll(keepingCapacity: true)
      var start = 0
      while start < pooled.count {
        var end = start
        var tally = [
          RankingMetrics.Group(positives: 0, negatives: 0),
          RankingMetrics.Group(positives: 0, negatives: 0),
        ]
        while end < pooled.count && pooled[end].score == pooled[start].score {
          let entry = pooled[end]
          let week =
            pairs != nil
            ? (flip[entry.example] ? 1 - entry.week : entry.week) : permutation[entry.example]
          if entry.positive { tally[week].positives += 1 } else { tally[week].negatives += 1 }
          end += 1
        }
        for week in 0..<2 where tally[week].positives + tally[week].negatives > 0 {
          groups[week].append(tally[week])
        }
        start = end
      }
      let x = RankingMetrics(groups: groups[0], approximate: false, withLevels: false)
      let y = RankingMetrics(groups: groups[1], approximate: false, withLevels: false)
      return [
        y.rocAUC.flatMap { a in x.rocAUC.map { a - $0 } },
        y.averagePrecision.flatMap { a in x.averagePrecision.map { a - $0 } },
      ]
    }
    return (draws[0], draws[1])
  }

  /// Where both weeks rank perfectly, the observed spread is zero; a Wilson interval on the
  /// smaller class count stands in for each week, as for the weekly intervals.
  static func floorStandardError(
    _ first: Double, _ firstTrials: Int, _ second: Double, _ secondTrials: Int
  ) -> Double {
    func spread(_ value: Double, _ trials: Int) -> Double {
      let n = max(1, trials)
      let interval = Proportions.wilson(Int((value * Double(n)).rounded()), n)
      return (interval.upperBound - interval.lowerBound) / (2 * Normal.z95)
    }
    return
      (spread(first, firstTrials) * spread(first, firstTrials) + spread(second, secondTrials)
      * spread(second, secondTrials)).squareRoot()
  }
}

extension RandomSource {
  /// Poisson(1) cumulative probabilities on a 16-bit scale: four weights from one draw.
  private static let poissonThresholds: [UInt64] = {
    var thresholds: [UInt64] = []
    var probability = 0.36787944117144233
    var cumulative = 0.0
    for k in 0..<9 {
      cumulative += probability
      thresholds.append(UInt64((cumulative * 65536).rounded()))
      probability /= Double(k + 1)
    }
    return thresholds
  }()

  /// Fills `weights` with Poisson(1) draws (to 1/65,536): the weights of a Poisson bootstrap.
  mutating func poissonWeights(_ weights: inout [UInt8]) {
    let thresholds = Self.poissonThresholds
    var bits: UInt64 = 0
    for index in weights.indices {
      if index & 3 == 0 { bits = next() }
      let u = bits & 0xFFFF
      bits >>= 16
      var k = 0
      while k < thresholds.count && u >= thresholds[k] { k += 1 }
      weights[index] = UInt8(k)
    }
  }
}
