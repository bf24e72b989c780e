import CandorModel

/// Everything computed for one client's week: every set's metrics, changes against the
/// week compared to (Holm-adjusted together), the primary metric's history and the findings.
public struct WeekAnalysis: Sendable {
  /// Texts the client wrote per language but not in the report's language (notes.md names
  /// them; the report reads their fallback).
  public var translationGaps: [String] = []
  public var clientID: String
  public var clientName: String
  public var week: ISOWeek
  /// The latest earlier week present; nil for a client's first week.
  public var comparedTo: ISOWeek?
  public var tasks: [TaskAnalysis]
  /// The same tasks in the week compared to (empty for a first week).
  public var previousTasks: [TaskAnalysis]
  public var validationSets: [ValidationSetConfig]
  public var worklog: Worklog?
  /// Every week up to this one, oldest first, for trend charts.
  public var history: [HistoryWeek]
  public var findings: [Finding]
  /// How many primary-metric comparisons (tasks × sets) the confirmatory Holm family held.
  public var comparisons: Int
  /// How many comparisons the supporting family held (every other metric, near-duplicates once).
  public var supportingComparisons: Int
}

public struct TaskAnalysis: Sendable {
  public var task: TaskConfig
  public var classes: [String]
  public var positive: Int?
  public var sets: [SetResult]
  public var primaryMetric: MetricName
  /// Why this metric is the one to watch (the report words it).
  public var primaryReason: PrimaryReason
  public var primaryIsConfigured: Bool

  public var isBinary: Bool { positive != nil }
  public var positiveLabel: String? { positive.map { classes[$0] } }
}

public struct SetResult: Sendable {
  public var config: ValidationSetConfig
  public var analysis: SetAnalysis
  /// Nil when no earlier week has this task and set.
  public var changes: [MetricChange]?

  public func change(_ metric: MetricName) -> MetricChange? {
    changes?.first { $0.metric == metric }
  }
}

/// One week's primary-metric estimate per task and set, and whether work shipped that week.
public struct HistoryWeek: Sendable {
  public var week: ISOWeek
  public var shipped: [String]
  /// Keyed by "task/set".
  public var estimates: [String: MetricEstimate]
}

/// Why a task's primary metric was chosen.
public enum PrimaryReason: String, Sendable, Equatable {
  /// client.yaml names it.
  case configured
  /// Binary, the positive class (associated) under 25%: F1.
  case positiveIsMinority
  /// Binary, both outcomes common: balanced accuracy.
  case bothOutcomesCommon
  /// Multiclass with a rare class: macro F1.
  case someClassesRare
  /// Multiclass, classes fairly even: balanced accuracy.
  case classesEven
}
