import CandorTestSupport
import Foundation
import XCTest

/// Issue 33: every batch writes index.html and batch.json, the clients that need attention
/// first, each row its own client's statuses only, the same bytes on a rerun.
final class PortfolioTests: XCTestCase {
  /// The four samples, a client whose run fails, and a mail command that accepts every message.
  func workspace() throws -> FixtureWorkspace {
    let workspace = FixtureWorkspace()
    for client in ["acme-motors", "harbor-clinic", "nordic-fleet", "tiny-lake"] {
      try FileManager.default.copyItem(
        atPath: CandorProcess.repository + "/Samples/clients/\(client)",
        toPath: workspace.path("clients/\(client)"))
    }
    try FileManager.default.copyItem(
      atPath: CandorProcess.repository + "/Samples/candor.yaml",
      toPath: workspace.path("candor.yaml"))
    workspace.write("clients/broken/client.yaml", "name: Broken\ntasks: []\n")
    // Four positive cases, none caught and then two: a large change on too few examples (three
    // of four is, since the tests spend their whole 5%, confirmed).
    workspace.write(
      "clients/few/client.yaml",
      "name: Few Cases\ntasks:\n  - id: t\n    positive_label: yes\nvalidation_sets:\n  - id: s\n    role: test\n"
    )
    let negatives = String(repeating: "no,no\n", count: 20)
    workspace.write(
      "clients/few/weeks/2026-W47/evaluations/t/s.csv",
      "label,prediction\n" + String(repeating: "yes,no\n", count: 4) + negatives)
    workspace.write(
      "clients/few/weeks/2026-W48/evaluations/t/s.csv",
      "label,prediction\n" + String(repeating: "yes,yes\n", count: 2)
        + String(repeating: "yes,no\n", count: 2) + negatives)
    return workspace
  }

  func testThePortfolioOrdersByAttentionLinksEveryReportAndIsStable() throws {
    let fixture = try workspace()
    let out = CandorProcess.temporaryFolder()
    let batch = ["batch", fixture.root, "--out", out, "--quiet", "--jobs", "2"]
    // A process: the broken client's errors go to its standard error, not the test log.
    let first = try CandorProcess.run(batch)
    XCTAssertEqual(first.status, 1, "one client fails: \(first.stderr)")
    let json = try XCTUnwrap(
      JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: out + "/batch.json")))
        as? [String: Any])
    let clients = try XCTUnwrap(json["clients"] as? [[String: Any]])
    // Failed first, then a task worse, then the rest by their most urgent task.
    XCTAssertEqual(clients.map { $0["client"] as? String }.first, "broken")
    XCTAssertEqual(clients.map { $0["state"] as? String }.first, "failed")
    XCTAssertEqual(clients[1]["client"] as? String, "acme-motors")
    XCTAssertEqual(clients[1]["state"] as? String, "worse")
    XCTAssertEqual(clients[2]["client"] as? String, "few")
    XCTAssertEqual(clients[2]["state"] as? String, "tooFewToTell")
    let ranks = ["failed", "worse", "tooFewToTell", "noData", "notCompared", "steady", "better"]
    let order = clients.compactMap { ($0["state"] as? String).flatMap(ranks.firstIndex(of:)) }
    XCTAssertEqual(order, order.sorted())
    XCTAssertTrue((clients[0]["error"] as? String)?.contains("client.yaml") == true)

    let html = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
    XCTAssertTrue(html.contains("Content-Security-Policy"))
    XCTAssertTrue(html.contains("Brake pad wear grade: worse"), html)
    // Every link resolves to a file the batch wrote.
    let links = html.matches(of: /href="([^"]+)"/).map { String($0.1) }
    XCTAssertEqual(links.count, 10, "two editions for each of the five reports")
    for link in links {
      XCTAssertTrue(FileManager.default.fileExists(atPath: out + "/" + link), link)
    }
    // Statuses only: no client's numbers (no percentages, no metric values) on the page.
    XCTAssertFalse(html.contains("%<") || html.contains("% "), "no metric values")
    let rows = html.components(separatedBy: "<tr>").dropFirst(2)
    for row in rows {
      let named = [
        "Acme Motors", "Harbor Clinic", "Nordic Fleet", "Tiny Lake", "Broken", "Few Cases",
      ]
      .filter {
        row.contains($0)
      }
      XCTAssertLessThanOrEqual(named.count, 1, "one client per row: \(row)")
    }

    let again = try CandorProcess.run(batch)
    XCTAssertEqual(again.status, 1)
    XCTAssertEqual(try String(contentsOfFile: out + "/index.html", encoding: .utf8), html)
  }

  /// Shards write their own files; --merge-index joins them into the whole batch's.
  func testShardsAreJoinedIntoOnePortfolio() async throws {
    let fixture = try workspace()
    try FileManager.default.removeItem(atPath: fixture.path("clients/broken"))
    try FileManager.default.removeItem(atPath: fixture.path("clients/few"))
    let whole = CandorProcess.temporaryFolder()
    _ = await InProcess.run(["batch", fixture.root, "--out", whole, "--quiet"])
    let sharded = CandorProcess.temporaryFolder()
    for shard in ["1/2", "2/2"] {
      let run = await InProcess.run(
        ["batch", fixture.root, "--out", sharded, "--quiet", "--shard", shard])
      XCTAssertEqual(run.status, 0, run.stderr)
    }
    XCTAssertTrue(FileManager.default.fileExists(atPath: sharded + "/index-1-of-2.html"))
    XCTAssertFalse(FileManager.default.fileExists(atPath: sharded + "/index.html"))
    let merged = await InProcess.run(["batch", fixture.root, "--merge-index", sharded])
    XCTAssertEqual(merged.status, 0, merged.stderr)
    XCTAssertEqual(
      try String(contentsOfFile: sharded + "/batch.json", encoding: .utf8),
      try String(contentsOfFile: whole + "/batch.json", encoding: .utf8))
    let empty = CandorProcess.temporaryFolder()
    try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: true)
    let nothing = try CandorProcess.run(["batch", fixture.root, "--merge-index", empty])
    XCTAssertEqual(nothing.status, 1)
    XCTAssertTrue(nothing.stderr.contains("holds no batch-<i>-of-<n>.json"), nothing.stderr)
  }
}

extension PortfolioTests {
  /// The team's digest goes only to candor.yaml's team, with each client's status lines and
  /// no client's numbers; the portfolio then shows each email as sent.
  func testTheDigestGoesOnlyToTheTeamWithStatusesOnly() throws {
    let fixture = try workspace()
    try FileManager.default.removeItem(atPath: fixture.path("clients/broken"))
    try FileManager.default.removeItem(atPath: fixture.path("clients/few"))
    fixture.write(
      "candor.yaml",
      "from: Candor Reports <reports@candor.example>\nteam: [ml-team@candor.example]\n")
    let mta = FakeSendmail()
    let out = CandorProcess.temporaryFolder()
    let refused = try CandorProcess.run([
      "batch", fixture.root, "--out", out, "--quiet", "--send", "--sendmail", mta.command,
      "--digest-to", "dana.mueller@acme-motors.example",
    ])
    XCTAssertEqual(refused.status, 1)
    XCTAssertTrue(refused.stderr.contains("is not in candor.yaml's team:"), refused.stderr)
    XCTAssertTrue(mta.messages().isEmpty, "nothing goes out when the digest's address is wrong")
    let run = try CandorProcess.run([
      "batch", fixture.root, "--out", out, "--quiet", "--send", "--sendmail", mta.command,
      "--digest-to", "ml-team@candor.example",
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    let digests = mta.messages().filter { $0.contains("To: ml-team@candor.example") }
    XCTAssertEqual(digests.count, 1)
    let crlf = try XCTUnwrap(digests.first).replacingOccurrences(of: "\n", with: "\r\n")
    let digest = MIMEDecoder.leaves(crlf).map { String(decoding: $0.body, as: UTF8.self) }
      .joined(separator: "\n")
    XCTAssertTrue(
      digest.contains(
        "Acme Motors (acme-motors), 2026-W48: Engine failure within 30 days better; Brake pad wear grade worse (email sent)"
      ), digest)
    XCTAssertFalse(digest.contains("%"), "status lines only, no numbers")
    let batch = try String(contentsOfFile: out + "/batch.json", encoding: .utf8)
    XCTAssertTrue(batch.contains("\"email\": \"sent\""), batch)
  }
}
