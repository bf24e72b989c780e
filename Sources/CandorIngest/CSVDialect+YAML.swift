import CandorModel

extension CSVDialect {
  /// `csv: {delimiter: ";", decimal: ","}`: either key may be left out (`,` and `.`); the two
  /// marks must differ, or `0,5` could not be told from two fields.
  /// The keys `node` names, the others as in `base` (a task's `csv:` over the client's).
  init(yaml node: YAMLNode, base: CSVDialect = .standard) throws {
    try node.checkKeys(KnownKeys(known: ["delimiter", "decimal"]))
    guard try node.pairs().count > 0 else {
      throw node.error(
        "names neither delimiter nor decimal; write one (csv: {delimiter: \";\"}) or remove csv:")
    }
    self = base
    if let child = try node.optional("delimiter") {
      delimiter = try Self.mark(
        child, allowed: Self.delimiters, what: "delimiter",
        shown: "\",\", \";\", \"\\t\" (tab) or \"|\"")
    }
    if let child = try node.optional("decimal") {
      decimal = try Self.mark(
        child, allowed: Self.decimals, what: "decimal mark", shown: "\".\" or \",\"")
    }
    if delimiter == decimal {
      let culprit = try node.optional("decimal") ?? node.optional("delimiter")!
      // A task's csv: naming one mark meets the other in the client's csv:.
      let inherited =
        try node.optional("decimal") == nil
        ? " (the decimal mark is the client's csv:)"
        : try node.optional("delimiter") == nil ? " (the delimiter is the client's csv:)" : ""
      throw culprit.error(
        "the delimiter and the decimal mark are both \(quoted(String(UnicodeScalar(decimal))))\(base == .standard ? "" : inherited); they must differ (spreadsheet exports in German or French use csv: {delimiter: \";\", decimal: \",\"})"
      )
    }
  }

  private static func mark(_ node: YAMLNode, allowed: [String], what: String, shown: String)
    throws -> UInt8
  {
    let text = try node.text()
    // Bytes, not String equality: U+037E (Greek question mark) is canonically ";" to Swift,
    // but the reader splits on the byte.
    guard allowed.contains(where: { $0.utf8.elementsEqual(text.utf8) }) else {
      if allowed.contains(text), let other = text.unicodeScalars.first(where: { !$0.isASCII }) {
        throw node.error(
          "\(quoted(text)) holds the non-ASCII character \(TerminalSafe.codePoint(other)), which only looks like a \(what) Candor reads; expected \(shown)"
        )
      }
      throw node.error("\(quoted(text)) is not a \(what) Candor reads; expected \(shown)")
    }
    return text.utf8.first!
  }
}
