import CandorTestSupport
import Foundation
import XCTest

/// Two editions from one analysis: the client's report ends where a client stops reading; the
/// team's keeps every finding with its code and every metric, and notes.md links to it.
final class TeamEditionTests: XCTestCase {
  func testTheClientEditionLeavesTheTeamsTablesToTheTeamEdition() throws {
    let out = CandorProcess.temporaryFolder()
    let run = try CandorProcess.run([
      "report", CandorProcess.repository + "/Samples", "--client", "acme-motors", "--out", out,
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    let folder = out + "/acme-motors/2026-W48/"
    func read(_ name: String) throws -> String {
      try String(contentsOfFile: folder + name, encoding: .utf8)
    }
    let client = try read("report.html")
    let team = try read("report-team.html")
    for teamOnly in [
      "class=\"data findings\"", "class=\"data metrics\"", ">significant-regression<",
    ] {
      XCTAssertFalse(client.contains(teamOnly), teamOnly)
      XCTAssertTrue(team.contains(teamOnly), teamOnly)
    }
    // Everything the client reads, the team reads too.
    XCTAssertTrue(
      team.contains("This week in one minute") && client.contains("This week in one minute"))
    XCTAssertTrue(try read("notes.md").contains("[report-team.html](report-team.html)"))
    XCTAssertFalse(try read("report.md").contains("every finding"))
  }
}
