import CandorTestSupport
import Foundation
import XCTest

/// A report grows with the data, not with `classes:`: 255 declared classes and ten rows drew a
/// 255 × 255 matrix of 65,025 cells (25 MB of report.html, 8 s).
final class ManyClassesReportTests: XCTestCase {
  func report(classes: Int, rows: [(String, String)]) async throws -> String {
    let workspace = FixtureWorkspace()
    let names = (0..<classes).map { "c\($0)" }
    workspace.write(
      "clients/acme/client.yaml",
      """
      name: Acme
      tasks:
        - id: part
          name: Part type
          classes: [\(names.joined(separator: ", "))]
      validation_sets:
        - id: holdout
          description: Frozen test set
          role: test
      """)
    workspace.write(
      "clients/acme/weeks/2026-W48/evaluations/part/holdout.csv",
      "label,prediction\n" + rows.map { "\($0.0),\($0.1)\n" }.joined())
    let out = CandorProcess.temporaryFolder()
    let outcome = await InProcess.run([
      "report", workspace.root, "--client", "acme", "--out", out, "--quiet",
    ])
    XCTAssertEqual(outcome.status, 0)
    return try String(contentsOfFile: out + "/acme/2026-W48/report.html", encoding: .utf8)
  }

  func testClassesWithoutExamplesAreLeftOutOfTheMatrix() async throws {
    let rows = (0..<10).map { ("c\($0)", "c\(($0 * 7) % 12)") }
    let html = try await report(classes: 255, rows: rows)
    XCTAssertLessThan(html.utf8.count, 400_000)
    let cells = html.components(separatedBy: "<rect").count - 1
    // c0…c9 are actual and c11 predicted too: an 11 × 11 matrix.
    XCTAssertEqual(cells, 121)
  }

  func testBeyondFortyClassesTheLargestConfusionsStandInForTheMatrix() async throws {
    let rows =
      (0..<60).map { ("c\($0)", "c\(($0 + 1) % 60)") } + (0..<60).map { ("c\($0)", "c\($0)") }
    let html = try await report(classes: 60, rows: rows)
    XCTAssertFalse(html.contains("<figure class=\"matrix"))
    XCTAssertTrue(html.contains("<div class=\"confusions\">"))
  }
}
