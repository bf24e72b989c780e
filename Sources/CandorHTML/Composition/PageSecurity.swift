import Foundation

/// The Content-Security-Policy every report page carries, put in by Candor after the page
/// template is rendered, so that no template (a client's override included) can leave it out
/// or place anything before it.
///
/// It forbids scripts of every kind (inline, event handlers, `javascript:` links), every
/// external load (images, styles, fonts, frames, objects, fetches) and form submission; it
/// allows inline styles and `data:` images and fonts, which is all a report uses.
public enum PageSecurity {
  public static let policy =
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'none'; base-uri 'none'"

  public static let meta = "<meta http-equiv=\"Content-Security-Policy\" content=\"\(policy)\">"

  /// The page with the policy as the first element of its head: after a plain
  /// `<!DOCTYPE html>`, `<html …>` and `<head>` when they open the page, otherwise at the
  /// very start (the browser then creates the head around it). Only tags of a strict shape are
  /// stepped over, so no markup can trick the policy into an attribute value.
  public static func apply(_ page: String) -> String {
    let pattern =
      #"^\s*(<!doctype\s+html\s*>\s*)?(<html(\s+[a-z-]+="[^"<>]*")*\s*>\s*)?(<head\s*>)?"#
    guard let expression = try? NSRegularExpression(pattern: pattern, options: [.caseInsensitive]),
      let match = expression.firstMatch(in: page, range: NSRange(page.startIndex..., in: page)),
      let range = Range(match.range, in: page), !range.isEmpty
    else { return meta + "\n" + page }
    return String(page[..<range.upperBound]) + "\n" + meta + String(page[range.upperBound...])
  }
}
