import CandorModel
import Foundation
import Yams

/// A thin reader over a Yams node tree that turns every problem into an `InputError`
/// naming the file, the line and the key.
///
/// Scalars are always read as the text written: `positive_label: 1` is the class "1"
/// and `yes` is "yes", as the contract requires; no YAML 1.1 boolean or number guessing.
package struct YAMLNode {
  let node: Node
  let file: String
  let key: String

  var line: Int? { node.mark?.line }

  package static func parse(_ data: Data, file: String) throws -> YAMLNode {
    // Depth, aliases, duplicate keys and encoding first: Yams composes recursively.
    try YAMLPrecheck.check(Array(data), file: file)
    guard let text = String(data: data, encoding: .utf8) else {
      throw InputError(file: file, "is not valid UTF-8")
    }
    do {
      guard let node = try Yams.compose(yaml: text) else {
        throw InputError(file: file, "is empty")
      }
      return YAMLNode(node: node, file: file, key: "")
    } catch let error as YamlError {
      throw InputError(
        file: file, line: yamlLine(error), "is not valid YAML: \(yamlProblem(error))")
    }
  }

  package func error(_ reason: String) -> InputError {
    InputError(file: file, line: line, field: key.isEmpty ? nil : "key '\(key)'", reason)
  }

  var isNull: Bool {
    guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
    return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
  }

  /// The child under `name`, or nil when absent or written as null.
  package func optional(_ name: String) throws -> YAMLNode? {
    guard case .mapping(let mapping) = node else {
      throw error("expected a mapping of keys to values")
    }
    for (keyNode, value) in mapping where keyNode.string == name {
      let child = YAMLNode(node: value, file: file, key: key.isEmpty ? name : "\(key).\(name)")
      return child.isNull ? nil : child
    }
    return nil
  }

  /// The child under `name` when the key is present, even when its value is null.
  func present(_ name: String) throws -> YAMLNode? {
    guard case .mapping(let mapping) = node else {
      throw error("expected a mapping of keys to values")
    }
    for (keyNode, value) in mapping where keyNode.string == name {
      return YAMLNode(node: value, file: file, key: key.isEmpty ? name : "\(key).\(name)")
    }
    return nil
  }

  /// The child under `name`, or nil when absent; present but empty (`csv: ~`, `locale:`) is an
  /// error, for a key whose absence means a default: an empty value is a mistake, not a choice.
  func nonNull(_ name: String) throws -> YAMLNode? {
    guard let child = try present(name) else { return nil }
    guard !child.isNull else { throw child.error("has no value; give one or remove the key") }
    return child
  }

  func required(_ name: String) throws -> YAMLNode {
    guard let child = try optional(name) else {
      let path = key.isEmpty ? name : "\(key).\(name)"
      throw InputError(file: file, line: line, field: "key '\(path)'", "is required but missing")
    }
    return child
  }

  /// The scalar's text exactly as written.
  package func text() throws -> String {
    guard case .scalar(let scalar) = node else { throw error("expected a single value") }
    return scalar.string
  }

  /// A decimal number (`0.4`, `-1`, `2.5e-3`); hexadecimal, octal, `inf` and `nan` are refused.
  func number() throws -> Double {
    let raw = try text()
    guard Self.isDecimal(raw), let value = Double(raw), value.isFinite else {
      throw error("expected a decimal number, found \(quoted(raw))")
    }
    return value
  }

  static func isDecimal(_ text: String) -> Bool {
    var bytes = Array(text.utf8)[...]
    if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") {
      bytes = bytes.dropFirst()
    }
    func digits() -> Int {
      let count = bytes.prefix { $0 >= 48 && $0 <= 57 }.count
      bytes = bytes.dropFirst(count)
      return count
    }
    var mantissa = digits()
    if bytes.first == UInt8(ascii: ".") {
      bytes = bytes.dropFirst()
      mantissa += digits()
    }
    guard mantissa > 0 else { return false }
    if let first = bytes.first, first == UInt8(ascii: "e") || first == UInt8(ascii: "E") {
      bytes = bytes.dropFirst()
      if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") {
        bytes = bytes.dropFirst()
      }
      guard digits() > 0 else { return false }
    }
    return bytes.isEmpty
  }

  /// Refuses any key of this mapping that is not in `keys`, naming it and the nearest known key.
  package func checkKeys(_ keys: KnownKeys) throws {
    if let first = unknownKeys(keys).first { throw first }
  }

  /// Every key of this mapping that is not in `keys` (or the mapping itself, when it is not one).
  func unknownKeys(_ keys: KnownKeys) -> [InputError] {
    guard case .mapping(let mapping) = node else {
      return [error("expected a mapping of keys to values")]
    }
    return mapping.compactMap { keyNode, _ in
      guard case .scalar(let scalar) = keyNode else {
        return InputError(
          file: file, line: keyNode.mark?.line, field: key.isEmpty ? nil : "key '\(key)'",
          "expected a plain key, found a list or mapping as a key")
      }
      return keys.problem(with: scalar.string).map {
        InputError(
          file: file, line: keyNode.mark?.line, field: key.isEmpty ? nil : "key '\(key)'", $0)
      }
    }
  }

  package func items() throws -> [YAMLNode] {
    guard case .sequence(let sequence) = node else { throw error("expected a list") }
    return sequence.enumerated().map { index, child in
      YAMLNode(node: child, file: file, key: "\(key)[\(index)]")
    }
  }

  /// A mapping's entries in order: each key's text (and its node, for errors) and its value.
  func pairs() throws -> [(key: (text: String, node: YAMLNode), value: YAMLNode)] {
    guard case .mapping(let mapping) = node else {
      throw error("expected a mapping of keys to values")
    }
    return try mapping.map { keyNode, value in
      guard case .scalar(let scalar) = keyNode else {
        throw InputError(
          file: file, line: keyNode.mark?.line, field: key.isEmpty ? nil : "key '\(key)'",
          "expected a plain key, found a list or mapping as a key")
      }
      let path = key.isEmpty ? scalar.string : "\(key).\(scalar.string)"
      return (
        (scalar.string, YAMLNode(node: keyNode, file: file, key: path)),
        YAMLNode(node: value, file: file, key: path)
      )
    }
  }

  func textList() throws -> [String] {
    try items().map { try $0.text() }
  }

  private static func yamlLine(_ error: YamlError) -> Int? {
    switch error {
    case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
      return mark.line
    default:
      return nil
    }
  }

  private static func yamlProblem(_ error: YamlError) -> String {
    switch error {
    case .scanner(_, let problem, _, _), .parser(_, let problem, _, _),
      .composer(_, let problem, _, _):
      return problem
    case .reader(let problem, _, _, _):
      return problem
    default:
      return "\(error)"
    }
  }
}
