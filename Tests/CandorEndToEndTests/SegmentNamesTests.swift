import CandorTestSupport
import Foundation
import XCTest

/// summary.json's `segments` is an object keyed by segment name: an empty value in the file is a
/// key of its own (""), never one that a file's own segment name could also be.
final class SegmentNamesTests: XCTestCase {
  func testAnEmptySegmentNeverCollidesWithANamedOne() throws {
    let workspace = FixtureWorkspace()
    var rows = "label,prediction,segment\n"
    for segment in ["", "(no segment)", "a"] {
      rows += "failure,failure,\(segment)\nok,ok,\(segment)\nok,failure,\(segment)\n"
    }
    workspace.binaryClient(files: ["weeks/2026-W48/evaluations/engine-failure/holdout.csv": rows])
    let out = CandorProcess.temporaryFolder()
    let run = try CandorProcess.run(["report", workspace.root, "--client", "acme", "--out", out])
    XCTAssertEqual(run.status, 0, run.stderr)
    let folder = out + "/acme/2026-W48/"
    let text = try String(contentsOfFile: folder + "summary.json", encoding: .utf8)
    let summary = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    let set = ((summary["tasks"] as! [[String: Any]])[0]["sets"] as! [[String: Any]])[0]
    let segments = set["segments"] as! [String: Any]
    XCTAssertEqual(Set(segments.keys), ["", "(no segment)", "a"])
    // A duplicate key would parse to fewer entries than the text holds.
    XCTAssertEqual(text.components(separatedBy: "\"(no segment)\"").count - 1, 1, text)
    let markdown = try String(contentsOfFile: folder + "report.md", encoding: .utf8)
    XCTAssertTrue(markdown.contains("<th scope=\"row\">(no segment)</th>"), markdown)
  }
}
