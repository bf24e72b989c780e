import CandorKernels

/// Where a set's numbers came from.
public enum EvaluationSource: String, Sendable {
  case predictions, counts
}

/// One validation set's evaluation in one week, as read from its file.
///
/// Counts are kept in the task's display order of classes. Per-example rows are kept only
/// where an analysis needs them: scores for ranking metrics, ids for paired tests.
public struct EvaluationSet: Sendable {
  public var setID: String
  /// Workspace-relative path of the file it came from.
  public var file: String
  public var source: EvaluationSource
  /// `matrix[i][j]`: examples of true class `classes[i]` predicted as `classes[j]`.
  public var matrix: [[Int]]
  /// Per-segment matrices, sorted by segment name; empty when the file has no `segment` column.
  public var segments: [(name: String, matrix: [[Int]])]
  /// A binary task's scores per segment, in `segments`' order; empty without scores.
  public var segmentScores: [ScoredExamples] = []
  /// Binary tasks with a `score` column and no ids: each class's scores, sorted. With ids the
  /// scores are kept once, in `keyed`, and `scoresByClass` splits them when they are needed.
  public var scored: ScoredExamples?
  /// Files with an `id` column: per-example classes keyed by a 64-bit hash of the id.
  public var keyed: KeyedExamples?
  /// Multiclass tasks with `class_scores`: every example's score for every class.
  public var classScores: ClassScores? = nil
  /// From counts.json: a binned score distribution for approximate ranking metrics.
  public var histogram: ScoreHistogram?
  /// The file's path inside the folder it was read from, to read it again (ids for a diff).
  public var relativePath: String = ""
  /// Read in two stretches on two cores (large plain files); the rows are the same either way.
  public var readOnTwoCores = false

  public var total: Int { matrix.reduce(0) { $0 + $1.reduce(0, +) } }

  /// Binary tasks with a `score` column: each class's scores, sorted (what ranking metrics
  /// need). Split from `keyed` on each call where the file has ids, so that a week held for
  /// a paired test keeps its scores once (40 MB for ten million rows kept as codes, 80 as
  /// doubles): call it once per use.
  public func scoresByClass(positive: Int) -> ScoredExamples? {
    if let scored { return scored }
    guard let keyed, let scores = keyed.scores else { return nil }
    return ScoreSplit.sorted(
      scores: scores, cells: keyed.cells, positive: positive,
      positives: matrix.indices.contains(positive) ? matrix[positive].reduce(0, +) : 0)
  }

  /// Where the file has ids and scores as exports write them: each class's scores counted
  /// (the tied groups ranking metrics are computed from), without a sorted copy of them (80 MB
  /// for ten million rows). Nil otherwise (no ids, other scores, few rows): `scoresByClass`.
  public func scoreCounts(positive: Int) -> ScoreCounts? {
    guard scored == nil, let keyed, let scores = keyed.scores else { return nil }
    return ScoreSplit.counted(scores: scores, cells: keyed.cells, positive: positive)
  }

  package init(
    setID: String, file: String, source: EvaluationSource, matrix: [[Int]],
    segments: [(name: String, matrix: [[Int]])], scored: ScoredExamples? = nil,
    keyed: KeyedExamples? = nil, classScores: ClassScores? = nil, histogram: ScoreHistogram? = nil,
    relativePath: String = "", readOnTwoCores: Bool = false, segmentScores: [ScoredExamples] = []
  ) {
    self.segmentScores = segmentScores
    self.setID = setID
    self.file = file
    self.source = source
    self.matrix = matrix
    self.segments = segments
    self.scored = scored
    self.keyed = keyed
    self.classScores = classScores
    self.histogram = histogram
    self.relativePath = relativePath
    self.readOnTwoCores = readOnTwoCores
  }
}

/// A binary set's scores split by true class, each sorted ascending (what ranking metrics need).
public struct ScoredExamples: Sendable {
  public var positives: [Double]
  public var negatives: [Double]

  public init(positives: [Double], negatives: [Double]) {
    self.positives = positives
    self.negatives = negatives
    RadixSort.sort(&self.positives)
    RadixSort.sort(&self.negatives)
  }

  /// Both already sorted ascending.
  package init(sortedPositives: [Double], sortedNegatives: [Double]) {
    positives = sortedPositives
    negatives = sortedNegatives
  }

  public init(scores: [Double], isPositive: [Bool]) {
    self.init(
      positives: zip(scores, isPositive).filter(\.1).map(\.0),
      negatives: zip(scores, isPositive).filter { !$0.1 }.map(\.0))
  }
}

/// One score per class for every example of a file (`class_scores:`), in file order.
///
/// `scores` is row-major, `rows × classes`, classes in the task's declared order (bounded by
/// `Limits.maxClassScores` per file).
public struct ClassScores: Sendable {
  public var classes: Int
  /// Each example's true class (index into the task's classes).
  public var labels: [UInt8]
  public var scores: [Double]
  /// Each example's id hash, where the file has ids (for paired changes).
  public var idHashes: [UInt64]?

  public init(classes: Int, labels: [UInt8], scores: [Double], idHashes: [UInt64]? = nil) {
    self.classes = classes
    self.labels = labels
    self.scores = scores
    self.idHashes = idHashes
  }

  public var rows: Int { labels.count }

  /// The example's score for class `k` (inlinable: sorts call it in their comparisons).
  @inlinable @inline(__always) public func score(_ row: Int, _ k: Int) -> Double {
    scores[row * classes + k]
  }
}

/// Per-example classes keyed by a 64-bit hash of the id, sorted by hash, so that duplicate
/// ids are neighbours and two weeks pair up in one linear merge.
public struct KeyedExamples: Sendable {
  public var idHashes: [UInt64]
  /// `label << 8 | prediction`, class indices in the task's display order.
  public var cells: [UInt16]
  /// Binary tasks with a `score` column: each row's score, for paired ranking tests (as codes
  /// where the scores allow: `ScoreColumn`).
  public var scores: ScoreColumn?

  /// Rows in any order; they are sorted by hash here.
  public init(idHashes: [UInt64], cells: [UInt16], scores: [Double]? = nil) {
    var stretches = [
      RadixSort.KeyedRows(keys: idHashes, payload: cells, scores: scores.map(ScoreColumn.init))
    ]
    self.init(sorting: &stretches)
  }

  /// The rows of consecutive stretches of one file, sorted by hash (each stretch is emptied).
  package init(sorting stretches: inout [RadixSort.KeyedRows]) {
    let sorted = RadixSort.sort(&stretches)
    idHashes = sorted.keys
    cells = sorted.payload
    scores = sorted.scores
  }

  /// Rows already sorted by hash (a week's image, `WeekImage`).
  package init(sortedIDHashes: [UInt64], cells: [UInt16], scores: ScoreColumn?) {
    idHashes = sortedIDHashes
    self.cells = cells
    self.scores = scores
  }

  public init(idHashes: [UInt64], labels: [UInt16], predictions: [UInt16], scores: [Double]? = nil)
  {
    self.init(
      idHashes: idHashes, cells: zip(labels, predictions).map { $0 << 8 | $1 }, scores: scores)
  }

  @inlinable public func label(_ row: Int) -> Int { Int(cells[row] >> 8) }
  @inlinable public func prediction(_ row: Int) -> Int { Int(cells[row] & 0xFF) }
}

/// `positive[k]` and `negative[k]` count examples whose score is in `[edges[k], edges[k+1])`;
/// the last bin is closed on the right.
public struct ScoreHistogram: Sendable {
  public var edges: [Double]
  public var positive: [Int]
  public var negative: [Int]

  package init(edges: [Double], positive: [Int], negative: [Int]) {
    self.edges = edges
    self.positive = positive
    self.negative = negative
  }
}

/// All sets of one task in one week, with the task's classes in display order.
public struct TaskEvaluation: Sendable {
  public var task: TaskConfig
  public var classes: [String]
  /// Index of `positive_label` in `classes` for binary tasks.
  public var positiveIndex: Int?
  /// In client.yaml's order of validation sets.
  public var sets: [EvaluationSet]

  package init(
    task: TaskConfig, classes: [String], positiveIndex: Int? = nil, sets: [EvaluationSet]
  ) {
    self.task = task
    self.classes = classes
    self.positiveIndex = positiveIndex
    self.sets = sets
  }
}

extension WeekEvaluation {
  /// The same data under another reading of client.yaml's texts (another language): each
  /// task's configuration from `config`, its classes in `config`'s words for them.
  public func relabelled(from current: ClientConfig, to config: ClientConfig) -> WeekEvaluation {
    var week = self
    for index in week.tasks.indices {
      let id = week.tasks[index].task.id
      guard let from = current.task(id), let to = config.task(id) else { continue }
      week.tasks[index].task = to
      week.tasks[index].classes = week.tasks[index].classes.map {
        to.displayName(ofClass: from.fileName(ofClass: $0))
      }
    }
    return week
  }
}

/// Everything read for one client and one week.
public struct WeekEvaluation: Sendable {
  public var week: ISOWeek
  public var tasks: [TaskEvaluation]
  public var worklog: Worklog?
  /// The worklog's texts written per language that the client's language lacks.
  public var translationGaps: [String] = []

  package init(
    week: ISOWeek, tasks: [TaskEvaluation], worklog: Worklog? = nil, translationGaps: [String] = []
  ) {
    self.week = week
    self.tasks = tasks
    self.worklog = worklog
    self.translationGaps = translationGaps
  }
}
