import CandorTestSupport
import Foundation
import XCTest

/// Issue 17: 250 classes × 50 segments in a 161 KB file took 68 s, each segment 1.3 s, because
/// every segment's posterior drew all 62,500 cells of its matrix 2,000 times. A segment's draws
/// now touch only its filled cells and its prior's; this report runs in-process in about a second.
final class SegmentWorkTests: XCTestCase {
  func testTwoHundredFiftyClassesTimesFiftySegmentsIsReported() async throws {
    let workspace = FixtureWorkspace()
    workspace.write(
      "clients/acme/client.yaml",
      "name: M\ntasks:\n  - id: kind\nvalidation_sets:\n  - id: holdout\n    role: test\n")
    var rows = "label,prediction,segment\n"
    for index in 0..<8_000 {
      let label = index % 250
      let prediction = index % 7 == 0 ? (label + 1) % 250 : label
      rows += "class-\(label),class-\(prediction),region-\(index % 50)\n"
    }
    XCTAssertGreaterThan(rows.utf8.count, 160_000)
    workspace.write("clients/acme/weeks/2026-W48/evaluations/kind/holdout.csv", rows)
    let out = CandorProcess.temporaryFolder()
    let outcome = await InProcess.run([
      "report", workspace.root, "--client", "acme", "--out", out,
      "--templates", CandorProcess.repository + "/Templates",
    ])
    XCTAssertEqual(outcome.status, 0, outcome.stderr)
    let summary =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: out + "/acme/2026-W48/summary.json")))
      as! [String: Any]
    let task = (summary["tasks"] as! [[String: Any]])[0]
    let set = (task["sets"] as! [[String: Any]])[0]
    let segments = set["segments"] as! [String: Any]
    XCTAssertEqual(segments.count, 50)
    let metrics = (segments["region-0"] as! [String: Any])["metrics"] as! [String: Any]
    XCTAssertNotNil((metrics["macro_f1"] as? [String: Any])?["ci95"], "intervals for every segment")
  }
}
