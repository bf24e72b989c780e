import CandorModel

/// Every number Candor reports about one validation set in one week.
public struct SetAnalysis: Sendable {
  public var setID: String
  public var file: String
  public var source: EvaluationSource
  public var classes: [String]
  public var positive: Int?
  public var counts: ConfusionCounts
  /// The class a "model" that always predicts the most common class would say, and its accuracy.
  public var baseline: (label: String, accuracy: Double)
  /// In the contract's order for the task's kind; ranking metrics only where scores exist.
  public var metrics: [(name: MetricName, estimate: MetricEstimate)]
  public var ranking: RankingMetrics?
  public var segments: [SegmentAnalysis]
  /// Metrics that are a mean over examples (multiclass ROC AUC, top-2 accuracy, Brier score,
  /// log loss): each example's value, for the week-over-week test.
  public var perExample: [MetricName: ExampleValues] = [:]
  /// `score_kind: probability`: predicted probability against what happened, in 10 bins.
  public var reliability: Reliability?

  public var examples: Int { counts.total }

  public func estimate(_ metric: MetricName) -> MetricEstimate? {
    metrics.first { $0.name == metric }?.estimate
  }

  /// Examples of each class, in display order.
  public var classCounts: [(label: String, count: Int)] {
    classes.indices.map { (classes[$0], counts.support($0)) }
  }
}

public struct SegmentAnalysis: Sendable {
  public var name: String
  public var counts: ConfusionCounts
  public var metrics: [(name: MetricName, estimate: MetricEstimate)]

  public func estimate(_ metric: MetricName) -> MetricEstimate? {
    metrics.first { $0.name == metric }?.estimate
  }
}
