import CYaml
import CandorModel
import Foundation

/// Walks a YAML file's event stream (libyaml's parser, which keeps its own stacks on the
/// heap and never recurses) before any recursive code sees the file, and refuses what would
/// crash, explode or be silently misread further on:
///
/// - nesting deeper than `Limits.maxYAMLDepth` (Yams composes nodes recursively, so a file
///   nested 5,000 deep would overflow the stack);
/// - aliases (`*name`): a few kilobytes of aliases expand to gigabytes (a "billion laughs");
/// - a key written twice in one mapping: which one counts is a guess, so neither does;
/// - bytes that are not UTF-8, and control characters, with the line they are on, also when
///   written as an escape (`"\e"`, `"\0"`): client text reaches terminals and reports;
/// - explicit tags other than `!!str`, `!!int`, `!!float`, `!!bool` and `!!null` (`!!binary`,
///   `!!set`, `!custom`): Candor reads every value as the text written, so a tag would be ignored.
///
/// `CYaml` is the libyaml copy that Yams builds, imported through Yams's dependency: Yams offers
/// no event API of its own (its `Parser` composes nodes, recursively), and a second libyaml (the
/// system's) would define the same C symbols as Yams's copy and clash at link time.
enum YAMLPrecheck {
  private enum Frame {
    case mapping(keys: Set<String>, expectingKey: Bool)
    case sequence
  }

  static func check(_ bytes: [UInt8], file: String) throws {
    var parser = yaml_parser_t()
    guard yaml_parser_initialize(&parser) == 1 else {
      throw InputError(file: file, "cannot be parsed: out of memory")
    }
    defer { yaml_parser_delete(&parser) }
    try bytes.withUnsafeBufferPointer { buffer in
      yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
      var stack: [Frame] = []
      var event = yaml_event_t()
      while true {
        guard yaml_parser_parse(&parser, &event) == 1 else {
          throw problem(parser, bytes: bytes, file: file)
        }
        defer { yaml_event_delete(&event) }
        let line = Int(event.start_mark.line) + 1
        switch event.type {
        case YAML_STREAM_END_EVENT:
          return
        case YAML_ALIAS_EVENT:
          let name = event.data.alias.anchor.map { String(cString: $0) } ?? ""
          throw InputError(
            file: file, line: line,
            "uses the alias \(quoted("*" + name)); aliases are not accepted in Candor's YAML files (write the value out)"
          )
        case YAML_SCALAR_EVENT:
          let value =
            event.data.scalar.value.map {
              String(
                decoding: UnsafeBufferPointer(start: $0, count: Int(event.data.scalar.length)),
                as: UTF8.self)
            } ?? ""
          try refuseTag(event.data.scalar.tag, line: line, file: file)
          try refuseControls(value, line: line, file: file)
          try node(&stack, key: value, line: line, file: file)
        case YAML_MAPPING_START_EVENT, YAML_SEQUENCE_START_EVENT:
          try refuseTag(
            event.type == YAML_MAPPING_START_EVENT
              ? event.data.mapping_start.tag : event.data.sequence_start.tag,
            line: line, file: file)
          try node(&stack, key: nil, line: line, file: file)
          guard stack.count < Limits.maxYAMLDepth else {
            throw InputError(
              file: file, line: line,
              "nesting is deeper than \(Limits.maxYAMLDepth) levels, the limit for Candor's YAML files"
            )
          }
          stack.append(
            event.type == YAML_MAPPING_START_EVENT
              ? .mapping(keys: [], expectingKey: true) : .sequence)
        case YAML_MAPPING_END_EVENT, YAML_SEQUENCE_END_EVENT:
          _ = stack.popLast()
        default:
          break
        }
      }
    }
  }

  private static let plainTags = Set(
    ["str", "int", "float", "bool", "null"].map { "tag:yaml.org,2002:" + $0 })

  private static func refuseTag(_ tag: UnsafeMutablePointer<UInt8>?, line: Int, file: String)
    throws
  {
    guard let tag else { return }
    let name = String(cString: tag)
    guard !plainTags.contains(name) else { return }
    let shown = name.hasPrefix("tag:yaml.org,2002:") ? "!!" + name.dropFirst(18) : name
    throw InputError(
      file: file, line: line,
      "uses the YAML tag \(quoted(TerminalSafe.line(shown))); Candor reads every value as the text written, so remove the tag"
    )
  }

  /// Control characters a value holds once its escapes are read: tab and line feed are text;
  /// the rest (NUL, ESC, carriage return, DEL, C1) would reach a terminal or a report raw.
  private static func refuseControls(_ value: String, line: Int, file: String) throws {
    guard
      let control = value.unicodeScalars.first(where: {
        TerminalSafe.isControl($0) && $0.value != 0x09 && $0.value != 0x0A
      })
    else { return }
    throw InputError(
      file: file, line: line,
      "contains the control character \(TerminalSafe.codePoint(control)) (written as an escape); Candor's text allows tabs and line breaks only"
    )
  }

  /// A node inside the innermost collection: in a mapping, every other node is a key.
  private static func node(_ stack: inout [Frame], key: String?, line: Int, file: String) throws {
    guard case .mapping(var keys, let expectingKey) = stack.last else { return }
    if expectingKey, let key {
      guard keys.insert(key).inserted else {
        throw InputError(
          file: file, line: line, "key \(quoted(key)) appears twice in one mapping; keep one")
      }
    }
    stack[stack.count - 1] = .mapping(keys: keys, expectingKey: !expectingKey)
  }

  private static func problem(_ parser: yaml_parser_t, bytes: [UInt8], file: String) -> InputError {
    let text = parser.problem.map { String(cString: $0) } ?? "unknown problem"
    if parser.error == YAML_READER_ERROR {
      let offset = min(Int(parser.problem_offset), bytes.count)
      let line = bytes[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
      if text.contains("control characters") {
        let value = parser.problem_value
        return InputError(
          file: file, line: line,
          "contains the control character \(value >= 0 ? String(format: "U+%04X", value) : "") (YAML allows tabs and line breaks only)"
        )
      }
      if text.contains("UTF") || text.contains("octet") {
        return InputError(file: file, line: line, "is not valid UTF-8 on this line")
      }
      return InputError(file: file, line: line, "cannot be read as YAML: \(text)")
    }
    let line = Int(parser.problem_mark.line) + 1
    let context = parser.context.map { String(cString: $0) + ": " } ?? ""
    return InputError(file: file, line: line, "is not valid YAML: \(context)\(text)")
  }
}
