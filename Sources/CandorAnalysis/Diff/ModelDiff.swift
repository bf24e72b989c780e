import CandorModel

/// How a candidate model's evaluations compare with a base's, task by task and set by set.
public struct ModelDiff: Sendable {
  public var base: String
  public var candidate: String
  public var tasks: [TaskDiff]
  /// Hypotheses in the primary family (tasks × sets) and in the supporting one.
  public var comparisons: Int
  public var supportingComparisons: Int

  public var verdict: DiffVerdict { tasks.map(\.verdict).max() ?? .unchanged }
}

/// Ordered from harmless to serious, so the worst of several is `max()`.
public enum DiffVerdict: String, Sendable, Comparable, CaseIterable {
  case unchanged = "unchanged"
  case improved = "improved"
  case possibleRegression = "possible-regression"
  case regressed = "regressed"

  var rank: Int { Self.allCases.firstIndex(of: self)! }
  public static func < (a: DiffVerdict, b: DiffVerdict) -> Bool { a.rank < b.rank }
}

public struct TaskDiff: Sendable {
  public var task: TaskConfig
  public var primaryMetric: MetricName
  public var sets: [SetDiff]
  public var verdict: DiffVerdict { sets.map(\.verdict).max() ?? .unchanged }
}

public struct SetDiff: Sendable {
  public var setID: String
  public var before: SetAnalysis
  public var after: SetAnalysis
  public var changes: [MetricChange]
  /// One verdict per metric, in the order of `changes`.
  public var verdicts: [DiffVerdict]
  public var flips: Flips?
  public var primaryMetric: MetricName
  /// The primary metric's verdict: the confirmatory one. Other metrics are evidence.
  public var verdict: DiffVerdict {
    changes.firstIndex { $0.metric == primaryMetric }.map { verdicts[$0] } ?? .unchanged
  }
}

/// Examples whose answer changed between the runs, matched by id.
public struct Flips: Sendable {
  /// Right in the base run, wrong in the candidate.
  public var becameWrong: Int
  /// Wrong in the base run, right in the candidate.
  public var becameRight: Int
  /// Per true class (the candidate's label): (class, became wrong, became right).
  public var perClass: [(label: String, becameWrong: Int, becameRight: Int)]
  /// A few id hashes of each kind (in hash order: arbitrary but stable); the CLI turns them into ids.
  public var wrongSamples: [UInt64]
  public var rightSamples: [UInt64]
}
