/// The language a report is written in: `en` (the default) reads `Templates/`, any other
/// reads `Templates/<code>/` first, template by template.
public struct ReportLocale: Sendable, Hashable, CustomStringConvertible {
  public var code: String
  public static let english = ReportLocale(code: "en")

  public init(code: String) { self.code = code }
  public var description: String { code }
  public var isEnglish: Bool { code == "en" }
}
