import CandorTestSupport
import XCTest

@testable import CandorHTML

/// Issue 12, item 8: phone and print.
final class PhoneAndPrintTests: XCTestCase {
  func testEveryTableCellNamesItsColumnSoNarrowScreensCanStackIt() {
    let table = HTML.table(
      caption: "c", columns: ["Set", "Role", "Change"], rows: [("a", ["test", "+1.0 points"])])
    XCTAssertTrue(
      table.contains(
        "<td class=\"num\" data-label=\"Role\">test</td><td class=\"num\" data-label=\"Change\">+1.0 points</td>"
      ), table)
  }

  func testPrintMarginCarriesTheTitleSafely() {
    XCTAssertEqual(PageView.cssString("Acme: week 2026-W48"), "Acme: week 2026-W48")
    let hostile = PageView.cssString("\"}</style><script>x</script>")
    XCTAssertFalse(
      hostile.contains("\"") || hostile.contains("<") || hostile.contains("}"), hostile)
  }

  func testPageHasPrintAndPhoneRules() throws {
    let folder = CandorProcess.repository + "/Templates"
    let style = try String(contentsOfFile: folder + "/layout/page-style.mustache", encoding: .utf8)
    let shell = try String(contentsOfFile: folder + "/layout/page.html.mustache", encoding: .utf8)
    XCTAssertTrue(
      style.contains("@media (max-width: 640px)")
        && style.contains("td::before { content: attr(data-label)"))
    XCTAssertTrue(style.contains("size: A4"))
    XCTAssertTrue(shell.contains("counter(page)") && shell.contains("{{{printHeader}}}"))
  }
}
