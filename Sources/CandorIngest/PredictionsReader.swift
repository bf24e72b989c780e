import CandorKernels
import CandorModel
import Foundation

/// Reads one `<set-id>.csv` of per-example predictions into counts (and the rows an
/// analysis needs), checking every row against the task's classes.
package struct PredictionsReader {
  let folder: ClientFolder
  let path: String
  let universe: ClassUniverse
  /// The client's delimiter and decimal mark (client.yaml `csv:`).
  var dialect = CSVDialect.standard
  /// Class scores kept per file (rows × classes); a parameter so a test can reach it.
  var classScoreLimit = Limits.maxClassScores
  var policy = ReadPolicy.standard

  /// What one file holds, in the universe's internal class indices.
  package struct Raw {
    package var counts = GrowableMatrix()
    package var segmentNames: [String] = []
    package var segmentCounts: [GrowableMatrix] = []
    /// A binary task's scores per segment, split by class and sorted (each segment's ROC AUC
    /// and average precision); empty without segments or scores.
    package var segmentScores: [ScoredExamples] = []
    package var scored: ScoredExamples?
    package var keyed: KeyedExamples?
    package var classScores: ClassScores?
    /// The file was read in two stretches on two cores, and they were joined.
    package var readOnTwoCores = false
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

  package func read() throws -> Raw {
    let file = folder.display(path)
    let reader = try CSVReader(
      path: try folder.resolve(path), displayPath: file, dialect: dialect,
      gzipFiles: policy.gzipFiles)
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
    if !rows.badRows.isEmpty {
      // `candor check` lists every problem: a repeated id among the good rows too.
      var problems = rows.badRows
      if let idColumn = columns.id {
        do {
          try DuplicateIDs.check(
            sortedHashes: rows.idHashes.sorted(), folder: folder, path: path, dialect: dialect,
            idColumn: idColumn, field: task.columnField(.id))
        } catch let duplicate as InputError {
          problems.append(duplicate)
          problems.sort { ($0.line ?? 0) < ($1.line ?? 0) }
        }
      }
      throw InputErrors(problems)
    }
    guard rows.count > 0 else {
      throw InputError(
        file: file, line: 1, "has a header but no rows; a set with no examples cannot be reported")
    }
    raw.counts = rows.counts
    raw.segmentCounts = rows.segmentCounts
    raw.segmentScores = zip(rows.segmentPositives, rows.segmentNegatives).map {
      ScoredExamples(positives: $0, negatives: $1)
    }
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
            scores: useScores ? rows.keyedScores.take() : nil)
        ] + take(&rows.laterStretches)
      raw.keyed = KeyedExamples(sorting: &stretches)
    }
    // With ids the scores stay in `keyed` alone (`EvaluationSet.scoresByClass` splits them).
    if useScores && raw.keyed == nil {
      raw.scored = ScoredExamples(
        positives: take(&positiveScores), negatives: take(&negativeScores))
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
  func readRows(
    _ reader: CSVReader, _ columns: Columns, into rows: inout Rows, lookup: ClassLookup,
    pause: (Rows) -> Bool
  ) throws -> Bool {
    let file = reader.file
    let task = universe.task
    let binaryPositive = lookup.positive
    let useScores = task.isBinary && columns.score != nil
    let probabilities = task.scoresAreProbabilities
    while try Self.next(reader, after: rows.badRows) {
      let line = reader.line
      do {
        guard reader.fieldCount == columns.count else {
          throw Self.ragged(
            file: file, line: line, fields: reader.fieldCount, header: columns.header)
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

          let score =
            useScores
            ? try self.score(
              record, column: columns.score!, probabilities: probabilities, fail: fail)
            : nil

          // Class scores: parsed in class order; the highest is the predicted class.
          var best = -1
          if let scoreColumns = columns.classScores {
            best = try classScores(
              record, columns: scoreColumns, into: &rows, probabilities: probabilities, file: file,
              line: line)
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
          // With ids, scores are kept once, beside the ids (split by class when analysed).
          if let score, columns.id == nil {
            if label == binaryPositive {
              rows.positiveScores.append(score)
            } else {
              rows.negativeScores.append(score)
            }
          }
          if let idColumn = columns.id {
            try keepID(record[idColumn], label, prediction, score, into: &rows, fail: fail)
          }
          if let segmentColumn = columns.segment {
            try addSegment(
              record, column: segmentColumn, label, prediction,
              score: score.map { (value: $0, positive: label == binaryPositive) }, to: &rows,
              fail: fail)
          }
        }
      } catch let error as InputError {
        // The row is skipped; the read fails at its end (or at the listing's limit) anyway.
        rows.badRows.append(error)
        if rows.badRows.count >= policy.badRowsListed {
          throw Self.stopped(listing: rows.badRows, file: file)
        }
        continue
      }
      rows.count += 1
      if pause(rows) { return false }
    }
    return true
  }

  /// The reader's next record; a file broken further on (an unclosed quote) is said after the
  /// bad rows listed before it, not instead of them.
  static func next(_ reader: CSVReader, after badRows: [InputError]) throws -> Bool {
    do {
      return try reader.next()
    } catch let error as InputError where !badRows.isEmpty {
      throw InputErrors(badRows + [error])
    }
  }

  /// What a read that met as many bad rows as the policy lists throws: the one bad row, or
  /// the listing and a line saying it stopped there.
  static func stopped(listing bad: [InputError], file: String) -> Error {
    guard bad.count > 1 else { return bad[0] }
    return InputErrors(
      bad + [
        InputError(
          file: file, "lists no more bad rows after these \(bad.count); mend them and check again")
      ])
  }

  package init(
    folder: ClientFolder, path: String, universe: ClassUniverse,
    dialect: CSVDialect = .standard, classScoreLimit: Int = Limits.maxClassScores,
    policy: ReadPolicy = .standard
  ) {
    self.folder = folder
    self.path = path
    self.universe = universe
    self.dialect = dialect
    self.classScoreLimit = classScoreLimit
    self.policy = policy
  }
}

extension PredictionsReader {
  /// Per-row results of one stretch of a file; two stretches read on two cores are appended
  /// in file order, which gives the very arrays one pass gives.
  struct Rows {
    var counts = GrowableMatrix()
    var segmentCounts: [GrowableMatrix] = []
    var segments = Interner()
    /// Per segment, the binary task's scores of each class in file order.
    var segmentPositives: [[Double]] = []
    var segmentNegatives: [[Double]] = []
    var positiveScores: [Double] = []
    var negativeScores: [Double] = []
    var idHashes: [UInt64] = []
    var cells: [UInt16] = []
    var keyedScores = ScoreColumn.Builder()
    var classLabels: [UInt8] = []
    var classScoreValues: [Double] = []
    /// Rows skipped as bad while `ReadPolicy.badRowsListed` lets the read go on.
    var badRows: [InputError] = []
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
            scores: next.keyedScores.isEmpty ? nil : next.keyedScores.take()))
      }
      count += next.count
    }

    /// Reserves for `expected` rows in all, so arrays do not double far past what rows need.
    mutating func reserve(_ expected: Int, _ columns: Columns, useScores: Bool) {
      if useScores && columns.id == nil { negativeScores.reserveLarge(expected) }
      if columns.id != nil {
        idHashes.reserveLarge(expected)
        cells.reserveLarge(expected)
        if useScores { keyedScores.reserve(expected) }
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
