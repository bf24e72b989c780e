import CandorModel
import Foundation

/// A streaming RFC 4180 reader over bytes that knows the physical line of every record.
///
/// It reads the file in fixed-size chunks and never holds more than one chunk and one
/// record, so a file of tens of millions of rows costs the same memory as a small one.
/// Fields are exposed as byte views of a reused buffer (`withRecord`); callers turn the
/// few they need into values. Accepts a UTF-8 BOM, `\n` or `\r\n`, quoted fields with `""`,
/// delimiters and newlines inside quotes. Blank lines are skipped. The bytes come from a
/// `ByteSource` (a plain or a gzip file), the delimiter from the client's `CSVDialect`.
///
/// Buffers are raw pointers owned by the reader: the hot loop then does no reference
/// counting, which otherwise costs a third of the time on large files.
public final class CSVReader {
  public let file: String
  /// The physical line (from 1) on which the current record starts.
  public private(set) var line = 0
  public private(set) var fieldCount = 0

  private let source: ByteSource
  private let delimiter: UInt8
  private var chunk: UnsafeMutablePointer<UInt8>
  /// The chunk's capacity now; it doubles while reads fill it, up to `maxChunkSize`.
  private var chunkSize: Int
  private let maxChunkSize: Int
  private var position = 0
  private var available = 0
  private var atEnd = false
  private var isFirstChunk = true
  private var totalRead = 0
  private var nextLine = 1

  /// Field contents of the current record, unescaped, back to back.
  private var record: UnsafeMutablePointer<UInt8>
  private var recordCount = 0
  /// Where the current record starts in the chunk when it was read in place (no quotes, whole
  /// in the chunk: the common case), its fields one delimiter byte apart; nil when it was
  /// copied into `record` (which may move as it grows, so it is never remembered here).
  private var inPlace: UnsafePointer<UInt8>?
  private var recordCapacity = 4096
  /// End offset in `record` of each field.
  private var ends: UnsafeMutablePointer<Int>
  private var endsCapacity = 64

  /// Opens `path`, decompressing it when its name ends in `.gz`; errors name `displayPath`.
  /// Chunks of at most 256 KiB: with 1 MiB ones the kernel's copy into the chunk missed the
  /// second-level cache, and ten million short rows took 3% longer.
  public convenience init(
    path: String, displayPath: String, dialect: CSVDialect = .standard, chunkSize: Int = 1 << 18,
    gzipFiles: Int = 1
  ) throws {
    self.init(
      source: try ByteSources.open(path: path, displayPath: displayPath, gzipFiles: gzipFiles),
      displayPath: displayPath, dialect: dialect, chunkSize: chunkSize)
  }

  public init(
    source: ByteSource, displayPath: String, dialect: CSVDialect = .standard,
    chunkSize: Int = 1 << 18
  ) {
    file = displayPath
    self.source = source
    delimiter = dialect.delimiter
    // Small files get small buffers (a batch reads thousands of them, and a megabyte each is
    // mostly untouched memory): the first chunk fits the file, or 64 KiB when its size is
    // unknown (gzip), and grows while reads fill it.
    let known = source.estimatedTextSize
    maxChunkSize = chunkSize
    self.chunkSize = min(chunkSize, known > 0 ? max(4096, known + 1) : 1 << 16)
    chunk = .allocate(capacity: self.chunkSize)
    record = .allocate(capacity: recordCapacity)
    ends = .allocate(capacity: endsCapacity)
  }

  /// Reads a plain file from byte `offset`, which must start a record (no BOM is looked for
  /// there): the second stretch of a file read on two cores.
  convenience init(
    path: String, displayPath: String, dialect: CSVDialect, startingAt offset: Int
  ) throws {
    let descriptor: Int32
    switch FileSystem.openRegularFile(path) {
    case .success(let opened): descriptor = opened
    case .failure(let problem): throw InputError(file: displayPath, problem.reason)
    }
    let source = FileByteSource(descriptor: descriptor, file: displayPath)
    guard lseek(descriptor, off_t(offset), SEEK_SET) == off_t(offset) else {
      throw InputError(file: displayPath, "read failed")
    }
    self.init(source: source, displayPath: displayPath, dialect: dialect)
    isFirstChunk = offset == 0
  }

  /// Bytes of text consumed so far: where the next record starts, right after one is read.
  var consumed: Int { totalRead - (available - position) }

  deinit {
    chunk.deallocate()
    record.deallocate()
    ends.deallocate()
  }

  /// Runs `body` on the current record; its fields are views valid only inside `body`.
  public func withRecord<R>(_ body: (CSVRecord) throws -> R) rethrows -> R {
    try body(
      CSVRecord(
        bytes: UnsafeBufferPointer(start: inPlace ?? UnsafePointer(record), count: recordCount),
        ends: UnsafeBufferPointer(start: ends, count: fieldCount), gap: inPlace == nil ? 0 : 1))
  }

  /// The field as text; nil when it is not valid UTF-8.
  public func string(_ index: Int) -> String? {
    withRecord { $0.string(index) }
  }

  /// Rows the whole file (or `bytes` of it) likely holds, from the bytes per row so far; for
  /// reserving memory, never for logic.
  public func estimatedRows(afterRows rows: Int, inBytes bytes: Int? = nil) -> Int {
    let size = bytes ?? source.estimatedTextSize
    guard rows > 0, consumed > 0, size > 0 else { return 0 }
    return min(Int(Double(size) / Double(consumed) * Double(rows) * 1.02) + 64, 1 << 31)
  }

  /// Reads the next record; false at the end of the file.
  public func next() throws -> Bool {
    while true {
      guard try readRecord() else { return false }
      // A blank line is one empty field: not a record.
      if fieldCount == 1 && recordCount == 0 { continue }
      return true
    }
  }

  // MARK: - Reading

  private func fill() throws -> Bool {
    if atEnd { return false }
    if available == chunkSize, chunkSize < maxChunkSize {
      // Everything in the chunk has been copied out by now, so it is replaced, not moved.
      chunk.deallocate()
      chunkSize = min(maxChunkSize, chunkSize * 2)
      chunk = .allocate(capacity: chunkSize)
    }
    let count = try source.read(into: chunk, capacity: chunkSize)
    if count == 0 {
      atEnd = true
      return false
    }
    totalRead += count
    position = 0
    available = count
    if isFirstChunk {
      isFirstChunk = false
      if count >= 3, chunk[0] == 0xEF, chunk[1] == 0xBB, chunk[2] == 0xBF { position = 3 }
    }
    return true
  }

  @inline(__always)
  private func peek() throws -> UInt8? {
    if position == available, try !fill() { return nil }
    return chunk[position]
  }

  private func append(_ source: UnsafePointer<UInt8>, _ count: Int) throws {
    if recordCount + count > recordCapacity {
      // Checked only when the buffer must grow, so the common path costs nothing.
      try checkSize(adding: count)
      var capacity = recordCapacity * 2
      while capacity < recordCount + count { capacity *= 2 }
      let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
      grown.update(from: record, count: recordCount)
      record.deallocate()
      record = grown
      recordCapacity = capacity
    }
    (record + recordCount).update(from: source, count: count)
    recordCount += count
  }

  private func appendByte(_ byte: UInt8) throws {
    try withUnsafePointer(to: byte) { try append($0, 1) }
  }

  /// A record or field past its limit: a missing closing quote, a binary file or a device
  /// would otherwise grow one record until memory runs out.
  private func checkSize(adding count: Int) throws {
    let fieldStart = fieldCount == 0 ? 0 : ends[fieldCount - 1]
    if recordCount + count - fieldStart > Limits.maxCSVField {
      throw InputError(
        file: file, line: line, field: "field \(fieldCount + 1)",
        "is longer than \(FileSystem.size(Limits.maxCSVField)), the limit for one field")
    }
    if recordCount + count > Limits.maxCSVRecord {
      throw InputError(
        file: file, line: line,
        "the record starting on this line is longer than \(FileSystem.size(Limits.maxCSVRecord)), the limit for one record"
      )
    }
  }

  @inline(__always)
  private func endField() throws {
    // Checked at every field, not only when `ends` grows (it doubles past the limit, to 16,384).
    guard fieldCount < Limits.maxCSVFields else {
      throw InputError(
        file: file, line: line,
        "the record starting on this line has more than \(Limits.maxCSVFields) fields, the limit for one record"
      )
    }
    if fieldCount == endsCapacity {
      let grown = UnsafeMutablePointer<Int>.allocate(capacity: endsCapacity * 2)
      grown.update(from: ends, count: fieldCount)
      ends.deallocate()
      ends = grown
      endsCapacity *= 2
    }
    ends[fieldCount] = recordCount
    fieldCount += 1
  }

  private func readRecord() throws -> Bool {
    recordCount = 0
    fieldCount = 0
    line = nextLine
    guard try peek() != nil else { return false }
    if try readRecordInPlace() { return true }
    while true {
      let ended = try readField()
      try endField()
      if ended { return true }
    }
  }

  private static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
  private static let lfs = everyByte(lf), crs = everyByte(cr)

  /// `byte` in each of a word's eight bytes.
  @inline(__always)
  private static func everyByte(_ byte: UInt8) -> UInt64 { 0x0101_0101_0101_0101 &* UInt64(byte) }

  /// The high bit set in each zero byte of `word` up to and including its lowest zero byte (a
  /// byte above a zero may be marked too: only the lowest mark is ever read).
  @inline(__always)
  private static func zeroBytes(_ word: UInt64) -> UInt64 {
    (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
  }

  /// Reads a record without copying it, when it has no quoted field and ends (in `\n` or
  /// `\r\n`) inside the chunk: then its fields are already back to back there, one delimiter
  /// apart. Anything else (a quote, a lone `\r`, the chunk's end, an overlong field) returns
  /// false with nothing consumed, and `readField` reads the record byte by byte as before.
  private func readRecordInPlace() throws -> Bool {
    let start = position
    let delimiter = self.delimiter
    var fieldStart = start
    let delimiters = Self.everyByte(delimiter)
    while fieldStart < available, chunk[fieldStart] != Self.quote {
      var stop = fieldStart
      // Eight bytes a step while a whole word is left in the chunk, then byte by byte.
      while stop + 8 <= available {
        let word = UInt64(
          littleEndian: UnsafeRawPointer(chunk + stop).loadUnaligned(as: UInt64.self))
        let found =
          Self.zeroBytes(word ^ delimiters) | Self.zeroBytes(word ^ Self.lfs)
          | Self.zeroBytes(word ^ Self.crs)
        if found != 0 {
          stop += found.trailingZeroBitCount >> 3
          break
        }
        stop += 8
      }
      while stop < available {
        let byte = chunk[stop]
        if byte == delimiter || byte == Self.lf || byte == Self.cr { break }
        stop += 1
      }
      guard stop < available, stop - fieldStart <= Limits.maxCSVField else { break }
      let byte = chunk[stop]
      var next = stop + 1
      if byte == Self.cr {
        guard next < available, chunk[next] == Self.lf else { break }
        next += 1
      }
      recordCount = stop - start
      try endField()
      if byte == delimiter {
        fieldStart = next
        continue
      }
      position = next
      nextLine += 1
      inPlace = UnsafePointer(chunk + start)
      return true
    }
    recordCount = 0
    fieldCount = 0
    inPlace = nil
    return false
  }

  /// Reads one field; returns true when the record ended after it.
  private func readField() throws -> Bool {
    if try peek() == Self.quote {
      position += 1
      return try readQuotedField()
    }
    while try position < available || fill() {
      // Scan the unquoted run inside the current chunk in one tight loop.
      let start = position
      var stop = start
      var terminator: UInt8 = 0
      let delimiter = self.delimiter
      while stop < available {
        let byte = chunk[stop]
        if byte == delimiter || byte == Self.lf || byte == Self.cr {
          terminator = byte
          break
        }
        stop += 1
      }
      if stop > start { try append(chunk + start, stop - start) }
      position = stop
      if stop == available { continue }
      position += 1
      if terminator == delimiter { return false }
      switch terminator {
      case Self.lf:
        nextLine += 1
        return true
      default:
        if try peek() == Self.lf {
          position += 1
          nextLine += 1
          return true
        }
        throw InputError(
          file: file, line: nextLine,
          "has a carriage return (\\r) that does not end a line with \\r\\n; lines must end in \\n or \\r\\n (convert old Mac line endings, or quote the field)"
        )
      }
    }
    return true
  }

  private func readQuotedField() throws -> Bool {
    let openedOn = nextLine
    while true {
      guard try peek() != nil else {
        throw InputError(
          file: file, line: openedOn, "a quoted field opened on this line is never closed")
      }
      let byte = chunk[position]
      position += 1
      if byte == Self.quote {
        if try peek() == Self.quote {
          position += 1
          try appendByte(Self.quote)
          continue
        }
        break
      }
      if byte == Self.lf { nextLine += 1 }
      try appendByte(byte)
    }
    // After the closing quote only a separator or the end of the record may follow.
    guard let after = try peek() else { return true }
    position += 1
    if after == delimiter { return false }
    if after == Self.lf {
      nextLine += 1
      return true
    }
    if after == Self.cr, try peek() == Self.lf {
      position += 1
      nextLine += 1
      return true
    }
    throw InputError(
      file: file, line: nextLine,
      "unexpected character after a closing quote; a quote inside a quoted field must be doubled (\"\")"
    )
  }
}
