/// Plain text made safe inside the Markdown the report writes: the MARKDOWN content type of the
/// templates and the team notes use it, so client text can never become markup.
public enum MarkdownText {
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
