import CandorAnalysis
import CandorModel
import CandorWorkspace

/// A task's week in a word, from its watched number: the status lines at the top of the
/// report, the email's subject and the portfolio all say it the same way.
public enum TaskStatus: String, Sendable, CaseIterable {
  /// A real drop of the watched number on some set (a drop outranks a gain elsewhere).
  case worse
  case better
  /// A large change the examples are too few to confirm.
  case tooFewToTell
  /// Compared, and nothing moved beyond noise.
  case steady
  /// Nothing to compare with: the first week on record, or a value undefined either week.
  case notCompared
  /// The reference set (the test set) has no value of the watched number this week.
  case noData

  public init(_ task: TaskAnalysis) {
    if let move = Editor.headlineMove(task) {
      self = (move.change.gain ?? 0) < 0 ? .worse : .better
      return
    }
    guard let set = task.referenceSet,
      set.analysis.estimate(task.primaryMetric)?.value != nil
    else {
      self = .noData
      return
    }
    guard let change = set.change(task.primaryMetric), change.delta != nil else {
      self = .notCompared
      return
    }
    self = Phrases.isLargeOnFewExamples(change) ? .tooFewToTell : .steady
  }

  /// Whether the status asks for attention first (the portfolio's order).
  public var rank: Int {
    switch self {
    case .worse: 0
    case .tooFewToTell: 1
    case .noData: 2
    case .notCompared: 3
    case .steady: 4
    case .better: 5
    }
  }
}

/// One task's status line: its name and status in plain words.
public struct StatusLine: Sendable {
  public var task: String
  public var status: TaskStatus
  /// "worse", in the report's language.
  public var words: String
}
