import CandorTestSupport
import Foundation
import XCTest

/// `class_names:`: the client reads its own words for the classes; machines read the classes as
/// the files write them.
final class ClassNamesTests: XCTestCase {
  func testTheClientReadsItsWordsAndSummaryJSONKeepsTheFilesClasses() throws {
    let fixture = FixtureWorkspace()
    fixture.write(
      "clients/clinic/client.yaml",
      """
      name: Clinic
      tasks:
        - id: tumour
          positive_label: "1"
          class_names: {"0": benign, "1": malignant}
      validation_sets:
        - id: holdout
          role: test

      """)
    fixture.write(
      "clients/clinic/weeks/2026-W48/evaluations/tumour/holdout.csv",
      "label,prediction\n1,1\n1,0\n0,0\n0,0\n0,1\n")
    let out = NSTemporaryDirectory() + "candor-out-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: out) }
    let run = try CandorProcess.run(["report", fixture.root, "--client", "clinic", "--out", out])
    XCTAssertEqual(run.status, 0, run.stderr)
    let folder = out + "/clinic/2026-W48/"
    let snippet = try String(contentsOfFile: folder + "snippet.txt", encoding: .utf8)
    XCTAssertTrue(snippet.contains("1 of 2 'malignant' examples"), snippet)
    let report = try String(contentsOfFile: folder + "report.md", encoding: .utf8)
    XCTAssertTrue(report.contains("malignant") && report.contains("benign"), report)
    let summary = try String(contentsOfFile: folder + "summary.json", encoding: .utf8)
    XCTAssertTrue(summary.contains(#""positive_label": "1""#), summary)
    XCTAssertTrue(summary.contains(#""labels": ["0", "1"]"#), summary)
    XCTAssertFalse(summary.contains(#""malignant":"#), "class_counts keep the files' classes")
  }

  func testTwoClassesGivenOneNameAreRefused() throws {
    let fixture = FixtureWorkspace()
    fixture.write(
      "clients/clinic/client.yaml",
      """
      name: Clinic
      tasks:
        - id: tumour
          classes: ["0", "1"]
          positive_label: "1"
          class_names: {"0": sick, "1": sick}
      validation_sets:
        - id: holdout
          role: test

      """)
    let run = try CandorProcess.run(["check", fixture.root])
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(
      run.stdout.contains("'sick' already names the class '0'; two classes need two names"),
      run.stdout)
  }
}
