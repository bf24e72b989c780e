import CandorModel
import Foundation

/// Computes a set's metrics with their 95% intervals.
///
/// Single proportions (accuracy, precision, recall, specificity) get Wilson intervals;
/// the other count metrics percentiles of one shared posterior of the confusion matrix
/// (Dirichlet with a Jeffreys-type prior); ROC AUC DeLong's variance on the logit scale;
/// average precision the logit interval of Boyd et al. (2013) with a bootstrap standard error.
public struct SetAnalyzer: Sendable {
  public let classes: [String]
  public let positive: Int?
  /// `score_kind: probability`: scores are probabilities, so Brier score and log loss apply.
  public let probabilities: Bool
  /// Each class's place in scikit-learn's order of the files' class names (`np.unique`), by
  /// which it breaks ties; nil: the classes' own order.
  public let sortedRank: [Int]?

  public init(
    classes: [String], positive: Int?, probabilities: Bool = false, fileNames: [String]? = nil
  ) {
    self.classes = classes
    self.positive = positive
    self.probabilities = probabilities
    sortedRank = fileNames.map(ClassScoreMetrics.sortedRank)
  }

  public init(task: TaskEvaluation) {
    self.init(
      classes: task.classes, positive: task.positiveIndex,
      probabilities: task.task.scoresAreProbabilities,
      fileNames: task.classes.map(task.task.fileName(ofClass:)))
  }

  public var countMetricNames: [MetricName] {
    (positive == nil ? MetricName.multiclass : MetricName.binary).filter { !$0.isRanking }
  }

  public func analyze(_ set: EvaluationSet) -> SetAnalysis {
    let counts = ConfusionCounts(set.matrix)
    var metrics = estimates(counts)
    var ranking: RankingMetrics?
    if positive != nil {
      if let counts = set.scoreCounts(positive: positive!) {
        ranking = RankingMetrics(counts)
      } else if let scored = set.scoresByClass(positive: positive!) {
        ranking = RankingMetrics(scored)
      } else if let histogram = set.histogram {
        ranking = RankingMetrics(histogram: histogram)
      }
    }
    if let ranking {
      metrics.append((.rocAUC, Self.rocEstimate(ranking)))
      metrics.append(
        (.prAUC, Self.averagePrecisionEstimate(ranking, positiveName: classes[positive!])))
    }
    let scoreMetrics = ScoreMetrics(
      set: set, classes: classes, positive: positive, probabilities: probabilities,
      sortedRank: sortedRank ?? Array(classes.indices))
    metrics += scoreMetrics.estimates
    // "metrics as above": where the set's scores are read, each segment's ranking metrics.
    let segmentRankings = positive == nil ? [] : set.segmentScores.map(RankingMetrics.init)
    // The bootstrap's cost grows with score levels; over all segments together it is held to
    // what one set may draw, beyond which each segment takes the delta method, its limit.
    let drawnLevels = segmentRankings.reduce(0) { $0 + $1.levels.positives.count }
    let segments = set.segments.indices.map { index in
      let segment = set.segments[index]
      let segmentCounts = ConfusionCounts(segment.matrix)
      var metrics = estimates(segmentCounts)
      if let positive, segmentRankings.indices.contains(index) {
        let ranking = segmentRankings[index]
        metrics.append((.rocAUC, Self.rocEstimate(ranking)))
        metrics.append(
          (
            .prAUC,
            Self.averagePrecisionEstimate(
              ranking, positiveName: classes[positive],
              deltaOnly: drawnLevels > AveragePrecisionLevels.drawnLevelLimit)
          ))
      }
      return SegmentAnalysis(name: segment.name, counts: segmentCounts, metrics: metrics)
    }
    let majority = classes.indices.max { (counts.support($0), -$0) < (counts.support($1), -$1) }!
    return SetAnalysis(
      setID: set.setID, file: set.file, source: set.source, classes: classes, positive: positive,
      counts: counts,
      baseline: (classes[majority], Double(counts.support(majority)) / Double(counts.total)),
      metrics: metrics, ranking: ranking, segments: segments,
      perExample: scoreMetrics.perExample, reliability: scoreMetrics.reliability)
  }

  /// Count metrics with intervals, in the contract's order.
  /// - Parameter only: compute just this metric (for trend charts of older weeks).
  public func estimates(_ counts: ConfusionCounts, only: MetricName? = nil) -> [(
    name: MetricName, estimate: MetricEstimate
  )] {
    let calculator = CountMetrics(counts: counts, classes: classes, positive: positive)
    let names = countMetricNames.filter { only == nil || $0 == only }
    let bootstrapped = names.filter { proportion($0, counts) == nil }
    let distributions = bootstrapDistributions(counts, bootstrapped)
    return names.map { name in
      let value = calculator.value(name)
      guard case .value(let number) = value else {
        if case .undefined(let reason) = value { return (name, .undefined(reason)) }
        fatalError("unreachable")
      }
      if let (successes, trials) = proportion(name, counts) {
        return (
          name,
          MetricEstimate(
            value: number, reason: nil, ci95: Proportions.wilson(successes, trials),
            method: "wilson")
        )
      }
      let bounds: ClosedRange<Double> = name == .mcc || name == .cohenKappa ? -1...1 : 0...1
      let interval = Bootstrap.percentile(
        distributions[name] ?? [], containing: number, bounds: bounds)
      return (
        name,
        MetricEstimate(value: number, reason: nil, ci95: interval, method: "posterior-jeffreys")
      )
    }
  }

  /// Metrics that are a single proportion: successes out of trials.
  func proportion(_ name: MetricName, _ counts: ConfusionCounts) -> (Int, Int)? {
    switch name {
    case .accuracy: return (counts.correct, counts.total)
    case .precision: return (counts[positive!, positive!], counts.predictedCount(positive!))
    case .recall: return (counts[positive!, positive!], counts.support(positive!))
    case .specificity:
      let negative = positive == 0 ? 1 : 0
      return (counts[negative, negative], counts.support(negative))
    default: return nil
    }
  }

  /// One posterior shared by all non-proportion metrics, so they stay consistent: draws of
  /// the cell proportions from Dirichlet(counts + a Jeffreys-type prior), which, unlike a
  /// plain bootstrap, does not collapse to a point when a set is classified perfectly.
  func bootstrapDistributions(_ counts: ConfusionCounts, _ names: [MetricName]) -> [MetricName:
    [Double]]
  {
    guard !names.isEmpty else { return [:] }
    var random = RandomSource(seed: RandomSource.seed(from: counts.cells, salt: "set-posterior"))
    let alphas = SmoothingPrior.alphas(counts)
    // Only cells with a count or a pseudo-count can be drawn above zero. Beyond 16 classes the
    // prior is sparse, so a draw of a small segment costs its filled cells, not classes².
    let filled = alphas.indices.filter { alphas[$0] > 0 }
    var draw = counts
    var scratch = [Double](repeating: 0, count: alphas.count)
    let observed = CountMetrics(counts: counts, classes: classes, positive: positive).seenClasses
    let values = Resampling.columns(Bootstrap.resamples, columns: names.count, using: &random) {
      random in
      Dirichlet.draw(alphas, over: filled, into: &draw.cells, scratch: &scratch, using: &random)
      let calculator = CountMetrics(
        counts: draw, classes: classes, positive: positive, filled: filled, averagingOver: observed,
        isDraw: true)
      return names.map { calculator.value($0).number }
    }
    return Dictionary(uniqueKeysWithValues: zip(names, values))
  }

  static func rocEstimate(_ ranking: RankingMetrics) -> MetricEstimate {
    guard let auc = ranking.rocAUC, let terms = ranking.rocAUCVarianceTerms else {
      return .undefined(.nothingToRank(positivesMissing: ranking.positives == 0))
    }
    let positiveTerm = terms.positives * smallSampleFactor(ranking.positives)
    let negativeTerm = terms.negatives * smallSampleFactor(ranking.negatives)
    return MetricEstimate(
      value: auc, reason: nil,
      ci95: Self.logitInterval(
        auc, standardError: (positiveTerm + negativeTerm).squareRoot(),
        fallbackTrials: min(ranking.positives, ranking.negatives),
        degreesOfFreedom: welchDegreesOfFreedom(
          positiveTerm, ranking.positives, negativeTerm, ranking.negatives)),
      method: ranking.isApproximate ? "delong-histogram" : "delong")
  }

  /// Each of DeLong's terms is read from one class's placements, and from a few dozen it comes
  /// out too small: in binormal simulations (AUC 0.94, 2% to 30% prevalence) the logit interval
  /// covered 89–92% from 8 to 50 positives. Each term is scaled by `k/(k−4)` for its class's
  /// count k, at most 2 (so 4 to 8 examples get 2; 1.25 at 20, 1.04 at 100): at 2% prevalence
  /// 94.7, 93.4 and 93.2% at 4, 20 and 30 positives over 6,000 simulated weeks, 96.4% at 20
  /// positives and 30% (docs/statistics.md; `Scripts/roc-auc-coverage.py`).
  static func smallSampleFactor(_ count: Int) -> Double {
    count <= 8 ? 2 : Double(count) / Double(count - 4)
  }

  /// Welch–Satterthwaite's degrees of freedom for a variance that is the sum of two terms read
  /// from `aCount` and `bCount` examples, rounded down: the smaller class's count less one when
  /// its term dominates (few positives among many negatives), more when both classes add to the
  /// spread. Never fewer than the smaller count less one.
  static func welchDegreesOfFreedom(_ a: Double, _ aCount: Int, _ b: Double, _ bCount: Int) -> Int {
    let smaller = min(aCount, bCount) - 1
    guard smaller >= 1 else { return smaller }
    let denominator = a * a / Double(aCount - 1) + b * b / Double(bCount - 1)
    guard denominator > 0 else { return smaller }
    let degrees = ((a + b) * (a + b) / denominator).rounded(.down)
    return degrees >= Double(Int32.max) ? Int(Int32.max) : max(smaller, Int(degrees))
  }

  /// The logit interval with a resampling standard error (bootstrap, or its delta-method limit
  /// on many levels): the textbook `√(AP(1−AP)/positives)` ignores how many negatives compete
  /// for the top ranks.
  /// - Parameter deltaOnly: the delta method whatever the levels (many segments' together).
  static func averagePrecisionEstimate(
    _ ranking: RankingMetrics, positiveName: String, deltaOnly: Bool = false
  ) -> MetricEstimate {
    guard let ap = ranking.averagePrecision else {
      return .undefined(.noExample(label: positiveName, metric: .prAUC))
    }
    let seed = RandomSource.seed(
      from: ranking.levels.positives + ranking.levels.negatives, salt: "ap-bootstrap")
    let (standardError, method) =
      deltaOnly
      ? (ranking.levels.deltaStandardError(), "logit-delta")
      : ranking.levels.standardError(seed: seed)
    return MetricEstimate(
      value: ap, reason: nil,
      ci95: Self.logitInterval(ap, standardError: standardError, fallbackTrials: ranking.positives),
      method: ranking.isApproximate ? method + "-histogram" : method)
  }

  /// `value ± t·se` on the logit scale, mapped back into [0, 1], where `fallbackTrials` is the
  /// smaller class count the spread was estimated from: t has `degreesOfFreedom`, by default
  /// `fallbackTrials − 1` (DeLong's variance from four positives is itself a guess: in a binormal simulation
  /// 1.96 covered 81–87% at four positives), and the logit-scale error is at least `1/√fallbackTrials` (tied
  /// scores, four positives all at 0.2, gave an interval of ±0.005). At 0 or 1, where the logit
  /// is infinite and the observed spread is zero, a Wilson interval on that count stands in,
  /// so a perfect score on few examples is not called certain.
  static func logitInterval(
    _ value: Double, standardError: Double, fallbackTrials: Int, degreesOfFreedom: Int? = nil
  ) -> ClosedRange<Double> {
    if value <= 0 || value >= 1 || standardError == 0 {
      let trials = max(1, fallbackTrials)
      return Proportions.wilson(Int((value * Double(trials)).rounded()), trials).clamped(
        containing: value)
    }
    let logit = log(value / (1 - value))
    let trials = Double(max(1, fallbackTrials))
    let logitError = max(standardError / (value * (1 - value)), 1 / trials.squareRoot())
    let half =
      StudentT.quantile975(degreesOfFreedom: degreesOfFreedom ?? fallbackTrials - 1) * logitError
    func expit(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
    return min(value, expit(logit - half))...max(value, expit(logit + half))
  }
}

extension ClosedRange where Bound == Double {
  func clamped(containing value: Double) -> ClosedRange<Double> {
    Swift.min(lowerBound, value)...Swift.max(upperBound, value)
  }
}
