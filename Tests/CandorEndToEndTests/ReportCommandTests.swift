import CandorTestSupport
import Foundation
import XCTest

/// `candor report` and `candor snippet` as a user runs them: files, messages, exit codes.
final class ReportCommandTests: XCTestCase {
  func workspaceWithTwoWeeks() -> FixtureWorkspace {
    let workspace = FixtureWorkspace()
    var holdout = "id,label,score\n"
    for index in 0..<400 {
      holdout += "e\(index),\(index % 10 == 0 ? "failure" : "ok"),0.\(index % 9)\(index % 7)\n"
    }
    workspace.binaryClient(files: [
      "weeks/2026-W46/evaluations/engine-failure/holdout.csv": holdout,
      "weeks/2026-W48/evaluations/engine-failure/holdout.csv": holdout,
      "weeks/2026-W48/evaluations/engine-failure/recent.counts.json":
        #"{"labels": ["ok", "failure"], "matrix": [[900, 40], [20, 40]]}"#,
    ])
    return workspace
  }

  func testWritesFiveFilesAndSaysWhere() throws {
    let workspace = workspaceWithTwoWeeks()
    let out = CandorProcess.temporaryFolder()
    let result = try CandorProcess.run(["report", workspace.root, "--client", "acme", "--out", out])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(
      Set(CandorProcess.tree(out).keys),
      Set(
        [
          "report.html", "report.md", "snippet.txt", "snippet.html", "summary.json", "notes.md",
          "report-team.html",
        ].map { "acme/2026-W48/\($0)" }))
    XCTAssertTrue(result.stdout.contains("\(out)/acme/2026-W48/"), result.stdout)
    let summary =
      try JSONSerialization.jsonObject(with: CandorProcess.tree(out)["acme/2026-W48/summary.json"]!)
      as! [String: Any]
    XCTAssertEqual(summary["compared_to"] as? String, "2026-W46")
  }

  func testSameInputSameBytes() async throws {
    let workspace = workspaceWithTwoWeeks()
    let first = CandorProcess.temporaryFolder()
    let second = CandorProcess.temporaryFolder()
    for out in [first, second] {
      let result = await InProcess.run([
        "report", workspace.root, "--client", "acme", "--out", out,
      ])
      // Two failed runs would also write the same (nothing): each run must succeed.
      XCTAssertEqual(result.status, 0, result.stderr)
    }
    XCTAssertEqual(CandorProcess.tree(first).count, 7, "every file of the report is compared")
    XCTAssertEqual(CandorProcess.tree(first), CandorProcess.tree(second))
  }

  func testBrokenClientExitsOneNamingFileAndLineAndWritesNothing() throws {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: [
      "weeks/2026-W48/evaluations/engine-failure/holdout.csv": "label,score\nfailure,0.2\nok,high\n"
    ])
    let out = CandorProcess.temporaryFolder()
    let result = try CandorProcess.run(["report", workspace.root, "--client", "acme", "--out", out])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stderr,
      "error: clients/acme/weeks/2026-W48/evaluations/engine-failure/holdout.csv:3: column 'score': 'high' is not a number\n"
    )
    XCTAssertTrue(CandorProcess.tree(out).isEmpty)
  }

  func testUsageErrorsExitTwo() throws {
    let workspace = workspaceWithTwoWeeks()
    for arguments in [
      ["report", workspace.root, "--client", "Acme"],
      ["report", workspace.root, "--client", "acme", "--week", "2026-W60"],
      ["report", workspace.root], ["report", workspace.root, "--client", "../x"], ["frobnicate"],
      ["snippet", workspace.root, "--client", "acme", "--format", "pdf"],
    ] {
      XCTAssertEqual(try CandorProcess.run(arguments).status, 2, arguments.joined(separator: " "))
    }
  }

  func testUnknownClientOrWeekExitsOne() throws {
    let workspace = workspaceWithTwoWeeks()
    let missingClient = try CandorProcess.run(["report", workspace.root, "--client", "globex"])
    XCTAssertEqual(missingClient.status, 1)
    XCTAssertEqual(
      missingClient.stderr,
      "error: clients/globex: no such client in this workspace; clients present: acme\n")
    let typo = try CandorProcess.run(["report", workspace.root, "--client", "acm"])
    XCTAssertEqual(typo.status, 1)
    XCTAssertEqual(
      typo.stderr,
      "error: clients/acm: no such client in this workspace (did you mean 'acme'?); clients present: acme\n"
    )
    let missingWeek = try CandorProcess.run([
      "report", workspace.root, "--client", "acme", "--week", "2026-W47",
    ])
    XCTAssertEqual(missingWeek.status, 1)
    XCTAssertEqual(
      missingWeek.stderr,
      "error: clients/acme/weeks/2026-W47: week 2026-W47 has no folder; weeks present: 2026-W46, 2026-W48\n"
    )
  }

  func testEarlierWeekComparesWithNothingBefore() throws {
    let workspace = workspaceWithTwoWeeks()
    let out = CandorProcess.temporaryFolder()
    XCTAssertEqual(
      try CandorProcess.run([
        "report", workspace.root, "--client", "acme", "--week", "2026-W46", "--out", out,
      ]).status, 0)
    let summary = String(
      decoding: CandorProcess.tree(out)["acme/2026-W46/summary.json"]!, as: UTF8.self)
    XCTAssertTrue(summary.contains("\"compared_to\": null"))
    XCTAssertFalse(summary.contains("\"change\""))
  }

  func testSnippetFormats() throws {
    let workspace = workspaceWithTwoWeeks()
    let text = try CandorProcess.run(["snippet", workspace.root, "--client", "acme"])
    XCTAssertEqual(text.status, 0)
    XCTAssertTrue(text.stdout.hasPrefix("Acme Motors: model quality, week 2026-W48\n"), text.stdout)
    let html = try CandorProcess.run([
      "snippet", workspace.root, "--client", "acme", "--format", "html",
    ])
    XCTAssertTrue(
      html.stdout.hasPrefix("<table role=\"presentation\" style=\"width:600px;"), html.stdout)
    XCTAssertFalse(html.stdout.contains("<style"))
    let markdown = try CandorProcess.run([
      "snippet", workspace.root, "--client", "acme", "--format", "markdown",
    ])
    XCTAssertTrue(
      markdown.stdout.hasPrefix("**Acme Motors: model quality, week 2026-W48**"), markdown.stdout)
  }

  func testHelpTeaches() throws {
    let help = try CandorProcess.run(["report", "--help"])
    XCTAssertEqual(help.status, 0)
    XCTAssertTrue(help.stdout.contains("--client"))
    XCTAssertTrue(help.stdout.contains("Example"))
  }
}
