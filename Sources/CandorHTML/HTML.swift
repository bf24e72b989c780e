/// Building blocks for the raw HTML our own code emits (tables, SVG, snippet fragments).
public enum HTML {
  /// Escapes text for an element body or a quoted attribute value.
  public static func escape(_ text: String) -> String { escaped(text, quotes: true) }

  /// Escapes our own sentences for an element body: only what would start markup (`&`, `<`,
  /// `>`); apostrophes and quotes stay as the template wrote them.
  public static func text(_ text: String) -> String { escaped(text, quotes: false) }

  /// Line breaks become spaces and other control characters are dropped, in both modes.
  private static func escaped(_ text: String, quotes: Bool) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"" where quotes: out += "&quot;"
      case "'" where quotes: out += "&#39;"
      case "\n", "\r": out += " "
      default:
        if scalar.properties.generalCategory == .control { continue }
        out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  /// A table with a caption, column headers and row headers; `cells` are already HTML.
  ///
  /// No blank lines: CommonMark ends a raw HTML block at the first blank line.
  public static func table(
    caption: String?, columns: [String], rows: [(header: String, cells: [String])],
    className: String = "data"
  ) -> String {
    var out = "<table class=\"\(className)\">"
    if let caption { out += "<caption>\(escape(caption))</caption>" }
    out +=
      "<thead><tr>"
      + columns.enumerated().map { index, name in
        "<th scope=\"col\"\(index == 0 ? "" : " class=\"num\"")>\(escape(name))</th>"
      }.joined() + "</tr></thead><tbody>"
    for row in rows {
      // data-label names the column, so a narrow screen can stack each row into a card.
      out +=
        "<tr><th scope=\"row\">\(escape(row.header))</th>"
        + row.cells.enumerated().map { index, cell in
          "<td class=\"num\" data-label=\"\(escape(index + 1 < columns.count ? columns[index + 1] : ""))\">\(cell)</td>"
        }.joined() + "</tr>"
    }
    return out + "</tbody></table>"
  }
}
