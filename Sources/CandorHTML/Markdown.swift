import CCmark
import Foundation

/// Renders CommonMark to HTML through libcmark; every cmark call that renders lives in this
/// file (`MarkdownVersion.swift` only asks libcmark its version).
///
/// Runs with `CMARK_OPT_UNSAFE` because the report embeds our own SVG and tables as raw
/// HTML. Client strings never reach this point unescaped: templates escape them with the
/// MARKDOWN content type (`MarkdownText.escape`), and HTML builders escape with `HTML.escape`.
public enum Markdown {
  public static func html(from markdown: String) -> String {
    let options = CMARK_OPT_UNSAFE | CMARK_OPT_NOBREAKS
    guard let buffer = cmark_markdown_to_html(markdown, markdown.utf8.count, options) else {
      return ""
    }
    defer { free(buffer) }
    return String(cString: buffer)
  }
}
