import CandorModel
import Foundation

package enum NumberParsing {
  /// Exact powers of ten, written out so the table needs no lazy initialisation per call.
  private static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  /// Parses a decimal number from bytes; nil if it is not one.
  ///
  /// Plain decimals of up to 15 significant digits (what score columns hold) take an exact
  /// fast path: an integer mantissa divided by an exact power of ten rounds correctly once.
  /// Everything else goes to `strtod`, which must consume the whole field. `decimal` is the
  /// decimal mark (client.yaml `csv: {decimal: ","}` reads `0,8125`); the other mark is then
  /// not part of a number (`1.234,5` is refused, not read as a thousands separator).
  package static func double<C: Collection<UInt8>>(_ bytes: C, decimal: UInt8 = UInt8(ascii: "."))
    -> Double? where C.Index == Int
  {
    var mantissa: UInt64 = 0
    var digits = 0
    var fractionDigits = 0
    var seenPoint = false
    var negative = false
    var simple = true
    var index = bytes.startIndex
    if index < bytes.endIndex,
      bytes[index] == UInt8(ascii: "-") || bytes[index] == UInt8(ascii: "+")
    {
      negative = bytes[index] == UInt8(ascii: "-")
      index += 1
    }
    while index < bytes.endIndex {
      let byte = bytes[index]
      if byte >= 48 && byte <= 57 {
        mantissa = mantissa &* 10 &+ UInt64(byte - 48)
        digits += 1
        if seenPoint { fractionDigits += 1 }
      } else if byte == decimal, !seenPoint {
        seenPoint = true
      } else {
        simple = false
        break
      }
      index += 1
    }
    if simple && digits > 0 && digits <= 15 {
      let value = Double(mantissa) / powersOfTen[fractionDigits]
      return negative ? -value : value
    }
    return slowDouble(bytes, decimal: decimal)
  }

  private static func slowDouble<C: Collection<UInt8>>(_ bytes: C, decimal: UInt8) -> Double? {
    guard !bytes.isEmpty, bytes.count < 400 else { return nil }
    var text = Array(bytes)
    if decimal != UInt8(ascii: ".") {
      // strtod reads the C locale's point: the client's mark becomes one, and a point is not one.
      guard !text.contains(UInt8(ascii: ".")) else { return nil }
      for index in text.indices where text[index] == decimal { text[index] = UInt8(ascii: ".") }
    }
    // strtod skips leading space and accepts hex; refuse both to keep "number" meaning plain.
    if let first = text.first, first == 0x20 || first == 0x09 { return nil }
    if text.contains(where: { $0 == UInt8(ascii: "x") || $0 == UInt8(ascii: "X") }) { return nil }
    text.append(0)
    return text.withUnsafeBufferPointer { buffer -> Double? in
      let start = UnsafeRawPointer(buffer.baseAddress!).assumingMemoryBound(to: CChar.self)
      var end: UnsafeMutablePointer<CChar>?
      let value = strtod(start, &end)
      guard let end, end - UnsafeMutablePointer(mutating: start) == buffer.count - 1 else {
        return nil
      }
      return value
    }
  }

  /// A 64-bit hash of an id's bytes (FNV-1a with a final avalanche) for pairing examples.
  static func hash<C: Collection<UInt8>>(_ bytes: C) -> UInt64 {
    avalanche(FNV1a.hash(bytes))
  }

  /// `hash(bytes)`, and whether every byte is ASCII, in one pass over the id (the reader's,
  /// once per row).
  @inline(__always)
  static func hashAndASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> (hash: UInt64, ascii: Bool) {
    var hash = FNV1a()
    var high: UInt8 = 0
    for byte in bytes {
      hash.add(byte)
      high |= byte
    }
    return (avalanche(hash.value), high < 0x80)
  }

  @inline(__always)
  private static func avalanche(_ value: UInt64) -> UInt64 {
    var hash = value
    hash ^= hash >> 33
    hash = hash &* 0xff51_afd7_ed55_8ccd
    hash ^= hash >> 33
    return hash
  }
}
