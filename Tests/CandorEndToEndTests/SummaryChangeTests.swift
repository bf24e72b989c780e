import CandorTestSupport
import Foundation
import XCTest

/// Contract 1.1: `change.<metric>` keeps its fields, and `family` says which family judged it,
/// also when a week's value is undefined and no test ran.
final class SummaryChangeTests: XCTestCase {
  func testAnUndefinedChangeKeepsEveryFieldAndItsFamily() throws {
    let workspace = FixtureWorkspace()
    let set = "evaluations/engine-failure/holdout.csv"
    // 2026-W47 never says 'failure': its precision is undefined, so the change's delta is null.
    workspace.binaryClient(files: [
      "weeks/2026-W47/\(set)": "label,prediction\nfailure,ok\nok,ok\nok,ok\nfailure,ok\n",
      "weeks/2026-W48/\(set)": "label,prediction\nfailure,failure\nok,ok\nok,failure\nfailure,ok\n",
    ])
    let out = CandorProcess.temporaryFolder()
    let run = try CandorProcess.run(["report", workspace.root, "--client", "acme", "--out", out])
    XCTAssertEqual(run.status, 0, run.stderr)
    let summary =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: out + "/acme/2026-W48/summary.json")))
      as! [String: Any]
    let holdout = ((summary["tasks"] as! [[String: Any]])[0]["sets"] as! [[String: Any]])[0]
    let change = holdout["change"] as! [String: [String: Any]]
    let precision = try XCTUnwrap(change["precision"])
    XCTAssertTrue(precision["delta"] is NSNull)
    XCTAssertNotNil(precision["reason"] as? String)
    XCTAssertEqual(precision["verdict"] as? String, "not comparable")
    XCTAssertEqual(
      Set(precision.keys),
      [
        "previous", "current", "delta", "reason", "ci95", "test", "p_value", "p_value_holm",
        "significant", "family", "verdict",
      ])
    XCTAssertTrue(precision["ci95"] is NSNull)
    // Not named in `supporting:`: an interval (here none) and no verdict.
    XCTAssertEqual(precision["family"] as? String, "none")
    XCTAssertTrue(precision["significant"] is NSNull)
    XCTAssertEqual(change["recall"]?["family"] as? String, "primary")
  }
}
