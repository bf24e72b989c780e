import Foundation

/// Reads one `<set-id>.csv` of per-example predictions into counts (and the rows an
/// analysis needs), checking every row against the task's classes.
struct PredictionsReader {
  let folder: ClientFolder
  let path: String
  let universe: ClassUniverse
  /// The client's delimiter and decimal mark (client.yaml `csv:`).
  var dialect = CSVDialect.standard
  /// Class scores kept per file (rows × classes); a parameter so a test can reach it.
  var classScoreLimit = Limits.maxClassScores
  var policy = ReadPolicy.standard

  /// What one file holds, in the universe's internal class indices.
  struct Raw {
    var counts = GrowableMatrix()
    var segmentNames: [String] = []
    var segmentCounts: [GrowableMatrix] = []
    var scored: ScoredExamples?
    var keyed: KeyedExamples?
    var classScores: ClassScores?
    /// The file was read in two stretches on two cores, and they were joined.
    var readOnTwoCores = false
  }

  struct Columns {
    var label: Int
    var prediction: Int?
    var score: Int?
    var id: Int?
    var segment: Int?
    /// `class_scores:`: the position of each class's score column, in declared class order.
    var classScores: [Int]?
    var count: Int
    /// The header's names in order, for a row whose field count differs from it.
    var header: [String]
  }

  func read() throws -> Raw {
    let file = folder.display(path)
    let reader = try CSVReader(
      path: try folder.resolve(path), displayPath: file, dialect: dialect)
    guard try reader.next() else {
      let task = universe.task
      throw InputError(
        file: file, line: 1,
        "is empty; expected a header row with at least \(quoted(task.fileColumn(.label))) and \(quoted(task.fileColumn(.prediction)))"
      )
    }
    let columns = try readHeader(reader, file: file)
    let task = universe.task
    var raw = Raw()
    let useScores = task.isBinary && columns.score != nil
    var rows = Rows()
    let lookup = ClassLookup.live(
      universe,
      positive: task.positiveLabel.map { universe.names.firstIndex(of: $0)! })
    var finished = try readRows(reader, columns, into: &rows, lookup: lookup) { $0.count == 4096 }
    if !finished {
      finished = try readInParallel(
        reader, columns, into: &rows, lookup: lookup, joined: &raw.readOnTwoCores)
    }
    if !finished {
      rows.reserve(reader.estimatedRows(afterRows: rows.count), columns, useScores: useScores)
      _ = try readRows(reader, columns, into: &rows, lookup: lookup) { _ in false }
    }
    guard rows.count > 0 else {
      throw InputError(
        file: file, line: 1, "has a header but no rows; a set with no examples cannot be reported")
    }
    raw.counts = rows.counts
    raw.segmentCounts = rows.segmentCounts
    let segments = rows.segments
    let classCount = columns.classScores?.count ?? 0
    var classLabels = take(&rows.classLabels)
    var classScoreValues = take(&rows.classScoreValues)
    var positiveScores = take(&rows.positiveScores)
    var negativeScores = take(&rows.negativeScores)
    // An empty value is a segment of its own, keyed as written; the report names it (`Words.segment`).
    raw.segmentNames = segments.names
    // Arrays are moved out, not copied, so each sort works on the only reference. (Sorting
    // on both cores at once was measured no faster: the sorts are bound by memory.)
    if columns.classScores != nil {
      raw.classScores = ClassScores(
        classes: classCount, labels: take(&classLabels), scores: take(&classScoreValues),
        idHashes: columns.id != nil ? rows.idHashes : nil)
    }
    if columns.id != nil {
      // The stretches read on two cores go to the sort as they are: its first level moves
      // every row once anyway, so appending them first would only copy them twice.
      var stretches =
        [
          RadixSort.KeyedRows(
            keys: take(&rows.idHashes), payload: take(&rows.cells),
            scores: useScores ? take(&rows.keyedScores) : nil)
        ] + take(&rows.laterStretches)
      raw.keyed = KeyedExamples(sorting: &stretches)
    }
    if useScores {
      if let keyed = raw.keyed, let positive = lookup.positive {
        // Split from the one copy kept with the ids: a file then never holds its scores
        // twice while it is read.
        raw.scored = ScoreSplit.sorted(
          scores: keyed.scores!, cells: keyed.cells, positive: positive,
          positives: raw.counts.rowTotal(positive))
      } else {
        raw.scored = ScoredExamples(
          positives: take(&positiveScores), negatives: take(&negativeScores))
      }
    }
    if let idColumn = columns.id {
      try DuplicateIDs.check(
        sortedHashes: raw.keyed!.idHashes, folder: folder, path: path, dialect: dialect,
        idColumn: idColumn, field: task.columnField(.id))
    }
    return raw
  }

  /// Reads records into `rows` until the end of the file (true) or until `pause` says so
  /// after a record (false).
  private func readRows(
    _ reader: CSVReader, _ columns: Columns, into rows: inout Rows, lookup: ClassLookup,
    pause: (Rows) -> Bool
  ) throws -> Bool {
    let file = reader.file
    let task = universe.task
    let binaryPositive = lookup.positive
    let useScores = task.isBinary && columns.score != nil
    let probabilities = task.scoresAreProbabilities
    let classCount = columns.classScores?.count ?? 0
    while try reader.next() {
      let line = reader.line
      guard reader.fieldCount == columns.count else {
        throw Self.ragged(file: file, line: line, fields: reader.fieldCount, header: columns.header)
      }
      func fail(_ column: ContractColumn, _ reason: String) -> InputError {
        InputError(file: file, line: line, field: task.columnField(column), reason)
      }
      try reader.withRecord { record in
        let label: Int
        do throws(ClassError) {
          label = try lookup.index(record[columns.label], dialect.decimal)
        } catch {
          throw fail(.label, error.reason)
        }

        var score: Double?
        if useScores, let scoreColumn = columns.score {
          guard let value = NumberParsing.double(record[scoreColumn], decimal: dialect.decimal)
          else {
            let text = record.text(scoreColumn)
            throw fail(
              .score,
              text.isEmpty ? "is empty; expected a number" : "\(quoted(text)) is not a number")
          }
          guard value.isFinite else {
            throw fail(.score, "\(quoted(record.text(scoreColumn))) is not a finite number")
          }
          if probabilities, !(0...1).contains(value) {
            throw fail(.score, Self.notProbability(record.text(scoreColumn)))
          }
          score = value
        }

        // Class scores: parsed in class order; the highest is the predicted class (ties to
        // the first class in `classes:` order).
        var best = -1
        if let scoreColumns = columns.classScores {
          guard (rows.count + 1) * classCount <= classScoreLimit else {
            throw InputError(
              file: file, line: line,
              "holds more class scores than Candor keeps for one file: at most \(classScoreLimit) (rows × classes)"
            )
          }
          var bestScore = -Double.infinity
          for (k, column) in scoreColumns.enumerated() {
            let className = universe.names[k]
            let field = "column \(quoted(task.classScoreColumn(className)!)) (class_scores)"
            guard let value = NumberParsing.double(record[column], decimal: dialect.decimal) else {
              let text = record.text(column)
              throw InputError(
                file: file, line: line, field: field,
                text.isEmpty ? "is empty; expected a number" : "\(quoted(text)) is not a number")
            }
            guard value.isFinite else {
              throw InputError(
                file: file, line: line, field: field,
                "\(quoted(record.text(column))) is not a finite number")
            }
            if probabilities, !(0...1).contains(value) {
              throw InputError(
                file: file, line: line, field: field, Self.notProbability(record.text(column)))
            }
            rows.classScoreValues.append(value)
            if value > bestScore {
              bestScore = value
              best = k
            }
          }
          rows.classLabels.append(UInt8(label))
        }

        let prediction: Int
        if let predictionColumn = columns.prediction {
          do throws(ClassError) {
            prediction = try lookup.index(record[predictionColumn], dialect.decimal)
          } catch { throw fail(.prediction, error.reason) }
        } else if best >= 0 {
          prediction = best
        } else {
          if score! >= task.threshold {
            prediction = binaryPositive!
          } else {
            do throws(ClassError) { prediction = try lookup.negative() } catch {
              throw fail(.label, error.reason)
            }
          }
        }

        rows.counts.add(label, prediction)
        // With ids, scores are kept once, beside the ids (split by class after their sort).
        if let score, columns.id == nil {
          if label == binaryPositive {
            rows.positiveScores.append(score)
          } else {
            rows.negativeScores.append(score)
          }
        }
        if let idColumn = columns.id {
          let id = record[idColumn]
          guard !id.isEmpty else {
            throw fail(.id, "is empty; every row of a file with ids needs one")
          }
          let (hash, ascii) = NumberParsing.hashAndASCII(id)
          if !ascii, String(validating: id, as: UTF8.self) == nil {
            throw fail(.id, "is not valid UTF-8")
          }
          rows.idHashes.append(hash)
          rows.cells.append(UInt16(label) << 8 | UInt16(prediction))
          if let score { rows.keyedScores.append(score) }
        }
        if let segmentColumn = columns.segment {
          guard let index = rows.segments.index(of: record[segmentColumn]) else {
            throw fail(.segment, "is not valid UTF-8")
          }
          if index == rows.segmentCounts.count {
            guard index < Limits.maxSegments else {
              throw fail(
                .segment,
                "\(quoted(record.text(segmentColumn))) is one segment too many: a file may hold at most \(Limits.maxSegments) distinct segments"
              )
            }
            rows.segmentCounts.append(GrowableMatrix())
          }
          rows.segmentCounts[index].add(label, prediction)
        }
      }
      rows.count += 1
      if pause(rows) { return false }
    }
    return true
  }

  /// Reads the rest of a large plain file on two cores: a second thread from the first line
  /// start after the middle, this one up to there. That the line start is a record boundary
  /// (not a newline inside a quoted field) is only a guess, checked here: this thread must end
  /// a record exactly on it. When it does not, or the second thread met anything that must be
  /// decided in file order (a class it does not know yet, any error), the second thread's rows
  /// are dropped and this thread reads on alone. Rows of the two stretches are appended in
  /// file order, so the result is always the one a single pass gives.
  /// Returns true when the file has been read to its end.
  private func readInParallel(
    _ reader: CSVReader, _ columns: Columns, into rows: inout Rows, lookup: ClassLookup,
    joined: inout Bool
  ) throws -> Bool {
    guard policy.parallelThreads > 1, columns.segment == nil, columns.classScores == nil,
      !path.hasSuffix(".gz"), let resolved = try? folder.resolve(path)
    else { return false }
    var info = stat()
    guard stat(resolved, &info) == 0 else { return false }
    let size = Int(info.st_size)
    let start = reader.consumed
    guard size - start >= policy.parallelMinimumBytes,
      let boundary = Self.lineStart(after: start + (size - start) / 2, in: resolved)
    else { return false }
    // Each stretch reserves for its own rows, from the bytes a row took so far, so no array
    // doubles (and copies) on the way.
    func expectedRows(_ bytes: Int) -> Int {
      reader.estimatedRows(afterRows: rows.count, inBytes: bytes)
    }
    let useScores = universe.task.isBinary && columns.score != nil
    // Without ids the second stretch's scores are appended to this one's: room for both.
    let ownEnd = columns.id == nil ? size : boundary
    rows.reserve(rows.count + expectedRows(ownEnd - start), columns, useScores: useScores)
    let secondRows = expectedRows(size - boundary)
    let frozen = ClassLookup.frozen(universe.snapshot(), positive: lookup.positive)
    let second = SecondStretch()
    let job = Unchecked((self, columns, frozen, resolved, reader.file))
    second.start { stretch in
      let (this, columns, frozen, path, file) = job.value
      guard
        let reader = try? CSVReader(
          path: path, displayPath: file, dialect: this.dialect, startingAt: boundary)
      else { return nil }
      var rows = Rows()
      rows.reserve(secondRows, columns, useScores: useScores)
      let ended = try? this.readRows(reader, columns, into: &rows, lookup: frozen) {
        $0.count & 4095 == 0 && stretch.isCancelled
      }
      return ended == true ? rows : nil
    }
    defer { second.cancel() }
    if try readRows(
      reader, columns, into: &rows, lookup: lookup,
      pause: { _ in
        reader.consumed >= boundary
      })
    {
      return true
    }
    guard reader.consumed == boundary, var tail = second.result() else { return false }
    rows.append(&tail)
    joined = true
    return true
  }

  /// The offset just after the first newline at or after `offset`; nil when there is none
  /// before the end of the file.
  static func lineStart(after offset: Int, in path: String) -> Int? {
    guard case .success(let descriptor) = FileSystem.openRegularFile(path) else { return nil }
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var position = offset
    while true {
      let count = buffer.withUnsafeMutableBytes {
        pread(descriptor, $0.baseAddress, $0.count, off_t(position))
      }
      guard count > 0 else { return nil }
      if let newline = buffer[0..<count].firstIndex(of: UInt8(ascii: "\n")) {
        return position + newline + 1
      }
      position += count
    }
  }

  /// Why a score is refused under `score_kind: probability`.
  static func notProbability(_ text: String) -> String {
    "\(quoted(text)) is outside [0, 1]; score_kind: probability declares the scores to be probabilities"
  }

  /// A row with more or fewer fields than the header, naming the first column it lacks or the
  /// first field beyond the header.
  private static func ragged(file: String, line: Int, fields: Int, header: [String]) -> InputError {
    func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
    let shape =
      "this row has \(count(fields, "field")), the header \(count(header.count, "column"))"
    return fields < header.count
      ? InputError(
        file: file, line: line,
        field: header[fields].isEmpty
          ? "column \(fields + 1) (unnamed in the header)" : "column \(quoted(header[fields]))",
        "is missing; \(shape)")
      : InputError(
        file: file, line: line, field: "field \(header.count + 1)",
        "has no column in the header; \(shape)")
  }

  private func readHeader(_ reader: CSVReader, file: String) throws -> Columns {
    let task = universe.task
    // The header names this task reads (client.yaml's `columns:` or the contract's own).
    var wanted: [String: ContractColumn] = [:]
    for column in ContractColumn.allCases { wanted[task.fileColumn(column)] = column }
    var positions: [ContractColumn: Int] = [:]
    // `class_scores:`: each class's column name, and where it was found.
    let classNames = task.classScores != nil ? task.classes ?? [] : []
    var classColumn: [String: Int] = [:]
    for (k, name) in classNames.enumerated() { classColumn[task.classScoreColumn(name)!] = k }
    var classPositions = [Int?](repeating: nil, count: classNames.count)
    var names = Set<String>()
    var header: [String] = []
    for index in 0..<reader.fieldCount {
      guard let name = reader.string(index) else {
        throw InputError(file: file, line: reader.line, "the header is not valid UTF-8")
      }
      names.insert(name)
      header.append(name)
      if let k = classColumn[name] {
        guard classPositions[k] == nil else {
          throw InputError(
            file: file, line: reader.line, field: "column \(quoted(name)) (class_scores)",
            "appears twice in the header")
        }
        classPositions[k] = index
        continue
      }
      guard let column = wanted[name] else { continue }
      if positions[column] != nil {
        throw InputError(
          file: file, line: reader.line, field: task.columnField(column),
          "appears twice in the header")
      }
      positions[column] = index
    }
    func missing(_ column: ContractColumn, _ why: String) -> InputError {
      var reason = "is missing; \(why)"
      if task.columns[column] != nil, names.contains(column.rawValue),
        wanted[column.rawValue] == nil
      {
        reason +=
          " (the file's '\(column.rawValue)' column is not read: client.yaml maps \(column.rawValue) to \(quoted(task.fileColumn(column))))"
      }
      return InputError(file: file, line: reader.line, field: task.columnField(column), reason)
    }
    func named(_ column: ContractColumn) -> String { quoted(task.fileColumn(column)) }
    guard let label = positions[.label] else {
      throw missing(.label, "every predictions file needs the true class in \(named(.label))")
    }
    for (k, position) in classPositions.enumerated() where position == nil {
      let column = task.classScoreColumn(classNames[k])!
      throw InputError(
        file: file, line: reader.line, field: "column \(quoted(column)) (class_scores)",
        "is missing; class_scores: \(quoted(task.classScores!)) needs one score column per class, here for \(quoted(classNames[k]))"
      )
    }
    if positions[.prediction] == nil, task.classScores == nil {
      if !task.isBinary {
        throw missing(
          .prediction, "a multiclass task needs the predicted class in \(named(.prediction))")
      }
      if positions[.score] == nil {
        throw missing(
          .prediction,
          "a binary task needs \(named(.prediction)), or \(named(.score)) to apply the threshold to"
        )
      }
    }
    return Columns(
      label: label, prediction: positions[.prediction], score: positions[.score],
      id: positions[.id], segment: positions[.segment],
      classScores: task.classScores != nil ? classPositions.map { $0! } : nil,
      count: reader.fieldCount, header: header)
  }
}

/// A square count matrix that grows as new classes appear, in internal class indices.
struct GrowableMatrix {
  private(set) var size = 0
  private var cells: [Int] = []

  @inline(__always)
  mutating func add(_ row: Int, _ column: Int, _ amount: Int = 1) {
    let needed = max(row, column) + 1
    if needed > size { grow(to: needed) }
    cells[row * size + column] += amount
  }

  private mutating func grow(to newSize: Int) {
    var grown = [Int](repeating: 0, count: newSize * newSize)
    for row in 0..<size {
      for column in 0..<size { grown[row * newSize + column] = cells[row * size + column] }
    }
    cells = grown
    size = newSize
  }

  func count(_ row: Int, _ column: Int) -> Int {
    row < size && column < size ? cells[row * size + column] : 0
  }

  /// Examples of true class `row`, whatever predicted.
  func rowTotal(_ row: Int) -> Int {
    (0..<size).reduce(0) { $0 + count(row, $1) }
  }

  /// The cells a segment's posterior draws touch, plus one per class for its metrics: every
  /// cell of each row it holds up to `Limits.fullPriorClasses` classes; beyond, its filled cells
  /// and two more per row (the prior's own). What one segment costs, whatever its size.
  func segmentCells(classes: Int) -> Int {
    var filled = 0
    var rows = 0
    for row in 0..<size {
      let cells = self.cells[(row * size)..<((row + 1) * size)].reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
      filled += cells
      if cells > 0 { rows += 1 }
    }
    return (classes <= Limits.fullPriorClasses ? rows * classes : filled + 2 * rows) + classes
  }

  /// The matrix over `order` (internal indices in display order).
  func reordered(_ order: [Int]) -> [[Int]] {
    order.map { row in order.map { column in count(row, column) } }
  }
}

/// Segment names seen in a file, matched by bytes so most rows allocate nothing.
struct Interner {
  private(set) var names: [String] = []
  private var bytes: [[UInt8]] = []
  private var lookup: [[UInt8]: Int] = [:]
  private var last = -1

  /// The index of the value (new values get the next index); nil when not valid UTF-8.
  mutating func index(of value: UnsafeBufferPointer<UInt8>) -> Int? {
    if last >= 0, sameBytes(bytes[last], value) { return last }
    let key = Array(value)
    if let known = lookup[key] {
      last = known
      return known
    }
    guard let name = String(validating: key, as: UTF8.self) else { return nil }
    names.append(name)
    bytes.append(key)
    lookup[key] = names.count - 1
    last = names.count - 1
    return last
  }
}

/// Moves an array out of a variable, leaving it empty, so the caller holds the only reference.
@inline(__always)
func take<T>(_ array: inout [T]) -> [T] {
  var taken: [T] = []
  swap(&taken, &array)
  return taken
}

extension PredictionsReader {
  /// Per-row results of one stretch of a file; two stretches read on two cores are appended
  /// in file order, which gives the very arrays one pass gives.
  struct Rows {
    var counts = GrowableMatrix()
    var segmentCounts: [GrowableMatrix] = []
    var segments = Interner()
    var positiveScores: [Double] = []
    var negativeScores: [Double] = []
    var idHashes: [UInt64] = []
    var cells: [UInt16] = []
    var keyedScores: [Double] = []
    var classLabels: [UInt8] = []
    var classScoreValues: [Double] = []
    /// The keyed rows of the stretches that follow these in the file, each as read.
    var laterStretches: [RadixSort.KeyedRows] = []
    var count = 0

    /// The rows that follow these in the file (never with segments or class scores, whose
    /// numbering depends on file order). Each of `next`'s arrays is freed once appended, so
    /// memory peaks at one array's worth more than the rows need, not half of all of them.
    /// Keyed rows are not appended: they stay a stretch of their own for the id sort.
    mutating func append(_ next: inout Rows) {
      for row in 0..<next.counts.size {
        for column in 0..<next.counts.size {
          counts.add(row, column, next.counts.count(row, column))
        }
      }
      positiveScores += take(&next.positiveScores)
      negativeScores += take(&next.negativeScores)
      if !next.idHashes.isEmpty {
        laterStretches.append(
          RadixSort.KeyedRows(
            keys: take(&next.idHashes), payload: take(&next.cells),
            scores: next.keyedScores.isEmpty ? nil : take(&next.keyedScores)))
      }
      count += next.count
    }

    /// Reserves for `expected` rows in all, so arrays do not double far past what rows need.
    mutating func reserve(_ expected: Int, _ columns: Columns, useScores: Bool) {
      if useScores && columns.id == nil { negativeScores.reserveLarge(expected) }
      if columns.id != nil {
        idHashes.reserveLarge(expected)
        cells.reserveLarge(expected)
        if useScores { keyedScores.reserveLarge(expected) }
      }
    }
  }

  /// How a stretch of rows finds class indices.
  struct ClassLookup {
    /// The binary task's positive class.
    let positive: Int?
    let index: (UnsafeBufferPointer<UInt8>, UInt8) throws(ClassError) -> Int
    let negative: () throws(ClassError) -> Int

    /// The task's universe, which may learn classes as rows arrive.
    static func live(_ universe: ClassUniverse, positive: Int?) -> ClassLookup {
      ClassLookup(
        positive: positive,
        index: { bytes, decimal throws(ClassError) in
          try universe.index(of: bytes, decimal: decimal)
        },
        negative: { universe.negativeIndex() })
    }

    /// The classes known when a second thread started, frozen: anything else gives up
    /// (with an error that only ends that thread's stretch).
    static func frozen(_ known: ClassUniverse.Snapshot, positive: Int?) -> ClassLookup {
      ClassLookup(
        positive: positive,
        index: { bytes, _ throws(ClassError) in
          guard let index = known.index(of: bytes) else { throw .empty }
          return index
        },
        negative: { () throws(ClassError) in
          guard let index = known.negative else { throw .empty }
          return index
        })
    }
  }
}

/// The second thread of a file read on two cores, which the first can call off.
final class SecondStretch: @unchecked Sendable {
  private let lock = NSLock()
  private var cancelled = false
  private var thread: BackgroundThread<PredictionsReader.Rows?>?

  func start(_ work: @escaping @Sendable (SecondStretch) -> PredictionsReader.Rows?) {
    thread = BackgroundThread(stackSize: 1 << 22) { [self] in work(self) }
  }

  /// Checked every few thousand rows: the first thread found it does not need these rows.
  var isCancelled: Bool { lock.withLock { cancelled } }

  /// Waits for the thread; its rows (handed over, not kept), or nil when it gave up.
  func result() -> PredictionsReader.Rows? { thread?.join() ?? nil }

  /// Tells the thread to stop and waits for it, so no thread outlives the read.
  func cancel() {
    lock.withLock { cancelled = true }
    _ = thread?.join()
  }
}

/// Hands values that are only read to another thread.
struct Unchecked<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}
