import CandorIngest
import CandorModel
import Foundation

/// client.yaml edited as text, so that a file a person wrote keeps its comments, order and
/// spacing: `candor add` appends a task or a set to a top-level list and touches nothing else.
public struct ClientYAMLText: Sendable {
  public private(set) var text: String

  public init(text: String) { self.text = text }

  /// A new client.yaml for one task and one set.
  public static func new(client: String, task: [String], set: [String]) -> ClientYAMLText {
    var lines = [
      "# Written by candor add. Edit freely: candor add keeps comments and order when it adds",
      "# a task or a set. The keys are described in docs/workspace.md.",
      "name: \(yamlQuoted(client))",
      "tasks:",
    ]
    lines += item(task, indent: 2)
    lines.append("validation_sets:")
    lines += item(set, indent: 2)
    return ClientYAMLText(text: lines.joined(separator: "\n") + "\n")
  }

  /// Appends an entry (its `key: value` lines) to the top-level list `key`; writes the list
  /// when client.yaml has none.
  public mutating func append(_ entry: [String], to key: String, file: String) throws {
    var (lines, ends) = Self.split(text)
    // New lines end as most of the file's do (CRLF in a file saved on Windows).
    let newline = ends.filter { $0 == "\r\n" }.count * 2 > ends.count ? "\r\n" : "\n"
    func joined() -> String { zip(lines, ends).map { $0 + $1 }.joined() }
    guard let start = lines.firstIndex(where: { Self.isTopLevel($0, key: key) }) else {
      let added = ["\(key):"] + Self.item(entry, indent: 2)
      lines += added
      ends += Array(repeating: newline, count: added.count)
      text = joined()
      return
    }
    var rest = lines[start].dropFirst(key.count + 1).trimmingCharacters(in: .whitespaces)
    // An empty list written `[]` (a skeleton's `tasks: []`) becomes a block list.
    if rest.hasPrefix("[]") {
      let after = rest.dropFirst(2).trimmingCharacters(in: .whitespaces)
      if after.isEmpty || after.hasPrefix("#") {
        lines[start] = after.isEmpty ? "\(key):" : "\(key): \(after)"
        rest = after
      }
    }
    guard rest.isEmpty || rest.hasPrefix("#") else {
      throw InputError(
        file: file, line: start + 1,
        "\(key): is written on one line; candor add appends to a list written one item per line (- id: …); rewrite it so, or add the entry by hand"
      )
    }
    var end = start + 1
    var lastContent = start
    var indent: Int?
    while end < lines.count {
      let line = lines[end]
      let trimmed = line.drop { $0 == " " }
      if !trimmed.isEmpty, !trimmed.hasPrefix("#") {
        // The next top-level key ends the list; a `- ` at column 0 is still one of its items.
        if line.first != " ", !line.hasPrefix("-") { break }
        lastContent = end
        if indent == nil, trimmed.hasPrefix("-") { indent = line.count - trimmed.count }
      }
      end += 1
    }
    let added = Self.item(entry, indent: indent ?? 2)
    lines.insert(contentsOf: added, at: lastContent + 1)
    ends.insert(contentsOf: Array(repeating: newline, count: added.count), at: lastContent + 1)
    text = joined()
  }

  /// The lines without their ends, and each line's end ("\n" or "\r\n"; the last line, if
  /// unterminated, gets "\n"). Split by scalar: in Swift "\r\n" is one Character, which a
  /// split at the Character "\n" would not find.
  static func split(_ text: String) -> (lines: [String], ends: [String]) {
    var lines: [String] = []
    var ends: [String] = []
    var pieces = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
    if pieces.last?.isEmpty == true { pieces.removeLast() }
    for piece in pieces {
      if piece.last == "\r" {
        lines.append(String(String.UnicodeScalarView(piece.dropLast())))
        ends.append("\r\n")
      } else {
        lines.append(String(String.UnicodeScalarView(piece)))
        ends.append("\n")
      }
    }
    return (lines, ends)
  }

  private static func isTopLevel(_ line: String, key: String) -> Bool {
    line.hasPrefix(key + ":")
  }

  /// `- first` then the other lines two spaces further in.
  static func item(_ entry: [String], indent: Int) -> [String] {
    let pad = String(repeating: " ", count: indent)
    return entry.enumerated().map { index, line in
      index == 0 ? "\(pad)- \(line)" : "\(pad)  \(line)"
    }
  }
}

/// A YAML double-quoted scalar: always text, never a number, boolean or null, whatever it holds.
public func yamlQuoted(_ value: String) -> String {
  var out = "\""
  for scalar in value.unicodeScalars {
    switch scalar {
    case "\"": out += "\\\""
    case "\\": out += "\\\\"
    case "\n": out += "\\n"
    case "\t": out += "\\t"
    default:
      if scalar.value < 0x20 || scalar.value == 0x7F || (0x80..<0xA0).contains(scalar.value)
        || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF
      {
        out += String(format: "\\u%04X", scalar.value)
      } else {
        out.unicodeScalars.append(scalar)
      }
    }
  }
  return out + "\""
}
