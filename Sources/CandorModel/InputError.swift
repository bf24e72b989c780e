import Foundation

/// A problem with a client's input: a file, where in it, and what is wrong.
///
/// `file` is workspace-relative (`clients/acme/weeks/2026-W48/...`) so that the message
/// means the same on every machine; `line` counts physical lines from 1 at the header.
public struct InputError: LocalizedError, Equatable, Sendable, CustomStringConvertible {
  public var file: String
  public var line: Int?
  /// The column (`column 'score'`) or YAML/JSON key (`key 'role'`) the problem is in.
  public var field: String?
  public var reason: String

  public init(file: String, line: Int? = nil, field: String? = nil, _ reason: String) {
    self.file = file
    self.line = line
    self.field = field
    self.reason = reason
  }

  public var description: String {
    var text = file
    if let line { text += ":\(line)" }
    text += ": "
    if let field { text += "\(field): " }
    return text + reason
  }

  public var errorDescription: String? { description }
}

/// Several input problems found in one pass, reported one per line.
public struct InputErrors: LocalizedError, Sendable {
  public var errors: [InputError]
  public init(_ errors: [InputError]) { self.errors = errors }
  public var errorDescription: String? { errors.map(\.description).joined(separator: "\n") }
}

/// Problems gathered while reading independent parts of one input, thrown together at the end.
package struct Problems {
  package private(set) var errors: [InputError] = []

  /// The value `body` returns, or nil after noting the problem it threw.
  @discardableResult
  package mutating func collect<T>(_ body: () throws -> T) -> T? {
    do {
      return try body()
    } catch let error as InputError {
      errors.append(error)
    } catch let error as InputErrors {
      errors += error.errors
    } catch {
      errors.append(InputError(file: "", "\(error)"))
    }
    return nil
  }

  package static func += (problems: inout Problems, more: [InputError]) { problems.errors += more }

  package func throwIfAny() throws {
    if errors.count == 1 { throw errors[0] }
    if !errors.isEmpty { throw InputErrors(errors) }
  }

  package init(errors: [InputError] = []) {
    self.errors = errors
  }
}

/// Quotes a client-supplied value for an error message: cut to 80 characters (then "…") and
/// with control characters escaped, so no value can flood or drive the terminal.
public func quoted(_ value: String) -> String {
  let limit = 80
  var shown = ""
  var count = 0
  for character in value {
    if count == limit {
      shown += "…"
      break
    }
    shown += TerminalSafe.escape(character)
    count += 1
  }
  return "'\(shown)'"
}

/// A value shown without quotes (a number as written), cut and escaped like `quoted`.
public func clipped(_ value: String) -> String {
  String(quoted(value).dropFirst().dropLast())
}

public enum TerminalSafe {
  /// `U+001B`: how messages name a character that cannot be shown.
  public static func codePoint(_ scalar: Unicode.Scalar) -> String {
    String(format: "U+%04X", scalar.value)
  }

  /// C0 and C1 controls and DEL: what a terminal may act on instead of showing.
  public static func isControl(_ scalar: Unicode.Scalar) -> Bool {
    scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
  }

  /// Bidirectional controls (U+061C, U+200E–U+200F, U+202A–U+202E, U+2066–U+2069): shown raw
  /// they reorder the rest of the line, so a name could make a message read backwards.
  public static func isBidiControl(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x061C, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069: true
    default: false
    }
  }

  /// A character as it may be shown on a terminal: C0 and C1 controls, DEL and bidirectional
  /// controls as `\u{..}` (tab, line feed and carriage return as `\t`, `\n` and `\r`).
  public static func escape(_ character: Character, keepingLineBreaks: Bool = false) -> String {
    var out = ""
    for scalar in character.unicodeScalars {
      switch scalar.value {
      case 0x09: out += keepingLineBreaks ? "\t" : "\\t"
      case 0x0A: out += keepingLineBreaks ? "\n" : "\\n"
      case 0x0D: out += "\\r"
      case _ where isControl(scalar) || isBidiControl(scalar):
        out += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// Text of several lines for a terminal: line breaks and tabs kept, every other control escaped.
  public static func text<S: StringProtocol>(_ text: S) -> String {
    var out = ""
    for character in text { out += escape(character, keepingLineBreaks: true) }
    return out
  }

  /// One line of a message with every control character escaped (line breaks split messages
  /// before this is applied).
  public static func line<S: StringProtocol>(_ text: S) -> String {
    var out = ""
    for character in text { out += escape(character) }
    return out
  }
}
