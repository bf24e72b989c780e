import CandorModel

extension YAMLNode {
  /// The grammatical forms a noun may give in one language (`unit:`), nominative first.
  static let nounForms = ["nominative", "dative", "genitive"]

  /// A plain value, or a mapping of language codes to text: `{en: …, de: …}`. With
  /// `nounForms`, a language's value may give the noun's cases
  /// (`de: {nominative: Motoren, dative: Motoren, genitive: Motoren}`); the nominative is the text.
  /// - Parameter oneLine: a name (the client's, a task's, a class's, a unit): no line break,
  ///   since it goes into headings and the email's subject.
  func localizedText(
    nounForms: Bool = false, oneLine: Bool = false,
    whenEmpty hint: String = "write the words the client reads"
  ) throws -> LocalizedText {
    guard case .mapping = node else { return LocalizedText(try words(hint, oneLine: oneLine)) }
    try checkKeys(KnownKeys(known: ReportLocale.allCases.map(\.code)))
    var byLanguage: [ReportLocale: String] = [:]
    var first: String?
    for (key, value) in try pairs() {
      var text: String
      if nounForms, case .mapping = value.node {
        try value.checkKeys(KnownKeys(known: Self.nounForms))
        text = try value.required("nominative").words(hint, oneLine: oneLine)
        // The other cases are checked as text; the built-in German sentences are worded so
        // that the nominative serves, and an override may word them otherwise.
        for form in Self.nounForms.dropFirst() { _ = try value.optional(form)?.text() }
      } else {
        text = try value.words(hint, oneLine: oneLine)
      }
      guard let locale = ReportLocale(rawValue: key.text) else { continue }
      byLanguage[locale] = text
      first = first ?? text
    }
    guard let first else {
      throw error(
        "has no text; write it once (name: Brake pads) or per language ({en: Brake pads, de: Bremsbeläge})"
      )
    }
    return LocalizedText(byLanguage: byLanguage, fallback: byLanguage[.english] ?? first)
  }

  /// An optional key's text: nil where it is absent, null or blank (a generated `note: ""`
  /// says nothing, like no note); a per-language mapping must still give words in each.
  func optionalLocalizedText(_ key: String, nounForms: Bool = false, oneLine: Bool = false)
    throws -> LocalizedText?
  {
    guard let value = try optional(key) else { return nil }
    if case .scalar(let scalar) = value.node, scalar.string.allSatisfy(\.isWhitespace) {
      return nil
    }
    return try value.localizedText(nounForms: nounForms, oneLine: oneLine)
  }

  /// Text the client reads: neither null (`~`, which would print as "~") nor blank (which
  /// would leave a sentence without its subject: ": nothing to compare with yet").
  /// Nor does it hold a text-direction control (U+202A–U+202E,
  /// U+2066–U+2069), which would turn the report's own words around it.
  private func words(_ hint: String, oneLine: Bool) throws -> String {
    guard !isNull else { throw error("has no value; \(hint)") }
    let text = try text()
    guard !text.allSatisfy(\.isWhitespace) else { throw error("is empty; \(hint)") }
    for scalar in text.unicodeScalars {
      let value = scalar.value
      if (0x202A...0x202E).contains(value) || (0x2066...0x2069).contains(value) {
        throw error(
          "holds the text-direction control U+\(String(value, radix: 16, uppercase: true)), which would reverse the report's own words around it; remove it (right-to-left text needs none)"
        )
      }
      // Other control characters are refused as the YAML is read.
      if oneLine, value == 0x0A || value == 0x0D {
        throw error("holds a line break; a name is one line")
      }
    }
    return text
  }
}
