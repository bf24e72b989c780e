/// Text the client writes once for every language or once per language (contract 1.2):
/// `name: Brake pads` or `name: {en: Brake pads, de: Bremsbeläge}`.
public struct LocalizedText: Sendable, Equatable {
  /// The text per language; empty when it was written once.
  public var byLanguage: [ReportLocale: String]
  /// The text written once, else the English text, else the first one given: what a language
  /// without its own text reads (and notes.md says so).
  public var fallback: String

  public init(_ text: String) {
    byLanguage = [:]
    fallback = text
  }

  init(byLanguage: [ReportLocale: String], fallback: String) {
    self.byLanguage = byLanguage
    self.fallback = fallback
  }

  /// The text in `locale`; `missing` when it was written per language but not in this one.
  public func text(in locale: ReportLocale) -> (text: String, missing: Bool) {
    guard !byLanguage.isEmpty else { return (fallback, false) }
    if let text = byLanguage[locale] { return (text, false) }
    return (fallback, true)
  }
}

/// Gathers the texts a report in one language lacks, each named as client.yaml or
/// worklog.yaml writes it, for notes.md.
public struct TranslationGaps: Sendable {
  public let locale: ReportLocale
  public private(set) var missing: [String] = []

  public init(locale: ReportLocale) { self.locale = locale }

  /// The text of `text` in this language, noting `place` when it falls back to another.
  public mutating func text(_ text: LocalizedText?, or plain: String, at place: String) -> String {
    guard let text else { return plain }
    let (words, missing) = text.text(in: locale)
    if missing { self.missing.append(place) }
    return words
  }
}

extension YAMLNode {
  /// The grammatical forms a noun may give in one language (`unit:`), nominative first.
  static let nounForms = ["nominative", "dative", "genitive"]

  /// A plain value, or a mapping of language codes to text: `{en: …, de: …}`. With
  /// `nounForms`, a language's value may give the noun's cases
  /// (`de: {nominative: Motoren, dative: Motoren, genitive: Motoren}`); the nominative is the text.
  func localizedText(nounForms: Bool = false) throws -> LocalizedText {
    guard case .mapping = node else { return LocalizedText(try text()) }
    try checkKeys(KnownKeys(known: ReportLocale.allCases.map(\.code)))
    var byLanguage: [ReportLocale: String] = [:]
    var first: String?
    for (key, value) in try pairs() {
      var text: String
      if nounForms, case .mapping = value.node {
        try value.checkKeys(KnownKeys(known: Self.nounForms))
        text = try value.required("nominative").text()
        // The other cases are checked as text; the built-in German sentences are worded so
        // that the nominative serves, and an override may word them otherwise.
        for form in Self.nounForms.dropFirst() { _ = try value.optional(form)?.text() }
      } else {
        text = try value.text()
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
}
