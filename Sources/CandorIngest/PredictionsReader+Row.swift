import CandorModel
import Foundation

/// The parts of one row that only some files have: a score, class scores, an id, a segment.
/// Inlined into `readRows`, the reader's hot loop.
extension PredictionsReader {
  /// The row's score: a finite number, in [0, 1] when the task's scores are probabilities.
  @inline(__always)
  func score(
    _ record: CSVRecord, column: Int, probabilities: Bool,
    fail: (ContractColumn, String) -> InputError
  ) throws -> Double {
    guard let value = NumberParsing.double(record[column], decimal: dialect.decimal) else {
      let text = record.text(column)
      throw fail(
        .score, text.isEmpty ? "is empty; expected a number" : "\(quoted(text)) is not a number")
    }
    guard value.isFinite else {
      throw fail(.score, "\(quoted(record.text(column))) is not a finite number")
    }
    if probabilities, !(0...1).contains(value) {
      throw fail(.score, Self.notProbability(record.text(column)))
    }
    return value
  }

  /// Appends the row's class scores in class order and returns the class scored highest (ties
  /// to the first class in `classes:` order).
  @inline(__always)
  func classScores(
    _ record: CSVRecord, columns scoreColumns: [Int], into rows: inout Rows, probabilities: Bool,
    file: String, line: Int
  ) throws -> Int {
    guard (rows.count + 1) * scoreColumns.count <= classScoreLimit else {
      throw InputError(
        file: file, line: line,
        "holds more class scores than Candor keeps for one file: at most \(classScoreLimit) (rows × classes)"
      )
    }
    var best = -1
    var bestScore = -Double.infinity
    for (k, column) in scoreColumns.enumerated() {
      // Named only for an error: built for every score, the name was most of the read's time.
      func field() -> String {
        "column \(quoted(universe.task.classScoreColumn(universe.names[k])!)) (class_scores)"
      }
      guard let value = NumberParsing.double(record[column], decimal: dialect.decimal) else {
        let text = record.text(column)
        throw InputError(
          file: file, line: line, field: field(),
          text.isEmpty ? "is empty; expected a number" : "\(quoted(text)) is not a number")
      }
      guard value.isFinite else {
        throw InputError(
          file: file, line: line, field: field(),
          "\(quoted(record.text(column))) is not a finite number")
      }
      if probabilities, !(0...1).contains(value) {
        throw InputError(
          file: file, line: line, field: field(), Self.notProbability(record.text(column)))
      }
      rows.classScoreValues.append(value)
      if value > bestScore {
        bestScore = value
        best = k
      }
    }
    return best
  }

  /// Keeps the row's id hash beside its classes (and score), for pairing by id.
  @inline(__always)
  func keepID(
    _ id: UnsafeBufferPointer<UInt8>, _ label: Int, _ prediction: Int, _ score: Double?,
    into rows: inout Rows, fail: (ContractColumn, String) -> InputError
  ) throws {
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

  /// Counts the row in its segment's matrix, the segment new when first seen (at most
  /// `Limits.maxSegments`).
  @inline(__always)
  func addSegment(
    _ record: CSVRecord, column: Int, _ label: Int, _ prediction: Int,
    score: (value: Double, positive: Bool)?, to rows: inout Rows,
    fail: (ContractColumn, String) -> InputError
  ) throws {
    guard let index = rows.segments.index(of: record[column]) else {
      throw fail(.segment, "is not valid UTF-8")
    }
    if index == rows.segmentCounts.count {
      guard index < Limits.maxSegments else {
        throw fail(
          .segment,
          "\(quoted(record.text(column))) is one segment too many: a file may hold at most \(Limits.maxSegments) distinct segments"
        )
      }
      rows.segmentCounts.append(GrowableMatrix())
      if score != nil {
        rows.segmentPositives.append([])
        rows.segmentNegatives.append([])
      }
    }
    rows.segmentCounts[index].add(label, prediction)
    if let score {
      if score.positive {
        rows.segmentPositives[index].append(score.value)
      } else {
        rows.segmentNegatives[index].append(score.value)
      }
    }
  }
}
