import CandorKernels
import CandorModel
import CandorWorkspace
import Foundation

/// A week's evaluation files as read (every set's counts, ids, classes and scores), kept in a
/// binary file so that the next run that needs the week in full (next week's paired tests, or
/// the same week again) loads it instead of parsing its CSV: ten million rows load in a tenth
/// of the time. The image holds with the key it was written under (format, Candor version,
/// client, week, language, and each input file's path, size and hash), and is checked as
/// hostile input: its hash, and every invariant the analysis relies on.
enum WeekImage {
  static let format = "candor-week-image 2"

  /// What an image must have been written under to be used.
  static func key(
    client: String, week: ISOWeek, language: ReportLocale, fingerprint: WeekFingerprint
  ) -> String {
    var lines = [
      format, "candor \(CandorVersion.number)", "client \(client)", "week \(week)",
      "language \(language.code)",
    ]
    for file in fingerprint.files {
      lines.append("file \(file.size) \(file.hash) \(file.path)")
    }
    return lines.joined(separator: "\n")
  }

  static func write(_ tasks: [TaskEvaluation], key: String, to writer: inout ImageFileWriter) {
    writer.string(key)
    for task in tasks {
      writer.string(task.task.id)
      writer.strings(task.classes)
      writer.int(task.positiveIndex ?? -1)
      writer.int(task.sets.count)
      for set in task.sets { write(set, to: &writer) }
    }
  }

  private static func write(_ set: EvaluationSet, to writer: inout ImageFileWriter) {
    writer.strings([set.setID, set.file, set.source.rawValue, set.relativePath])
    writer.flag(set.readOnTwoCores)
    writer.array(set.matrix.flatMap { $0 })
    writer.int(set.segments.count)
    for segment in set.segments {
      writer.string(segment.name)
      writer.array(segment.matrix.flatMap { $0 })
    }
    writer.flag(!set.segmentScores.isEmpty)
    for scored in set.segmentScores {
      writer.array(scored.positives)
      writer.array(scored.negatives)
    }
    writer.flag(set.scored != nil)
    if let scored = set.scored {
      writer.array(scored.positives)
      writer.array(scored.negatives)
    }
    writer.flag(set.keyed != nil)
    if let keyed = set.keyed {
      writer.array(keyed.idHashes)
      writer.array(keyed.cells)
      switch keyed.scores {
      case nil: writer.int(0)
      case .decimal(let codes):
        writer.int(1)
        writer.array(codes)
      case .values(let values):
        writer.int(2)
        writer.array(values)
      }
    }
    writer.flag(set.classScores != nil)
    if let scores = set.classScores {
      writer.int(scores.classes)
      writer.array(scores.labels)
      writer.array(scores.scores)
      writer.flag(scores.idHashes != nil)
      if let hashes = scores.idHashes { writer.array(hashes) }
    }
    writer.flag(set.histogram != nil)
    if let histogram = set.histogram {
      writer.array(histogram.edges)
      writer.array(histogram.positive)
      writer.array(histogram.negative)
    }
  }

  /// The tasks of an image written under `key`, their configuration from `config`; nil when
  /// the image was written under another key (stale). Throws `ImageFileReader.Damaged` for an
  /// image of this key that does not read back whole and consistent.
  static func read(from reader: inout ImageFileReader, key: String, config: ClientConfig) throws
    -> [TaskEvaluation]?
  {
    guard try reader.string() == key else { return nil }
    var tasks: [TaskEvaluation] = []
    // As the files are read: every task of client.yaml in its order, each set at most once in
    // the order of client.yaml's sets, distinct classes, a positive class where one is named.
    let setOrder = config.validationSets.map(\.id)
    for task in config.tasks {
      guard try reader.string() == task.id else { throw ImageFileReader.Damaged() }
      let classes = try reader.strings()
      let positive = try reader.int()
      guard (1...ClassUniverse.maxClasses).contains(classes.count),
        Set(classes).count == classes.count, (-1..<classes.count).contains(positive),
        (positive >= 0) == (task.positiveLabel != nil)
      else { throw ImageFileReader.Damaged() }
      let sets = try (0..<reader.count(stride: 8)).map { _ in
        try readSet(
          from: &reader, classes: classes.count, positive: positive >= 0 ? positive : nil,
          probabilities: task.scoresAreProbabilities, classScoresDeclared: task.classScores != nil)
      }
      let order = sets.map { setOrder.firstIndex(of: $0.setID) ?? -1 }
      guard order.allSatisfy({ $0 >= 0 }), zip(order, order.dropFirst()).allSatisfy({ $0 < $1 })
      else { throw ImageFileReader.Damaged() }
      tasks.append(
        TaskEvaluation(
          task: task, classes: classes, positiveIndex: positive >= 0 ? positive : nil, sets: sets))
    }
    try reader.verify()
    return tasks
  }

  /// One set, checked for what its reader guarantees and the analysis relies on: counts that
  /// are its rows' (per cell, per segment, per class of the class scores, per histogram class),
  /// classes in range, ids in strictly increasing order (the reader refuses duplicates), sorted
  /// scores by class, scores in [0, 1] where the task's scores are probabilities, and each part
  /// only where the task's kind has it.
  private static func readSet(
    from reader: inout ImageFileReader, classes k: Int, positive: Int?, probabilities: Bool,
    classScoresDeclared: Bool
  ) throws -> EvaluationSet {
    func check(_ condition: Bool) throws { if !condition { throw ImageFileReader.Damaged() } }
    func score(_ value: Double) -> Bool {
      value.isFinite && (!probabilities || (0...1).contains(value))
    }
    let names = try reader.strings()
    try check(names.count == 4)
    guard let source = EvaluationSource(rawValue: names[2]) else { throw ImageFileReader.Damaged() }
    let readOnTwoCores = try reader.flag()
    let matrix = try self.matrix(try reader.array(Int.self), k)
    let cells = Array(matrix.joined())
    let rows = cells.reduce(0, +)
    let classRows = matrix.map { $0.reduce(0, +) }
    var segments: [(name: String, matrix: [[Int]])] = []
    for _ in 0..<(try reader.count(stride: 16)) {
      segments.append((try reader.string(), try self.matrix(try reader.array(Int.self), k)))
    }
    try check(segments.count <= Limits.maxSegments)
    try check(Set(segments.map(\.name)).count == segments.count)
    if !segments.isEmpty {
      var sum = [Int](repeating: 0, count: k * k)
      for segment in segments {
        for (index, count) in segment.matrix.joined().enumerated() { sum[index] += count }
      }
      try check(sum == cells)
    }
    var segmentScores: [ScoredExamples] = []
    if try reader.flag() {
      guard let positive else { throw ImageFileReader.Damaged() }
      for segment in segments {
        let positives = try reader.array(Double.self)
        let negatives = try reader.array(Double.self)
        let count = segment.matrix.joined().reduce(0, +)
        try check(
          positives.count == segment.matrix[positive].reduce(0, +)
            && positives.count + negatives.count == count)
        try check(sortedScores(positives, score) && sortedScores(negatives, score))
        segmentScores.append(ScoredExamples(sortedPositives: positives, sortedNegatives: negatives))
      }
    }
    var scored: ScoredExamples?
    if try reader.flag() {
      let positives = try reader.array(Double.self)
      let negatives = try reader.array(Double.self)
      guard let positive else { throw ImageFileReader.Damaged() }
      try check(positives.count == classRows[positive] && positives.count + negatives.count == rows)
      try check(sortedScores(positives, score) && sortedScores(negatives, score))
      scored = ScoredExamples(sortedPositives: positives, sortedNegatives: negatives)
    }
    var keyed: KeyedExamples?
    if try reader.flag() {
      let hashes = try reader.array(UInt64.self)
      let classes = try reader.array(UInt16.self)
      let scores: ScoreColumn?
      switch try reader.int() {
      case 0: scores = nil
      case 1:
        let codes = try reader.array(UInt32.self)
        try check(!probabilities || codes.allSatisfy { $0 <= 1_000_000 })
        scores = .decimal(codes)
      case 2:
        let values = try reader.array(Double.self)
        try check(values.allSatisfy(score))
        scores = .values(values)
      default: throw ImageFileReader.Damaged()
      }
      // A row's score is kept only for a binary task (`KeyedExamples.scores`).
      try check(scores == nil || positive != nil)
      try check(hashes.count == rows && classes.count == rows && (scores?.count ?? rows) == rows)
      try check(zip(hashes, hashes.dropFirst()).allSatisfy { $0 < $1 })
      try check(tally(classes, k) == cells)
      keyed = KeyedExamples(sortedIDHashes: hashes, cells: classes, scores: scores)
    }
    var classScores: ClassScores?
    if try reader.flag() {
      let width = try reader.int()
      let labels = try reader.array(UInt8.self)
      let scores = try reader.array(Double.self)
      let hashes = try reader.flag() ? try reader.array(UInt64.self) : nil
      try check(
        classScoresDeclared && width == k && labels.count == rows && scores.count == rows * k)
      try check((hashes?.count ?? rows) == rows && scores.allSatisfy(score))
      var perClass = [Int](repeating: 0, count: k)
      for label in labels {
        try check(Int(label) < k)
        perClass[Int(label)] += 1
      }
      try check(perClass == classRows)
      classScores = ClassScores(classes: k, labels: labels, scores: scores, idHashes: hashes)
    }
    var histogram: ScoreHistogram?
    if try reader.flag() {
      let edges = try reader.array(Double.self)
      let positives = try reader.array(Int.self)
      let negatives = try reader.array(Int.self)
      guard let positive else { throw ImageFileReader.Damaged() }
      try check(edges.count >= 2 && edges.allSatisfy(\.isFinite))
      try check(zip(edges, edges.dropFirst()).allSatisfy { $0 < $1 })
      try check(positives.count == edges.count - 1 && negatives.count == edges.count - 1)
      try check((positives + negatives).allSatisfy { (0...Limits.maxCount).contains($0) })
      try check(
        positives.reduce(0, +) == classRows[positive]
          && negatives.reduce(0, +) == rows - classRows[positive])
      histogram = ScoreHistogram(edges: edges, positive: positives, negative: negatives)
    }
    return EvaluationSet(
      setID: names[0], file: names[1], source: source, matrix: matrix, segments: segments,
      scored: scored, keyed: keyed, classScores: classScores, histogram: histogram,
      relativePath: names[3], readOnTwoCores: readOnTwoCores, segmentScores: segmentScores)
  }

  /// A `k × k` matrix of counts from its cells, row by row; its total at most 2^53.
  private static func matrix(_ cells: [Int], _ k: Int) throws -> [[Int]] {
    guard cells.count == k * k, cells.allSatisfy({ $0 >= 0 && $0 <= 1 << 53 }),
      cells.reduce(0, { min($0 + $1, 1 << 60) }) <= 1 << 53
    else { throw ImageFileReader.Damaged() }
    return (0..<k).map { Array(cells[($0 * k)..<($0 * k + k)]) }
  }

  /// Each cell's count in a `k × k` matrix, row by row; nil if a class is out of range.
  private static func tally(_ cells: [UInt16], _ k: Int) -> [Int]? {
    var counts = [Int](repeating: 0, count: k * k)
    for cell in cells {
      let label = Int(cell >> 8)
      let prediction = Int(cell & 0xFF)
      guard label < k, prediction < k else { return nil }
      counts[label * k + prediction] += 1
    }
    return counts
  }

  private static func sortedScores(_ values: [Double], _ valid: (Double) -> Bool) -> Bool {
    values.allSatisfy(valid) && zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }
  }
}
