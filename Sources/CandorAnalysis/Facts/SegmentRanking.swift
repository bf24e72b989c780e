import CandorModel

/// Which segments of a set are weakest on a metric: the true minimum among segments large
/// enough to judge (`Thresholds.segmentMinimumExamples`); ties at the printed precision are
/// weakest together; with fewer than two judged segments none is.
public struct SegmentRanking: Sendable {
  public struct Segment: Sendable {
    public var name: String
    public var value: Double
    public var examples: Int
  }

  /// How many segments were large enough to rank.
  public var judged: Int
  /// How many segments the set has in all.
  public var segments: Int
  /// The weakest, tied ones together, in the set's order; empty when fewer than two were judged.
  public var weakest: [Segment]

  /// Every judged segment prints the same value (all perfect, say): none is weakest.
  public var allEqual = false
  /// That value, where `allEqual`.
  public var judgedValue: Double?

  /// - Parameter positive: a binary task's positive class, whose examples recall counts.
  public init(_ segments: [SegmentAnalysis], metric: MetricName, positive: Int? = nil) {
    let judged = segments.filter {
      $0.counts.total >= Thresholds.segmentMinimumExamples
        && Self.countedExamples($0.counts, metric: metric, positive: positive)
          >= Thresholds.segmentMinimumCounted
    }
    .compactMap { segment in
      segment.estimate(metric)?.value.map {
        Segment(name: segment.name, value: $0, examples: segment.counts.total)
      }
    }
    self.judged = judged.count
    self.segments = segments.count
    guard judged.count >= 2, let low = judged.map(\.value).min() else {
      weakest = []
      return
    }
    let shown = PrintedPrecision.digits(low, isRate: metric.isRate)
    weakest = judged.filter { PrintedPrecision.digits($0.value, isRate: metric.isRate) == shown }
    if weakest.count == judged.count {
      weakest = []
      allEqual = true
      judgedValue = low
    }
  }

  /// The examples a metric's value rests on: the positive cases for recall and F1, the
  /// alerts for precision, the negatives for specificity, the smallest class for the
  /// per-class averages, every example otherwise.
  static func countedExamples(_ counts: ConfusionCounts, metric: MetricName, positive: Int?)
    -> Int
  {
    let present = (0..<counts.size).map(counts.support).filter { $0 > 0 }
    switch metric {
    case .recall, .f1, .prAUC: return positive.map(counts.support) ?? counts.total
    case .rocAUC:
      return positive.map { min(counts.support($0), counts.total - counts.support($0)) }
        ?? counts.total
    case .precision: return positive.map(counts.predictedCount) ?? counts.total
    case .specificity: return counts.total - (positive.map(counts.support) ?? 0)
    case .balancedAccuracy, .macroRecall, .macroF1: return present.min() ?? 0
    default: return counts.total
    }
  }
}

extension TaskAnalysis {
  /// The set a task's story is told on: its test set, else the first set.
  public var referenceSet: SetResult? {
    sets.first { $0.config.role == .test } ?? sets.first
  }

  /// The set whose segments the report shows (the reference set when it has segments, else the
  /// first set that has), the metric they are ranked by (the primary one; a ranking metric
  /// where the segments have it, from the set's scores, else recall or balanced accuracy),
  /// and the ranking.
  public var segmentFocus: (set: SetResult, metric: MetricName, ranking: SegmentRanking)? {
    guard
      let set = ([referenceSet].compactMap { $0 } + sets).first(where: {
        !$0.analysis.segments.isEmpty
      })
    else { return nil }
    let segmentsHaveIt = set.analysis.segments.allSatisfy { $0.estimate(primaryMetric) != nil }
    let metric =
      (primaryMetric == .rocAUC || primaryMetric == .prAUC) && !segmentsHaveIt
      ? (isBinary ? MetricName.recall : .balancedAccuracy) : primaryMetric
    return (
      set, metric,
      SegmentRanking(set.analysis.segments, metric: metric, positive: set.analysis.positive)
    )
  }
}
