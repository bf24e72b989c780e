import CandorIngest
import CandorModel
import Foundation

/// One pass over a predictions file for `candor add`: its header, its rows, the distinct values
/// of the columns that may hold classes, and how the numbers of chosen score columns behave.
struct EvaluationSurvey {
  /// More distinct values than this in a class column is not a classification task's column.
  static let maxClasses = 256

  var header: [String] = []
  var rows = 0
  /// Distinct values in first-seen order, with how often each appears, per surveyed column.
  var values: [Int: [(value: String, count: Int)]] = [:]
  /// Smallest and largest number per surveyed numeric column.
  var numbers: [Int: NumberRange] = [:]
  /// The largest |row sum − 1| over the `sumColumns`; nil when none were asked for.
  var largestSumGap: Double?
  /// Whether `rowNumberColumn` holds 0, 1, 2, … in order: pandas' default index, row numbers
  /// every file of the same length shares, not example ids.
  var holdsRowNumbers = false
  /// Whether `rowNumberColumn` repeats a value (pandas' index after `concat` of frames): no id.
  var repeatsRowNumbers = false
  /// Per value of the first class column (the true class), the sum and count of the first
  /// number column's finite values: which class a lone score column is the score of.
  var scoreSums: [String: (sum: Double, count: Int)] = [:]

  /// Reads the header only.
  static func header(path: String, displayPath: String, dialect: CSVDialect) throws -> [String] {
    let reader = try open(path: path, displayPath: displayPath, dialect: dialect)
    return try readHeader(reader, file: displayPath)
  }

  /// Reads every row: distinct values of `classColumns`, ranges of `numberColumns`, and the
  /// per-row sum of `sumColumns`.
  init(
    path: String, displayPath: String, dialect: CSVDialect, classColumns: [Int],
    numberColumns: [Int], sumColumns: [Int] = [], rowNumberColumn: Int? = nil
  ) throws {
    let reader = try Self.open(path: path, displayPath: displayPath, dialect: dialect)
    header = try Self.readHeader(reader, file: displayPath)
    var seen: [Int: [String: Int]] = [:]
    for column in classColumns {
      values[column] = []
      seen[column] = [:]
    }
    for column in numberColumns + sumColumns { numbers[column] = NumberRange() }
    if !sumColumns.isEmpty { largestSumGap = 0 }
    let decimal = dialect.decimal
    holdsRowNumbers = rowNumberColumn != nil
    // The index column's values as hashes, sorted once at the end to find a repeat.
    var indexHashes: [UInt64] = []
    while try reader.next() {
      rows += 1
      guard reader.fieldCount == header.count else {
        throw InputError(
          file: displayPath, line: reader.line,
          "this row has \(reader.fieldCount) fields, the header \(header.count) columns")
      }
      try reader.withRecord { record in
        var truth: String?
        for column in classColumns {
          let text = record.text(column)
          if truth == nil { truth = text }
          guard !text.isEmpty else {
            // As the reader says it: an empty class is no class, not a third one to count.
            throw InputError(
              file: displayPath, line: reader.line, field: "column \(quoted(header[column]))",
              "is empty; every row needs a class")
          }
          if let k = seen[column]![text] {
            values[column]![k].count += 1
          } else {
            guard values[column]!.count < Self.maxClasses else {
              throw InputError(
                file: displayPath, line: reader.line, field: "column \(quoted(header[column]))",
                "holds more than \(Self.maxClasses) different values; a class column holds few")
            }
            seen[column]![text] = values[column]!.count
            values[column]!.append((text, 1))
          }
        }
        for (k, column) in numberColumns.enumerated() {
          let value = NumberParsing.double(record[column], decimal: decimal)
          numbers[column]!.add(value)
          if k == 0, let truth, let value, value.isFinite {
            scoreSums[truth, default: (0, 0)].sum += value
            scoreSums[truth, default: (0, 0)].count += 1
          }
        }
        if let column = rowNumberColumn {
          if holdsRowNumbers { holdsRowNumbers = Self.isDecimal(rows - 1, record[column]) }
          indexHashes.append(FNV1a.hash(record[column]))
        }
        guard let gap = largestSumGap else { return }
        var sum = 0.0
        for column in sumColumns {
          let value = NumberParsing.double(record[column], decimal: decimal)
          numbers[column]!.add(value)
          sum += value ?? .nan
        }
        largestSumGap = sum.isFinite ? max(gap, abs(sum - 1)) : .infinity
      }
    }
    guard rows > 0 else {
      throw InputError(
        file: displayPath, line: 1,
        "has a header but no rows; a set with no examples cannot be reported")
    }
    if rowNumberColumn != nil, !holdsRowNumbers {
      indexHashes.sort()
      // Equal hashes of distinct values are one in 2^64 per pair: a repeat is a repeat.
      repeatsRowNumbers = zip(indexHashes, indexHashes.dropFirst()).contains { $0 == $1 }
    }
  }

  /// Whether `bytes` spell `number` in decimal digits, without sign or leading zeros.
  static func isDecimal(_ number: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let digits = Array(String(number).utf8)
    return bytes.count == digits.count && zip(bytes, digits).allSatisfy { $0 == $1 }
  }

  /// The smallest and largest number of a column, and whether every cell was a finite number.
  struct NumberRange {
    var low = Double.infinity
    var high = -Double.infinity
    var allNumbers = true

    mutating func add(_ value: Double?) {
      guard let value, value.isFinite else {
        allNumbers = false
        return
      }
      low = min(low, value)
      high = max(high, value)
    }

    /// Every cell a number in [0, 1].
    var isProbability: Bool { allNumbers && low >= 0 && high <= 1 }
  }

  private static func open(path: String, displayPath: String, dialect: CSVDialect) throws
    -> CSVReader
  {
    CSVReader(
      source: try ByteSources.openSniffing(path: path, displayPath: displayPath),
      displayPath: displayPath, dialect: dialect)
  }

  private static func readHeader(_ reader: CSVReader, file: String) throws -> [String] {
    guard try reader.next() else {
      throw InputError(file: file, "is empty; expected a header row and one row per example")
    }
    return try (0..<reader.fieldCount).map { index in
      guard let name = reader.string(index) else {
        throw InputError(file: file, line: 1, "the header is not valid UTF-8")
      }
      return name
    }
  }
}
