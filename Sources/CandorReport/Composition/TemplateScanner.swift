extension TemplateGuard {
  /// Scans a template's text into nodes; refuses too deep a nesting before any recursion.
  static func scan(_ text: String) throws(Problem) -> [Node] {
    guard text.utf8.count <= maxTemplateBytes else {
      throw Problem(
        reason: "is larger than \(maxTemplateBytes >> 20) MiB, the limit for one template")
    }
    var scanner = TemplateScanner(text)
    return try scanner.scan()
  }
}

/// Reads a template's tags exactly as swift-mustache's parser does, without recursion.
///
/// Any tag the guard read differently from the parser would be a way around every bound: the
/// template fuzz target found `{{> report/footer\n}}`, a partial to the parser (names end at
/// any Unicode whitespace) and an unknown name to a guard that trimmed spaces only. So, as the
/// parser does: characters are grapheme clusters; whitespace is `Character.isWhitespace`; a
/// name is the longest run of the parser's name characters; an opening delimiter followed by a
/// line break is text; a comment ends where the parser's search ends it; set-delimiter tags
/// split on any whitespace and last until the enclosing section closes. Where the parser would
/// throw, scanning stops (parsing then refuses the template).
struct TemplateScanner {
  typealias Node = TemplateGuard.Node

  static let nameCharacters = Set<Character>(
    "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*")
  static let partialNameCharacters = nameCharacters.union(["/"])
  static let configCharacters = nameCharacters.subtracting(["(", ")"])

  let characters: [Character]
  /// The UTF-8 offset of each character, and of the end: text nodes count bytes.
  let offsets: [Int]
  var open: [Character] = ["{", "{"]
  var close: [Character] = ["}", "}"]
  var index = 0
  /// Open sections with the delimiters in force where each began; `frames.last` is innermost.
  var frames: [(kind: Character, name: String, nodes: [Node], delimiters: [[Character]])] = [
    (" ", "", [], [])
  ]

  init(_ text: String) {
    characters = Array(text)
    var offsets = [0]
    offsets.reserveCapacity(characters.count + 1)
    for character in characters {
      offsets.append(offsets[offsets.count - 1] + character.utf8.count)
    }
    self.offsets = offsets
  }

  mutating func scan() throws(TemplateGuard.Problem) -> [Node] {
    while index < characters.count {
      guard let tagStart = find(open, from: index) else {
        text(from: index, to: characters.count)
        break
      }
      text(from: index, to: tagStart)
      index = tagStart + open.count
      guard index < characters.count else { break }
      if characters[index].isNewline {
        // The parser takes a delimiter followed by a line break as text.
        index += 1
        continue
      }
      guard try tag() else { break }
    }
    // Unclosed sections (the parser refuses them): fold them in so their contents still count.
    while frames.count > 1 {
      let frame = frames.removeLast()
      append(
        frame.kind == "#"
          ? .section(TemplateGuard.name(frame.name), frame.nodes) : .once(frame.nodes))
    }
    return frames[0].nodes
  }

  /// One tag, `index` just after its opening delimiter; false where the parser would throw.
  private mutating func tag() throws(TemplateGuard.Problem) -> Bool {
    let sigil = characters[index]
    switch sigil {
    case "#", "^", "$":
      index += 1
      guard let name = name(Self.nameCharacters) else { return false }
      try push(sigil, name)
    case "<":
      index += 1
      skipWhitespace()
      guard let name = name(Self.partialNameCharacters) else { return false }
      guard !name.hasPrefix("*") else { throw Self.dynamicPartial }
      try push(sigil, name)
    case "/":
      index += 1
      guard name(Self.nameCharacters) != nil, frames.count > 1 else { return false }
      let frame = frames.removeLast()
      open = frame.delimiters[0]
      close = frame.delimiters[1]
      switch frame.kind {
      case "#": append(.section(TemplateGuard.name(frame.name), frame.nodes))
      case "<": append(.partial(frame.name, frame.nodes))
      default: append(.once(frame.nodes))
      }
    case "!":
      guard let end = commentEnd() else { return false }
      index = end
    case "{":
      index += 1
      guard let name = name(Self.nameCharacters), index < characters.count,
        characters[index] == "}"
      else { return false }
      index += 1
      append(.variable(TemplateGuard.name(name), escaped: false))
    case "&":
      index += 1
      guard let name = name(Self.nameCharacters) else { return false }
      append(.variable(TemplateGuard.name(name), escaped: false))
    case ">":
      index += 1
      skipWhitespace()
      guard index >= characters.count || characters[index] != "*" else {
        throw Self.dynamicPartial
      }
      guard let name = name(Self.partialNameCharacters) else { return false }
      append(.partial(name, []))
    case "=":
      index += 1
      return setDelimiters()
    case "%":
      index += 1
      return configuration()
    default:
      guard let name = name(Self.nameCharacters) else { return false }
      append(.variable(TemplateGuard.name(name), escaped: true))
    }
    return true
  }

  static let dynamicPartial = TemplateGuard.Problem(
    reason: "uses a dynamic partial ({{>*…}}), which Candor does not allow")

  private mutating func push(_ kind: Character, _ name: String) throws(TemplateGuard.Problem) {
    guard frames.count <= TemplateGuard.maxDepth else {
      throw TemplateGuard.Problem(
        reason:
          "nests sections deeper than \(TemplateGuard.maxDepth) levels, the limit for templates"
      )
    }
    frames.append((kind, name, [], [open, close]))
  }

  private mutating func append(_ node: Node) { frames[frames.count - 1].nodes.append(node) }

  private mutating func text(from start: Int, to end: Int) {
    if end > start { append(.text(offsets[end] - offsets[start])) }
  }

  private mutating func skipWhitespace() {
    while index < characters.count, characters[index].isWhitespace { index += 1 }
  }

  private mutating func run(_ allowed: Set<Character>) -> String {
    let start = index
    while index < characters.count, allowed.contains(characters[index]) { index += 1 }
    return String(characters[start..<index])
  }

  private mutating func expect(_ pattern: [Character]) -> Bool {
    guard starts(pattern, at: index) else { return false }
    index += pattern.count
    return true
  }

  /// Whitespace, a name, whitespace and the closing delimiter, as the parser reads a name.
  private mutating func name(_ allowed: Set<Character>) -> String? {
    skipWhitespace()
    let name = run(allowed)
    skipWhitespace()
    return expect(close) ? name : nil
  }

  /// `{{=<% %>=}}`: the new delimiters are split by any whitespace, as the parser splits them.
  private mutating func setDelimiters() -> Bool {
    skipWhitespace()
    let start = index
    while index < characters.count, !characters[index].isWhitespace { index += 1 }
    guard index < characters.count else { return false }
    let newOpen = Array(characters[start..<index])
    skipWhitespace()
    let endStart = index
    while index < characters.count, !characters[index].isWhitespace, characters[index] != "=" {
      index += 1
    }
    guard index < characters.count else { return false }
    let newClose = Array(characters[endStart..<index])
    skipWhitespace()
    guard expect(["="]), expect(close), !newOpen.isEmpty, !newClose.isEmpty else { return false }
    open = newOpen
    close = newClose
    return true
  }

  /// `{{% CONTENT_TYPE: MARKDOWN}}`.
  private mutating func configuration() -> Bool {
    skipWhitespace()
    let variable = run(Self.configCharacters)
    skipWhitespace()
    guard expect([":"]) else { return false }
    skipWhitespace()
    let value = run(Self.configCharacters)
    skipWhitespace()
    return expect(close) && !variable.isEmpty && !value.isEmpty
  }

  /// Where the parser ends a comment: its search restarts after a partial match without
  /// looking at the mismatching character again, so this one does the same.
  private func commentEnd() -> Int? {
    var matched = 0
    var position = index + 1
    while position < characters.count {
      if characters[position] == close[matched] {
        matched += 1
        if matched == close.count { return position + 1 }
      } else {
        matched = 0
      }
      position += 1
    }
    return nil
  }

  private func starts(_ pattern: [Character], at position: Int) -> Bool {
    guard position + pattern.count <= characters.count else { return false }
    for offset in 0..<pattern.count where characters[position + offset] != pattern[offset] {
      return false
    }
    return true
  }

  private func find(_ pattern: [Character], from position: Int) -> Int? {
    guard let first = pattern.first else { return nil }
    var at = position
    while at + pattern.count <= characters.count {
      if characters[at] == first, starts(pattern, at: at) { return at }
      at += 1
    }
    return nil
  }
}
