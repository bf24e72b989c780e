/// The language a report is written in: client.yaml's `locale:` or `--locale`. English reads
/// `Templates/`; any other language reads `Templates/<code>/` first, template by template.
public enum ReportLocale: String, Sendable, Hashable, CaseIterable, CustomStringConvertible {
  case english = "en"
  case german = "de"

  /// The code client.yaml, `--locale` and the page's `lang` use.
  public var code: String { rawValue }
  public var description: String { rawValue }
  public var isEnglish: Bool { self == .english }

  /// Every code, for messages: "en, de".
  public static var codes: String { allCases.map(\.rawValue).joined(separator: ", ") }
}
