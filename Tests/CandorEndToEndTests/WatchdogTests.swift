import CandorTestSupport
import XCTest

/// The hang guard the template and batch tests rely on must itself be able to fail.
final class WatchdogTests: XCTestCase {
  func testARunPastItsLimitIsKilledAndMarkedHung() throws {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: [
      "weeks/2026-W48/evaluations/engine-failure/holdout.csv":
        "label,prediction\nfailure,failure\nok,ok\n"
    ])
    let arguments = [
      "report", workspace.root, "--client", "acme", "--out", CandorProcess.temporaryFolder(),
    ]
    // A report takes far longer than a millisecond, even optimised.
    let killed = try CandorProcess.run(arguments, killAfter: 0.001)
    XCTAssertTrue(killed.hung)
    let finished = try CandorProcess.run(arguments, killAfter: 120)
    XCTAssertFalse(finished.hung)
    XCTAssertEqual(finished.status, 0, finished.stderr)
  }
}
