import CandorTestSupport
import Foundation
import XCTest

/// Issue 17's acceptance: a batch of 20 clients, five carrying one crash-class input each,
/// writes the 15 good reports and names five clear errors.
final class HostileBatchTests: XCTestCase {
  func testFiveHostileClientsFailAloneInABatchOfTwenty() throws {
    let workspace = FixtureWorkspace()
    let evaluations = "weeks/2026-W48/evaluations/engine-failure"
    for index in 0..<20 {
      workspace.binaryClient(
        String(format: "client-%02d", index),
        files: [
          "\(evaluations)/holdout.counts.json":
            #"{"labels": ["ok", "failure"], "matrix": [[90, 4], [2, 4]]}"#
        ])
    }
    // Overflow, deep JSON, deep YAML, a FIFO, a recursive template.
    workspace.write(
      "clients/client-03/\(evaluations)/holdout.counts.json",
      #"{"labels": ["ok", "failure"], "matrix": [[4611686018427387904, 4611686018427387904], [1, 1]]}"#
    )
    workspace.write(
      "clients/client-07/\(evaluations)/holdout.counts.json",
      #"{"labels": ["ok", "failure"], "matrix": "# + String(repeating: "[", count: 50_000)
        + String(repeating: "]", count: 50_000) + "}")
    workspace.write(
      "clients/client-11/client.yaml",
      FixtureWorkspace.binaryClientYAML + "\nnotes: " + String(repeating: "[", count: 5_000)
        + String(repeating: "]", count: 5_000) + "\n")
    try FileManager.default.removeItem(
      atPath: workspace.path("clients/client-15/\(evaluations)/holdout.counts.json"))
    XCTAssertEqual(mkfifo(workspace.path("clients/client-15/\(evaluations)/holdout.csv"), 0o644), 0)
    workspace.write("clients/client-19/templates/report/footer.mustache", "{{> report/footer}}")

    let out = CandorProcess.temporaryFolder()
    let result = try CandorProcess.run(
      ["batch", workspace.root, "--out", out, "--jobs", "2"], killAfter: 120)
    XCTAssertFalse(result.hung, "a hostile client hung the batch")
    XCTAssertEqual(result.status, 1)
    let written = Set(
      CandorProcess.tree(out).keys.filter { $0.hasSuffix("/report.html") }.map {
        String($0.prefix(9))
      })
    XCTAssertEqual(written.count, 15)
    XCTAssertTrue(
      written.isDisjoint(with: ["client-03", "client-07", "client-11", "client-15", "client-19"]))
    XCTAssertTrue(result.stdout.hasSuffix("15 of 20 reports written, 5 failed.\n"), result.stdout)
    let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix("error: ") }.sorted()
    XCTAssertEqual(
      errors,
      [
        "error: clients/client-03/\(evaluations)/holdout.counts.json:1: key 'matrix': row 1, column 1: 4611686018427387904 is too large; counts are at most 2^53 (9007199254740992)",
        "error: clients/client-07/\(evaluations)/holdout.counts.json:1: is not valid JSON: nesting is deeper than 32 levels (the limit for Candor's JSON files)",
        "error: clients/client-11/client.yaml:14: nesting is deeper than 32 levels, the limit for Candor's YAML files",
        "error: clients/client-15/\(evaluations)/holdout.csv: is a FIFO (named pipe), not a regular file; refused",
        "error: template 'clients/client-19/templates/report/footer.mustache' includes itself (report/footer → report/footer); partials may not be recursive",
      ])
    // Each reason is said once, right under its client's progress line.
    for reason in [
      "is too large", "(the limit for Candor's JSON", "the limit for Candor's YAML", "is a FIFO",
      "includes itself",
    ] {
      XCTAssertEqual(result.stderr.components(separatedBy: reason).count, 2, reason)
    }
    XCTAssertTrue(
      result.stderr.contains(" client-15 - FAILED\nerror: clients/client-15/"), result.stderr)
  }

  /// Counts just within 2^53 go through analysis, report and diff without a trap.
  func testCountsAtTheLimitAreReportedAndDiffed() throws {
    let workspace = FixtureWorkspace()
    let evaluations = "evaluations/engine-failure/holdout.counts.json"
    workspace.binaryClient(files: [
      "weeks/2026-W47/\(evaluations)":
        #"{"labels": ["ok", "failure"], "matrix": [[4503599627370000, 1125899906842624], [1125899906842000, 2251799813685248]]}"#,
      "weeks/2026-W48/\(evaluations)": """
      {"labels": ["ok", "failure"], "matrix": [[4503599627370496, 1125899906842624], [1125899906842624, 2251799813685248]],
       "score_histogram": {"edges": [0, 0.5, 1], "positive": [1125899906842624, 2251799813685248], "negative": [4503599627370496, 1125899906842624]}}
      """,
    ])
    let out = CandorProcess.temporaryFolder()
    let report = try CandorProcess.run(["report", workspace.root, "--client", "acme", "--out", out])
    XCTAssertEqual(report.status, 0, report.stderr)
    let diff = try CandorProcess.run([
      "diff", workspace.root, "--client", "acme", "--base", "2026-W47", "--candidate", "2026-W48",
      "--out", out,
    ])
    XCTAssertEqual(diff.status, 0, diff.stderr)
    let snippet = try CandorProcess.run(["snippet", workspace.root, "--client", "acme"])
    XCTAssertEqual(snippet.status, 0, snippet.stderr)
    let summary = String(
      decoding: CandorProcess.tree(out)["acme/2026-W48/summary.json"]!, as: UTF8.self)
    XCTAssertTrue(summary.contains("\"examples\": 9007199254740992"), String(summary.prefix(600)))
  }

  /// A count near 2^63 used to trap (exit 132) in report, snippet and diff alike.
  func testCountsBeyondTheLimitFailEveryCommandWithAMessage() throws {
    let workspace = FixtureWorkspace()
    let file = "weeks/2026-W48/evaluations/engine-failure/holdout.counts.json"
    workspace.binaryClient(files: [
      file: #"{"labels": ["ok", "failure"], "matrix": [[9223372036854775807, 1], [1, 1]]}"#
    ])
    let message =
      "error: clients/acme/\(file):1: key 'matrix': row 1, column 1: 9223372036854775807 is too large; counts are at most 2^53 (9007199254740992)\n"
    let out = CandorProcess.temporaryFolder()
    for arguments in [
      ["report", workspace.root, "--client", "acme", "--out", out],
      ["snippet", workspace.root, "--client", "acme"],
      [
        "diff", workspace.root, "--client", "acme", "--base", "2026-W48", "--candidate", "2026-W48",
        "--out", out,
      ],
    ] {
      let result = try CandorProcess.run(arguments)
      XCTAssertEqual(result.status, 1, arguments[0])
      XCTAssertEqual(result.stderr, message, arguments[0])
    }
  }
}
