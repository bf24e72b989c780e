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

  /// A set the candidate lacks fails the gate, and every CI output says so: a gate that
  /// exits 3 while its JUnit, annotations and summary all read as passed sends a reader looking
  /// in the wrong place.
  func testASetMissingFromTheCandidateFailsInEveryOutput() throws {
    let candidate = CandorProcess.temporaryFolder() + "/candidate"
    let week = samples + "/clients/acme-motors/weeks/2026-W48/evaluations"
    try FileManager.default.copyItem(atPath: week, toPath: candidate)
    try FileManager.default.removeItem(atPath: candidate + "/engine-failure/winter.csv")
    let summary = CandorProcess.temporaryFolder() + "-summary.md"
    let arguments = [
      "diff", samples, "--client", "acme-motors", "--base", "2026-W46", "--candidate", candidate,
      "--out", CandorProcess.temporaryFolder(), "--fail-on", "never", "--format", "junit",
      "--annotations", "github",
    ]
    let run = try CandorProcess.run(arguments, environment: ["GITHUB_STEP_SUMMARY": summary])
    XCTAssertEqual(run.status, 3, run.stderr)
    let document = try XMLDocument(data: Data(run.stdout.utf8))
    let failed = try document.nodes(forXPath: "//testcase[failure/@type='missing']")
    XCTAssertEqual(
      failed.map { ($0 as? XMLElement)?.attribute(forName: "name")?.stringValue }, ["winter"])
    XCTAssertEqual(document.rootElement()?.attribute(forName: "failures")?.stringValue, "1")
    XCTAssertTrue(
      run.stderr.contains(
        "::error title=candor diff%3A acme-motors engine-failure/winter missing::task 'engine-failure', set 'winter' is in the base 2026-W46 but not in the candidate"
      ), run.stderr)
    let text = try String(contentsOfFile: summary, encoding: .utf8)
    XCTAssertTrue(
      text.contains("1 task or set missing (fails the gate)")
        && text.contains("| engine-failure | winter | — | — | — | missing |"), text)

    let allowed = try CandorProcess.run(arguments + ["--allow-missing"])
    XCTAssertEqual(allowed.status, 0, allowed.stderr)
    XCTAssertTrue(allowed.stdout.contains("failures=\"0\""), allowed.stdout)
    XCTAssertTrue(
      allowed.stderr.contains(
        "::warning title=candor diff%3A acme-motors engine-failure/winter missing"), allowed.stderr)
  }
}
