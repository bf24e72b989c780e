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

  package init(byLanguage: [ReportLocale: String], fallback: String) {
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
