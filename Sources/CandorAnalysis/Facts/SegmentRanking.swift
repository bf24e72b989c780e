import CandorWorkspace

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

  public init(_ segments: [SegmentAnalysis], metric: MetricName) {
    let judged = segments.filter { $0.counts.total >= Thresholds.segmentMinimumExamples }
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
    let shown = Precision.digits(low, isRate: metric.isRate)
    weakest = judged.filter { Precision.digits($0.value, isRate: metric.isRate) == shown }
  }
}

extension TaskAnalysis {
  /// The set a task's story is told on: its test set, else the first set.
  public var referenceSet: SetResult? {
    sets.first { $0.config.role == .test } ?? sets.first
  }

  /// The set whose segments the report shows (the reference set when it has segments, else the
  /// first set that has), the metric they are ranked by (the primary one, but a ranking metric
  /// means nothing per segment: recall or balanced accuracy instead), and the ranking.
  public var segmentFocus: (set: SetResult, metric: MetricName, ranking: SegmentRanking)? {
    guard
      let set = ([referenceSet].compactMap { $0 } + sets).first(where: {
        !$0.analysis.segments.isEmpty
      })
    else { return nil }
    let metric =
      primaryMetric == .rocAUC || primaryMetric == .prAUC
      ? (isBinary ? MetricName.recall : .balancedAccuracy) : primaryMetric
    return (set, metric, SegmentRanking(set.analysis.segments, metric: metric))
  }
}
