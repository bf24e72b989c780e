import Foundation

/// Small helpers shared by the charts: number formatting and the outer `<svg>` element.
enum SVG {
  static func number(_ value: Double) -> String {
    String(format: "%.1f", value)
  }

  /// An accessible, responsive SVG: `role="img"` with a `<title>` and `<desc>` for screen readers.
  static func wrap(width: Double, height: Double, title: String, description: String, body: String)
    -> String
  {
    "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) \(number(height))\" width=\"100%\" "
      + "style=\"max-width:\(number(width))px\" role=\"img\" font-family=\"inherit\" font-size=\"13\">"
      + "<title>\(HTML.escape(title))</title><desc>\(HTML.escape(description))</desc>" + body
      + "</svg>"
  }

  static func text(
    _ content: String, x: Double, y: Double, anchor: String = "start", fill: String = Palette.ink,
    weight: String? = nil, size: Double? = nil
  ) -> String {
    var attributes =
      "x=\"\(number(x))\" y=\"\(number(y))\" text-anchor=\"\(anchor)\" fill=\"\(fill)\""
    if let weight { attributes += " font-weight=\"\(weight)\"" }
    if let size { attributes += " font-size=\"\(number(size))\"" }
    return "<text \(attributes)>\(HTML.escape(content))</text>"
  }

  /// Shortens a label to fit a chart; the full text stays in tables and titles.
  static func clip(_ text: String, _ limit: Int) -> String {
    text.count > limit ? String(text.prefix(limit - 1)) + "…" : text
  }
}
