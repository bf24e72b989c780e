import CandorModel
import Foundation

/// A small JSON parser that keeps each number's text and each value's line, because
/// counts.json must refuse `12.0` where an integer is required and errors must name the line.
indirect enum JSONNode {
  case object([(key: String, value: JSONNode)], line: Int)
  case array([JSONNode], line: Int)
  case string(String, line: Int)
  case number(String, line: Int)
  case bool(Bool, line: Int)
  case null(line: Int)

  var line: Int {
    switch self {
    case .object(_, let line), .array(_, let line), .string(_, let line), .number(_, let line),
      .bool(_, let line), .null(let line):
      line
    }
  }
}

struct JSONScanner {
  struct Failure: Error {
    let line: Int
    let reason: String
  }

  private let bytes: [UInt8]
  private var index = 0
  private var line = 1
  /// Objects and arrays open around the current value; checked before going one deeper, so
  /// no input can make the recursion overflow the stack.
  private var depth = 0

  package static func parse(_ data: Data) throws(Failure) -> JSONNode {
    var scanner = JSONScanner(bytes: Array(data))
    if scanner.bytes.starts(with: [0xEF, 0xBB, 0xBF]) { scanner.index = 3 }
    let value = try scanner.value()
    scanner.skipSpace()
    guard scanner.index == scanner.bytes.count else {
      throw scanner.failure("unexpected text after the JSON value")
    }
    return value
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private func failure(_ reason: String) -> Failure { Failure(line: line, reason: reason) }

  private mutating func skipSpace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x0A:
        line += 1
        index += 1
      case 0x20, 0x09, 0x0D: index += 1
      default: return
      }
    }
  }

  private mutating func value() throws(Failure) -> JSONNode {
    skipSpace()
    guard index < bytes.count else { throw failure("unexpected end of file") }
    let start = line
    switch bytes[index] {
    case UInt8(ascii: "{"):
      try enter()
      defer { depth -= 1 }
      index += 1
      var members: [(key: String, value: JSONNode)] = []
      var keys = Set<String>()
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "}") {
        index += 1
        return .object(members, line: start)
      }
      while true {
        skipSpace()
        guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else {
          throw failure("expected a quoted key")
        }
        let keyLine = line
        let key = try string()
        guard keys.insert(key).inserted else {
          throw Failure(line: keyLine, reason: "key \(quoted(key)) appears twice in one object")
        }
        skipSpace()
        try expect(":")
        members.append((key, try value()))
        skipSpace()
        if try separator(closing: "}") { return .object(members, line: start) }
      }
    case UInt8(ascii: "["):
      try enter()
      defer { depth -= 1 }
      index += 1
      var items: [JSONNode] = []
      skipSpace()
      if index < bytes.count, bytes[index] == UInt8(ascii: "]") {
        index += 1
        return .array(items, line: start)
      }
      while true {
        items.append(try value())
        skipSpace()
        if try separator(closing: "]") { return .array(items, line: start) }
      }
    case UInt8(ascii: "\""):
      return .string(try string(), line: start)
    case UInt8(ascii: "t"):
      try literal("true")
      return .bool(true, line: start)
    case UInt8(ascii: "f"):
      try literal("false")
      return .bool(false, line: start)
    case UInt8(ascii: "n"):
      try literal("null")
      return .null(line: start)
    default:
      return .number(try number(), line: start)
    }
  }

  private mutating func enter() throws(Failure) {
    depth += 1
    guard depth <= Limits.maxJSONDepth else {
      throw failure(
        "nesting is deeper than \(Limits.maxJSONDepth) levels (the limit for Candor's JSON files)")
    }
  }

  private mutating func separator(closing: Unicode.Scalar) throws(Failure) -> Bool {
    guard index < bytes.count else { throw failure("unexpected end of file") }
    if bytes[index] == UInt8(ascii: ",") {
      index += 1
      return false
    }
    if bytes[index] == UInt8(ascii: closing) {
      index += 1
      return true
    }
    throw failure("expected ',' or '\(closing)'")
  }

  private mutating func expect(_ character: Character) throws(Failure) {
    guard index < bytes.count, bytes[index] == character.asciiValue! else {
      throw failure("expected '\(character)'")
    }
    index += 1
  }

  private mutating func literal(_ word: String) throws(Failure) {
    let expected = Array(word.utf8)
    guard bytes[index...].starts(with: expected) else { throw failure("unexpected character") }
    index += expected.count
  }

  private mutating func number() throws(Failure) -> String {
    let start = index
    let allowed = Set("+-0123456789.eE".utf8)
    while index < bytes.count, allowed.contains(bytes[index]) { index += 1 }
    guard index > start, let text = String(validating: bytes[start..<index], as: UTF8.self),
      Double(text) != nil
    else { throw failure("unexpected character") }
    guard Self.isJSONNumber(bytes[start..<index]) else {
      throw failure(
        "\(text) is not a JSON number (no leading zeros, plus sign or bare decimal point)")
    }
    return text
  }

  /// RFC 8259's grammar: `-? (0 | [1-9] digits) (. digits)? ([eE] [+-]? digits)?`; Swift's
  /// `Double` also takes `050`, `+5`, `.5` and `5.`, which no JSON writer emits.
  static func isJSONNumber(_ text: ArraySlice<UInt8>) -> Bool {
    var rest = text[...]
    func digits() -> Int {
      let count = rest.prefix { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }.count
      rest = rest.dropFirst(count)
      return count
    }
    if rest.first == UInt8(ascii: "-") { rest = rest.dropFirst() }
    if rest.first == UInt8(ascii: "0") {
      rest = rest.dropFirst()
    } else if digits() == 0 {
      return false
    }
    if rest.first == UInt8(ascii: ".") {
      rest = rest.dropFirst()
      guard digits() > 0 else { return false }
    }
    if rest.first == UInt8(ascii: "e") || rest.first == UInt8(ascii: "E") {
      rest = rest.dropFirst()
      if rest.first == UInt8(ascii: "+") || rest.first == UInt8(ascii: "-") {
        rest = rest.dropFirst()
      }
      guard digits() > 0 else { return false }
    }
    return rest.isEmpty
  }

  private mutating func string() throws(Failure) -> String {
    index += 1
    var buffer: [UInt8] = []
    while index < bytes.count {
      let byte = bytes[index]
      index += 1
      if byte == UInt8(ascii: "\"") {
        guard let text = String(validating: buffer, as: UTF8.self) else {
          throw failure("a string is not valid UTF-8")
        }
        return text
      }
      if byte == 0x0A { throw failure("a string is not closed on its line") }
      if byte == UInt8(ascii: "\\") {
        guard index < bytes.count else { break }
        let escaped = bytes[index]
        index += 1
        switch escaped {
        case UInt8(ascii: "n"): buffer.append(0x0A)
        case UInt8(ascii: "t"): buffer.append(0x09)
        case UInt8(ascii: "r"): buffer.append(0x0D)
        case UInt8(ascii: "b"): buffer.append(0x08)
        case UInt8(ascii: "f"): buffer.append(0x0C)
        case UInt8(ascii: "u"):
          guard index + 4 <= bytes.count,
            let hex = String(validating: bytes[index..<index + 4], as: UTF8.self),
            var code = UInt32(hex, radix: 16)
          else { throw failure("invalid \\u escape") }
          index += 4
          if (0xD800..<0xDC00).contains(code), index + 6 <= bytes.count,
            bytes[index] == UInt8(ascii: "\\"),
            let low = UInt32(
              String(decoding: bytes[index + 2..<index + 6], as: UTF8.self), radix: 16),
            (0xDC00..<0xE000).contains(low)
          {
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
            index += 6
          }
          buffer.append(
            contentsOf: Array(String(Unicode.Scalar(code).map(Character.init) ?? "\u{FFFD}").utf8))
        default: buffer.append(escaped)
        }
        continue
      }
      buffer.append(byte)
    }
    throw failure("a string is never closed")
  }
}
