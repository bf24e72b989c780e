import CandorTestSupport
import Foundation
import XCTest

#if canImport(FoundationXML)
  import FoundationXML
#endif

/// Issue 33, item 4: candor diff speaks CI: the GitHub step summary, GitHub annotations, JUnit.
final class DiffCITests: XCTestCase {
  let samples = CandorProcess.repository + "/Samples"

  func diff(_ extra: [String], environment: [String: String] = [:]) throws
    -> CandorProcess.Result
  {
    try CandorProcess.run(
      [
        "diff", samples, "--client", "acme-motors", "--base", "2026-W46", "--candidate",
        "2026-W48", "--out", CandorProcess.temporaryFolder(),
      ] + extra, environment: environment)
  }

  func testTheStepSummaryAndAnnotationsNameEachRegression() throws {
    let summary = CandorProcess.temporaryFolder() + "-summary.md"
    try "## Earlier step\n".write(toFile: summary, atomically: true, encoding: .utf8)
    let run = try diff(["--annotations", "github"], environment: ["GITHUB_STEP_SUMMARY": summary])
    XCTAssertEqual(run.status, 3, "brake wear regressed: the gate fails")
    let text = try String(contentsOfFile: summary, encoding: .utf8)
    XCTAssertTrue(text.hasPrefix("## Earlier step\n### candor diff: acme-motors, regressed"), text)
    XCTAssertTrue(
      text.contains("| brake-wear | holdout-2026q1 | macro_f1 | 0.813 | 0.789 | regressed |"), text)
    XCTAssertTrue(
      run.stdout.contains(
        "::error title=candor diff%3A acme-motors brake-wear/holdout-2026q1 regressed::macro_f1 0.813 -> 0.789"
      ), run.stdout)
    XCTAssertFalse(run.stdout.contains("::error title=candor diff%3A acme-motors engine-failure"))
    // Without the flag, no annotation.
    XCTAssertFalse(try diff([]).stdout.contains("::error"))
  }

  func testJUnitHasOneTestCasePerTaskAndSetFailedWhereTheGateFails() throws {
    let run = try diff(["--format", "junit"])
    XCTAssertEqual(run.status, 3)
    XCTAssertTrue(run.stdout.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites"))
    let document = try XMLDocument(data: Data(run.stdout.utf8))
    let cases = try document.nodes(forXPath: "//testcase")
    XCTAssertEqual(cases.count, 6, "two tasks × three sets")
    let failures = try document.nodes(forXPath: "//testcase[failure]")
    // The diff's flat Holm families: brake wear regressed on all three sets, as the weekly
    // report's callout says (before the mid-p test, 'winter' was within noise).
    XCTAssertEqual(failures.count, 3)
    let root = try XCTUnwrap(document.rootElement())
    XCTAssertEqual(root.attribute(forName: "failures")?.stringValue, "3")
    let passing = try diff(["--format", "junit", "--fail-on", "never"])
    XCTAssertEqual(passing.status, 0)
    XCTAssertTrue(passing.stdout.contains("failures=\"0\""))
  }
}
