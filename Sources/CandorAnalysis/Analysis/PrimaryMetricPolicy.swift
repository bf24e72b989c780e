import CandorModel

/// Which metric a task watches: the one client.yaml names, else never accuracy on imbalanced
/// data. The weekly report and `candor diff` ask this one policy.
public enum PrimaryMetricPolicy {
  public struct Choice: Sendable, Equatable {
    public var metric: MetricName
    public var reason: PrimaryReason
    public var isConfigured: Bool { reason == .configured }
  }

  /// The task's primary metric, judged on all its sets' examples together.
  public static func choose(_ task: TaskEvaluation) -> Choice {
    if let chosen = task.task.primaryMetric { return Choice(metric: chosen, reason: .configured) }
    let (metric, reason) = choose(
      classes: task.classes, positive: task.positiveIndex, counts: pooledCounts(task))
    return Choice(metric: metric, reason: reason)
  }

  /// Binary tasks whose smaller class is under 25% watch F1, otherwise balanced accuracy;
  /// multiclass tasks with a rare class watch macro F1, otherwise balanced accuracy.
  static func choose(classes: [String], positive: Int?, counts: ConfusionCounts) -> (
    MetricName, PrimaryReason
  ) {
    let total = Double(max(1, counts.total))
    let shares = classes.indices.map { Double(counts.support($0)) / total }
    let smallest = shares.min() ?? 0
    if positive != nil {
      if smallest < Thresholds.balancedMinorityShare {
        return (.f1, .positiveIsMinority)
      }
      return (.balancedAccuracy, .bothOutcomesCommon)
    }
    if smallest < Thresholds.balancedMinorityShare / Double(classes.count) * 2 {
      return (.macroF1, .someClassesRare)
    }
    return (.balancedAccuracy, .classesEven)
  }

  static func pooledCounts(_ task: TaskEvaluation) -> ConfusionCounts {
    let k = task.classes.count
    var pooled = ConfusionCounts(size: k, cells: .init(repeating: 0, count: k * k))
    for set in task.sets {
      for (index, value) in set.matrix.flatMap({ $0 }).enumerated() { pooled.cells[index] += value }
    }
    return pooled
  }
}
