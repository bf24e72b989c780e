import CandorIngest
import CandorModel
import Foundation

/// Tells a file's CSV dialect from its first lines, for `candor add`: the delimiter is the one
/// of `,` `;` tab `|` that the header uses most (a tie is an ambiguity, never a guess), and the
/// decimal mark is `,` only when the delimiter is not a comma and the rows hold numbers such as
/// `0,25` and none such as `0.25`.
public enum DialectSniffer {
  /// Bytes of text looked at: the header and enough rows to see numbers.
  static let sampleBytes = 1 << 16

  public static func sniff(path: String, displayPath: String) throws -> CSVDialect {
    let source = try ByteSources.openSniffing(path: path, displayPath: displayPath)
    var sample = [UInt8](repeating: 0, count: sampleBytes)
    var filled = 0
    while filled < sampleBytes {
      let read = try sample.withUnsafeMutableBufferPointer {
        try source.read(into: $0.baseAddress! + filled, capacity: sampleBytes - filled)
      }
      if read == 0 { break }
      filled += read
    }
    try refuseBinary(sample[..<filled], file: displayPath)
    var lines = sample[..<filled].split(
      separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true)
    // The last line may be cut by the sample's end.
    if filled == sampleBytes, lines.count > 1 { lines.removeLast() }
    guard var header = lines.first.map(Array.init) else {
      throw InputError(file: displayPath, "is empty; expected a header row and one row per example")
    }
    if header.starts(with: [0xEF, 0xBB, 0xBF]) { header.removeFirst(3) }
    let delimiter = try self.delimiter(of: header, file: displayPath)
    let rows = lines.dropFirst().map(Array.init)
    return CSVDialect(delimiter: delimiter, decimal: decimal(rows: rows, delimiter: delimiter))
  }

  /// A spreadsheet, Parquet file or any other binary file, said as such: read as text it
  /// gave "a carriage return that does not end a line" or its bytes as column names.
  static func refuseBinary(_ sample: ArraySlice<UInt8>, file: String) throws {
    let kinds: [(magic: [UInt8], name: String)] = [
      ([0x50, 0x4B, 0x03, 0x04], "a zip archive (an Excel .xlsx workbook is one)"),
      ([0xD0, 0xCF, 0x11, 0xE0], "an old Excel .xls workbook"),
      (Array("PAR1".utf8), "a Parquet file"),
      ([0x1F, 0x8B], "gzip compressed twice"),
      (
        [0xFF, 0xFE], "UTF-16 text (Excel's 'Unicode Text', PowerShell's default); save it as UTF-8"
      ),
      ([0xFE, 0xFF], "UTF-16 text; save it as UTF-8"),
    ]
    let found = kinds.first { sample.starts(with: $0.magic) }?.name
    guard found != nil || sample.contains(0) else { return }
    throw InputError(
      file: file,
      "is \(found ?? "not text (it holds NUL bytes)"), not a CSV file; export the evaluation as CSV (pandas: df.to_csv(path), or write_evaluation from Python), gzip-compressed or not"
    )
  }

  /// The delimiter the header uses most, outside quotes; a header without any is one column.
  static func delimiter(of header: [UInt8], file: String) throws -> UInt8 {
    let candidates = CSVDialect.delimiters.map { UInt8(ascii: $0.unicodeScalars.first!) }
    var counts = [Int](repeating: 0, count: candidates.count)
    var quoted = false
    for byte in header {
      if byte == UInt8(ascii: "\"") { quoted.toggle() }
      if !quoted, let k = candidates.firstIndex(of: byte) { counts[k] += 1 }
    }
    let most = counts.max() ?? 0
    guard most > 0 else { return UInt8(ascii: ",") }
    let winners = candidates.indices.filter { counts[$0] == most }
    guard winners.count == 1 else {
      let names = winners.map { describe(candidates[$0]) }.joined(separator: " and ")
      throw InputError(
        file: file, line: 1,
        "the header could be split at \(names) equally often; re-export with one delimiter (',' is the contract's)"
      )
    }
    return candidates[winners[0]]
  }

  /// `,` when numbers are written `0,25` (and never `0.25`) in a file not separated by commas.
  static func decimal(rows: [[UInt8]], delimiter: UInt8) -> UInt8 {
    let point = UInt8(ascii: ".")
    let comma = UInt8(ascii: ",")
    guard delimiter != comma else { return point }
    var commas = 0
    var points = 0
    for row in rows {
      for field in row.split(separator: delimiter, omittingEmptySubsequences: false) {
        var digits = field[...]
        if digits.last == UInt8(ascii: "\r") { digits = digits.dropLast() }
        if digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
        guard let mark = digits.firstIndex(where: { $0 < 48 || $0 > 57 }),
          mark > digits.startIndex, mark < digits.endIndex - 1,
          digits[(mark + 1)...].allSatisfy({ $0 >= 48 && $0 <= 57 })
        else { continue }
        if digits[mark] == comma { commas += 1 }
        if digits[mark] == point { points += 1 }
      }
    }
    return commas > 0 && points == 0 ? comma : point
  }

  public static func describe(_ byte: UInt8) -> String {
    byte == UInt8(ascii: "\t") ? "tab" : "'\(Character(Unicode.Scalar(byte)))'"
  }
}
