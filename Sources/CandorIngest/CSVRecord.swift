import CandorModel

/// One record's fields as byte views into the reader's buffer (see `CSVReader.withRecord`).
public struct CSVRecord {
  let bytes: UnsafeBufferPointer<UInt8>
  let ends: UnsafeBufferPointer<Int>
  /// Bytes between one field's end and the next one's start: 0 in the reader's own buffer,
  /// 1 (the delimiter) when read in place.
  let gap: Int

  public var count: Int { ends.count }

  @inline(__always)
  public subscript(_ index: Int) -> UnsafeBufferPointer<UInt8> {
    let start = index == 0 ? 0 : ends[index - 1] + gap
    return UnsafeBufferPointer(rebasing: bytes[start..<ends[index]])
  }

  public func string(_ index: Int) -> String? {
    String(validating: self[index], as: UTF8.self)
  }

  public func text(_ index: Int) -> String {
    String(decoding: self[index], as: UTF8.self)
  }
}
