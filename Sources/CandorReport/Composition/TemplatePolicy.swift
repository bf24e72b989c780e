import Foundation

/// Markup a template may not hold, refused when the template is loaded, with its line: the
/// page's Content-Security-Policy stops scripts and loads but not navigation (`navigate-to`
/// was dropped from CSP Level 3 and no browser implements it), so an override could send the
/// reader elsewhere with `<meta http-equiv="refresh">`, re-aim every link with `<base>`, or
/// embed another page. Candor puts in the page's own CSP after rendering; `<meta charset>`
/// needs no `http-equiv`.
public enum TemplatePolicy {
  private static let refused: [(pattern: String, what: String)] = [
    (
      #"<\s*meta\b[^>]*\bhttp-equiv\b"#,
      "a <meta http-equiv> (a refresh can send the reader to another page)"
    ),
    (#"<\s*base\b"#, "a <base> element (it re-aims every link of the page)"),
    (#"<\s*(iframe|frame|frameset|object|embed|portal)\b"#, "an embedded page or object"),
  ]

  private static let expressions = refused.map {
    (try! NSRegularExpression(pattern: $0.pattern, options: [.caseInsensitive]), $0.what)
  }

  /// The rendered page, refused if it holds what no template may: the load-time check reads
  /// each template alone, and a tag can be assembled across a section (`<{{#a}}{{/a}}base`).
  public static func checked(page: String, template: String) throws -> String {
    guard let (_, what) = problem(in: page) else { return page }
    throw TemplateError(
      name: template, reason: "rendered a page holding \(what), which a report may not contain")
  }

  /// The template's problem as a sentence: where and what.
  static func reason(in text: String) -> String? {
    problem(in: text).map {
      "holds on line \($0.line) \($0.what), which report templates may not contain"
    }
  }

  /// Nil when the text is acceptable; otherwise the first offending line and what it holds.
  private static func problem(in text: String) -> (line: Int, what: String)? {
    let range = NSRange(text.startIndex..., in: text)
    var first: (offset: Int, what: String)?
    for (expression, what) in expressions {
      if let match = expression.firstMatch(in: text, range: range),
        match.range.location < first?.offset ?? .max
      {
        first = (match.range.location, what)
      }
    }
    guard let first, let start = Range(NSRange(location: first.offset, length: 0), in: text)
    else { return nil }
    let line = text[..<start.lowerBound].reduce(1) { $0 + ($1 == "\n" ? 1 : 0) }
    return (line, first.what)
  }
}
