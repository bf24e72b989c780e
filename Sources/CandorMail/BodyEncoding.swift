/// Base64 (RFC 2045 section 6.8): the encoding of attachments and encoded-words.
public enum Base64 {
  private static let alphabet = Array(
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

  public static func encode<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
    var out: [UInt8] = []
    out.reserveCapacity((bytes.count + 2) / 3 * 4)
    var iterator = bytes.makeIterator()
    while let first = iterator.next() {
      let second = iterator.next()
      let third = iterator.next()
      let value = UInt32(first) << 16 | UInt32(second ?? 0) << 8 | UInt32(third ?? 0)
      out.append(alphabet[Int(value >> 18 & 63)])
      out.append(alphabet[Int(value >> 12 & 63)])
      out.append(second == nil ? UInt8(ascii: "=") : alphabet[Int(value >> 6 & 63)])
      out.append(third == nil ? UInt8(ascii: "=") : alphabet[Int(value & 63)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// A body part: lines of 76 characters ending in CRLF.
  public static func lines<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
    let encoded = Array(encode(bytes).utf8)
    var out = ""
    var start = 0
    while start < encoded.count {
      let end = min(start + 76, encoded.count)
      out += String(decoding: encoded[start..<end], as: UTF8.self) + "\r\n"
      start = end
    }
    return out
  }
}

/// Quoted-printable (RFC 2045 section 6.7) for text parts: readable where the text is ASCII,
/// lines of at most 76 characters, every line break a CRLF.
public enum QuotedPrintable {
  public static func encode(_ text: String) -> String {
    var out = ""
    let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(
      separator: "\n", omittingEmptySubsequences: false)
    for (index, line) in lines.enumerated() {
      if index == lines.count - 1 && line.isEmpty { break }
      out += encodeLine(Array(line.utf8)) + "\r\n"
    }
    return out
  }

  private static func encodeLine(_ bytes: [UInt8]) -> String {
    // Units are the literal or =XX form of one byte; a soft break never splits one.
    var units: [String] = []
    for (index, byte) in bytes.enumerated() {
      let isLast = index == bytes.count - 1
      let literal =
        (byte >= 33 && byte <= 126 && byte != UInt8(ascii: "="))
        || ((byte == 32 || byte == 9) && !isLast)
      // "From " and a lone "." at a line's start are mangled by some mail stores and servers.
      let guarded =
        index == 0
        && (bytes.starts(with: Array("From ".utf8)) || (byte == UInt8(ascii: ".")))
      if literal && !guarded {
        units.append(String(UnicodeScalar(byte)))
      } else {
        units.append("=" + String(byte, radix: 16, uppercase: true).leftPadded(to: 2))
      }
    }
    var out = ""
    var length = 0
    for unit in units {
      if length + unit.count > 75 {
        out += "=\r\n"
        length = 0
      }
      out += unit
      length += unit.count
    }
    return out
  }
}

extension String {
  func leftPadded(to width: Int) -> String {
    String(repeating: "0", count: max(0, width - count)) + self
  }
}
