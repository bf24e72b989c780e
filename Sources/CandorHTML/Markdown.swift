import CCmark
import Foundation

/// Renders CommonMark to HTML through libcmark; every cmark call lives in this file.
///
/// Runs with `CMARK_OPT_UNSAFE` because the report embeds our own SVG and tables as raw
/// HTML. Client strings never reach this point unescaped: templates escape them with the
/// MARKDOWN content type, and HTML builders escape with `HTML.escape`.
public enum Markdown {
  public static func html(from markdown: String) -> String {
    let options = CMARK_OPT_UNSAFE | CMARK_OPT_NOBREAKS
    guard let buffer = cmark_markdown_to_html(markdown, markdown.utf8.count, options) else {
      return ""
    }
    defer { free(buffer) }
    return String(cString: buffer)
  }

  /// Backslash-escapes Markdown punctuation (including `<` and `&`) so client text stays
  /// text; line breaks fold to spaces so a value cannot start a new block.
  public static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    let always: Set<Unicode.Scalar> = ["\\", "`", "*", "_", "[", "]", "<", ">", "&", "|", "~"]
    var atStart = true
    var leadingDigits = false
    for scalar in text.unicodeScalars {
      // At the start of a line a value must not become a list item or a heading underline.
      let startsBlock =
        (atStart && ["-", "=", "+", "#"].contains(scalar))
        || (leadingDigits && (scalar == "." || scalar == ")"))
      if scalar == "\n" || scalar == "\r" || scalar == "\t" {
        out += " "
      } else if always.contains(scalar) || startsBlock {
        out += "\\"
        out.unicodeScalars.append(scalar)
      } else if scalar.properties.generalCategory != .control {
        out.unicodeScalars.append(scalar)
      }
      leadingDigits = (atStart || leadingDigits) && ("0"..."9").contains(scalar)
      atStart = false
    }
    return out
  }
}
