import CandorWorkspace
import Foundation

/// Little-endian binary records for `WeekImage`: integers as 8 bytes, arrays of plain values as
/// a count and their bytes, and a `ContentHash` of everything written after the last record,
/// so that a damaged file is told from a good one before any of it is used.
struct ImageFileWriter {
  private let descriptor: Int32
  private var lanes = ContentHash.Lanes()
  /// Small records gather here; an array's bytes go straight to the file.
  private var staged: [UInt8] = []
  private(set) var failed = false

  init(descriptor: Int32) { self.descriptor = descriptor }

  mutating func int(_ value: Int) {
    withUnsafeBytes(of: Int64(value).littleEndian) { staged.append(contentsOf: $0) }
  }

  mutating func flag(_ value: Bool) { int(value ? 1 : 0) }

  mutating func string(_ value: String) { array(Array(value.utf8)) }

  mutating func strings(_ values: [String]) {
    int(values.count)
    for value in values { string(value) }
  }

  mutating func array<T: BitwiseCopyable>(_ values: [T]) {
    int(values.count)
    values.withUnsafeBytes { bytes in
      if bytes.count < 4096 {
        staged.append(contentsOf: bytes)
      } else {
        flush()
        emit(bytes)
      }
    }
  }

  /// Writes what is staged and the hash of the whole record stream; false if any write failed.
  mutating func finish() -> Bool {
    flush()
    Self.hashTail(lanes).withUnsafeBytes { write($0) }
    return !failed
  }

  /// `records` as a whole image file: followed by their hash, as `finish` writes it.
  static func sealed(_ records: Data) -> Data {
    var lanes = ContentHash.Lanes()
    records.withUnsafeBytes { lanes.add($0) }
    return records + hashTail(lanes)
  }

  private static func hashTail(_ lanes: ContentHash.Lanes) -> [UInt8] {
    let (high, low) = lanes.finish()
    var tail: [UInt8] = []
    for word in [high, low] {
      withUnsafeBytes(of: word.littleEndian) { tail.append(contentsOf: $0) }
    }
    return tail
  }

  private mutating func flush() {
    guard !staged.isEmpty else { return }
    let bytes = staged
    staged.removeAll(keepingCapacity: true)
    bytes.withUnsafeBytes { emit($0) }
  }

  private mutating func emit(_ bytes: UnsafeRawBufferPointer) {
    lanes.add(bytes)
    write(bytes)
  }

  private mutating func write(_ bytes: UnsafeRawBufferPointer) {
    if !failed { failed = !OutputWriter.writeAll(bytes, to: descriptor) }
  }
}

/// Reads what `ImageFileWriter` wrote, as hostile input: every count is checked against the
/// bytes the file has left before anything is allocated, and `verify` compares the hash.
struct ImageFileReader {
  struct Damaged: Error {}

  private let descriptor: Int32
  /// Record bytes not yet read (the file's size less the hash at its end).
  private var remaining: Int
  private var lanes = ContentHash.Lanes()

  init?(descriptor: Int32, size: Int) {
    guard size >= 16 else { return nil }
    self.descriptor = descriptor
    remaining = size - 16
  }

  mutating func int() throws -> Int {
    var value: Int64 = 0
    try withUnsafeMutableBytes(of: &value) { try fill($0) }
    return Int(Int64(littleEndian: value))
  }

  /// A count of items of `stride` bytes each, that the rest of the file can hold.
  mutating func count(stride: Int = 1) throws -> Int {
    let count = try int()
    guard count >= 0, count <= remaining / max(stride, 1) else { throw Damaged() }
    return count
  }

  mutating func flag() throws -> Bool {
    switch try int() {
    case 0: return false
    case 1: return true
    default: throw Damaged()
    }
  }

  mutating func string() throws -> String {
    let bytes = try array(UInt8.self)
    guard let text = String(validating: bytes, as: UTF8.self) else { throw Damaged() }
    return text
  }

  mutating func strings() throws -> [String] {
    try (0..<count(stride: 8)).map { _ in try string() }
  }

  mutating func array<T: BitwiseCopyable>(_: T.Type) throws -> [T] {
    let count = try count(stride: MemoryLayout<T>.stride)
    var failure: Error?
    let values = [T](unsafeUninitializedCapacity: count) { buffer, initialized in
      do {
        try fill(UnsafeMutableRawBufferPointer(buffer))
        initialized = count
      } catch {
        failure = error
        initialized = 0
      }
    }
    if let failure { throw failure }
    return values
  }

  /// Every record read, nothing left over, and the hash at the end matches.
  mutating func verify() throws {
    guard remaining == 0 else { throw Damaged() }
    var stored: (UInt64, UInt64) = (0, 0)
    remaining = 16
    try withUnsafeMutableBytes(of: &stored) { try read($0) }
    let (high, low) = lanes.finish()
    guard UInt64(littleEndian: stored.0) == high, UInt64(littleEndian: stored.1) == low else {
      throw Damaged()
    }
  }

  private mutating func fill(_ bytes: UnsafeMutableRawBufferPointer) throws {
    try read(bytes)
    lanes.add(UnsafeRawBufferPointer(bytes))
  }

  private mutating func read(_ bytes: UnsafeMutableRawBufferPointer) throws {
    guard bytes.count <= remaining else { throw Damaged() }
    var offset = 0
    while offset < bytes.count {
      let count = Foundation.read(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
      if count < 0, errno == EINTR { continue }
      guard count > 0 else { throw Damaged() }
      offset += count
    }
    remaining -= bytes.count
  }
}
