import CandorTestSupport
import Foundation
import XCTest

/// Issue 18.6: a report reads in full only its week and the week compared against; earlier
/// weeks come from summaries cached under the output folder, per client, keyed by the bytes
/// of the week's files, client.yaml and Candor's version.
final class HistoryCacheTests: XCTestCase {
  let weeks = ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]

  func holdout(_ week: Int) -> String {
    var rows = "id,label,score\n"
    for index in 0..<300 {
      let positive = index % 7 == 0
      rows += "e\(index),\(positive ? "failure" : "ok"),0.\((index * (week + 3)) % 97 + 1)\n"
    }
    return rows
  }

  func workspace(clients: [String] = ["acme"]) -> FixtureWorkspace {
    let workspace = FixtureWorkspace()
    for client in clients {
      var files: [String: String] = [:]
      for (number, week) in weeks.enumerated() {
        files["weeks/\(week)/evaluations/engine-failure/holdout.csv"] = holdout(
          number + (client == "acme" ? 0 : 5))
      }
      workspace.binaryClient(client, files: files)
    }
    return workspace
  }

  @discardableResult func report(
    _ workspace: FixtureWorkspace, _ out: String, client: String = "acme"
  ) throws
    -> CandorProcess.Result
  {
    let result = try CandorProcess.run([
      "report", workspace.root, "--client", client, "--out", out,
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    return result
  }

  func testEveryWeekIsCachedAndACachedRunWritesTheSameBytes() throws {
    for metric in ["recall", "roc_auc", "pr_auc"] {
      try assertCachedRunWritesTheSameBytes(primary: metric)
    }
  }

  /// With a ranking primary metric, the cached entry holds its estimate bit for bit.
  func assertCachedRunWritesTheSameBytes(primary: String) throws {
    let workspace = workspace()
    workspace.write(
      "clients/acme/client.yaml",
      FixtureWorkspace.binaryClientYAML.replacingOccurrences(
        of: "primary_metric: recall", with: "primary_metric: \(primary)"))
    let cold = CandorProcess.temporaryFolder()
    try report(workspace, cold)
    XCTAssertEqual(
      Set(CandorProcess.tree(cold, cache: true).keys.filter { $0.contains(".history") }),
      Set(weeks.map { "acme/.history/\($0)" }))
    let warm = CandorProcess.temporaryFolder()
    try FileManager.default.copyItem(
      atPath: cold + "/acme/.history", toPath: warm + "/acme/.history")
    try report(workspace, warm)
    XCTAssertEqual(CandorProcess.tree(warm), CandorProcess.tree(cold))
  }

  /// The cache is a file anyone can edit: counts no report could have cached (none at all, a
  /// negative one, 2^63 − 1, a matrix of no classes) are not used, the week is read again, and
  /// the run writes what a run without a cache writes (these once crashed every later run).
  func testAnEntryWithImpossibleCountsIsReadAgainNotTrusted() throws {
    let workspace = workspace()
    let cold = CandorProcess.temporaryFolder()
    try report(workspace, cold)
    let path = "/acme/.history/2026-W45"
    let original = try String(contentsOfFile: cold + path, encoding: .utf8)
    let setLine = try XCTUnwrap(original.split(separator: "\n").first { $0.hasPrefix("set ") })
    let id = setLine.split(separator: " ")[1]
    let ranking = setLine.split(separator: " ").dropFirst(7).joined(separator: " ")
    for cells in ["2 0 0 0 0", "2 250 0 -5 50", "2 9223372036854775807 0 0 1", "0"] {
      let warm = CandorProcess.temporaryFolder()
      try FileManager.default.copyItem(
        atPath: cold + "/acme/.history", toPath: warm + "/acme/.history")
      let edited = original.replacingOccurrences(
        of: String(setLine), with: "set \(id) \(cells) \(ranking)")
      XCTAssertNotEqual(edited, original)
      try edited.write(toFile: warm + path, atomically: true, encoding: .utf8)
      let run = try CandorProcess.run(["report", workspace.root, "--client", "acme", "--out", warm])
      XCTAssertEqual(run.status, 0, "\(cells): \(run.stderr)")
      XCTAssertEqual(CandorProcess.tree(warm), CandorProcess.tree(cold), cells)
      XCTAssertTrue(
        run.stderr.contains(
          "warning: \(warm)\(path): is not a history cache entry Candor can use (damaged or edited); week 2026-W45 is read in full and the entry written again"
        ), run.stderr)
    }
    // An entry an older Candor wrote is stale, not damaged: rebuilt without a word.
    let older = CandorProcess.temporaryFolder()
    try FileManager.default.copyItem(
      atPath: cold + "/acme/.history", toPath: older + "/acme/.history")
    try original.replacingOccurrences(of: "candor =", with: "candor =0.9-")
      .write(toFile: older + path, atomically: true, encoding: .utf8)
    let rebuilt = try CandorProcess.run([
      "report", workspace.root, "--client", "acme", "--out", older,
    ])
    XCTAssertEqual(rebuilt.stderr, "")
  }

  /// Changes the counts in the oldest week's cached summary, leaving its fingerprint: a report
  /// that then shows other numbers read that week from the cache.
  func tamperOldestEntry(_ out: String) throws {
    let path = out + "/acme/.history/2026-W45"
    let text = try String(contentsOfFile: path, encoding: .utf8)
    let tampered =
      text.split(separator: "\n").map { line -> String in
        guard line.hasPrefix("set ") else { return String(line) }
        var tokens = line.split(separator: " ").map(String.init)
        // Every failure missed: recall 0 that week.
        tokens.replaceSubrange(3..<7, with: ["250", "0", "50", "0"])
        return tokens.joined(separator: " ")
      }.joined(separator: "\n") + "\n"
    XCTAssertNotEqual(tampered, text)
    try tampered.write(toFile: path, atomically: true, encoding: .utf8)
  }

  func testAnEarlierWeekComesFromTheCacheUntilItsFileChanges() throws {
    let workspace = workspace()
    let out = CandorProcess.temporaryFolder()
    try report(workspace, out)
    let truth = CandorProcess.tree(out)
    try tamperOldestEntry(out)
    try report(workspace, out)
    XCTAssertNotEqual(
      CandorProcess.tree(out)["acme/2026-W48/report.html"], truth["acme/2026-W48/report.html"])

    // The same bytes written again (a new modification time): hashed, found equal, still cached.
    let file = "clients/acme/weeks/2026-W45/evaluations/engine-failure/holdout.csv"
    workspace.write(file, holdout(0))
    try report(workspace, out)
    XCTAssertNotEqual(
      CandorProcess.tree(out)["acme/2026-W48/report.html"], truth["acme/2026-W48/report.html"])

    // Other bytes: the week is read in full again.
    workspace.write(file, holdout(0) + "extra,ok,0.5\n")
    try report(workspace, out)
    let fresh = CandorProcess.temporaryFolder()
    try report(workspace, fresh)
    XCTAssertEqual(CandorProcess.tree(out), CandorProcess.tree(fresh))
  }

  /// `email` writes the report too, so it reads earlier weeks from the same cache, not in full.
  func testEmailUsesTheCacheAsReportDoes() throws {
    let workspace = workspace()
    workspace.write(
      "clients/acme/client.yaml",
      FixtureWorkspace.binaryClientYAML + "\ncontacts:\n  to: [dana@acme.example]\n")
    workspace.write("candor.yaml", "from: Candor Reports <reports@candor.example>\n")
    let out = CandorProcess.temporaryFolder()
    let email = {
      try CandorProcess.run(["email", workspace.root, "--client", "acme", "--out", out])
    }
    let first = try email()
    XCTAssertEqual(first.status, 0, first.stderr)
    XCTAssertEqual(
      Set(CandorProcess.tree(out, cache: true).keys.filter { $0.contains(".history") }),
      Set(weeks.map { "acme/.history/\($0)" }))
    let truth = CandorProcess.tree(out)["acme/2026-W48/report.html"]
    try tamperOldestEntry(out)
    XCTAssertEqual(try email().status, 0)
    XCTAssertNotEqual(CandorProcess.tree(out)["acme/2026-W48/report.html"], truth)
  }

  /// An edit that keeps the size and puts the modification time back is still seen: the
  /// status-change time, which no user call can set back, is part of the stat signature.
  func testAnEditThatRestoresSizeAndModificationTimeIsStillSeen() throws {
    let workspace = workspace()
    let out = CandorProcess.temporaryFolder()
    try report(workspace, out)
    let file = workspace.path(
      "clients/acme/weeks/2026-W45/evaluations/engine-failure/holdout.csv")
    let before = try FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as! Date
    let original = try String(contentsOfFile: file, encoding: .utf8)
    // The same length, now with a third class: a full read refuses the week.
    let edited = original.replacingOccurrences(of: "e1,ok,", with: "e1,no,")
    XCTAssertEqual(edited.utf8.count, original.utf8.count)
    XCTAssertNotEqual(edited, original)
    try edited.write(toFile: file, atomically: false, encoding: .utf8)
    try FileManager.default.setAttributes([.modificationDate: before], ofItemAtPath: file)
    let cached = try CandorProcess.run(["report", workspace.root, "--client", "acme", "--out", out])
    let fresh = CandorProcess.temporaryFolder()
    let full = try CandorProcess.run(["report", workspace.root, "--client", "acme", "--out", fresh])
    XCTAssertEqual(cached.status, full.status, cached.stderr + full.stderr)
    XCTAssertEqual(cached.stderr, full.stderr)
  }

  func testAChangedClientYAMLInvalidatesEveryWeek() throws {
    let workspace = workspace()
    let out = CandorProcess.temporaryFolder()
    try report(workspace, out)
    try tamperOldestEntry(out)
    workspace.write(
      "clients/acme/client.yaml",
      FixtureWorkspace.binaryClientYAML.replacingOccurrences(of: "Acme Motors", with: "Acme"))
    try report(workspace, out)
    let fresh = CandorProcess.temporaryFolder()
    try report(workspace, fresh)
    XCTAssertEqual(CandorProcess.tree(out), CandorProcess.tree(fresh))
  }

  func testAnotherClientsOrADamagedEntryIsNeverUsed() throws {
    let workspace = workspace(clients: ["acme", "beta"])
    let out = CandorProcess.temporaryFolder()
    try report(workspace, out)
    try tamperOldestEntry(out)
    // beta's cache holds acme's (tampered) entries and one damaged entry.
    try FileManager.default.copyItem(atPath: out + "/acme/.history", toPath: out + "/beta/.history")
    try "candor-history 1\ngarbage\n".write(
      toFile: out + "/beta/.history/2026-W46", atomically: true, encoding: .utf8)
    try report(workspace, out, client: "beta")
    let fresh = CandorProcess.temporaryFolder()
    try report(workspace, fresh, client: "beta")
    XCTAssertEqual(
      CandorProcess.tree(out).filter { $0.key.hasPrefix("beta/") }, CandorProcess.tree(fresh))
    XCTAssertFalse(
      String(
        decoding: CandorProcess.tree(out, cache: true)["beta/.history/2026-W45"]!, as: UTF8.self
      )
      .contains("client =acme"))
  }

  func testAFailingRunWritesNoCache() throws {
    let workspace = workspace()
    workspace.write(
      "clients/acme/weeks/2026-W48/evaluations/engine-failure/holdout.csv",
      "id,label,score\ne1,failure,high\n")
    let out = CandorProcess.temporaryFolder()
    let result = try CandorProcess.run(["report", workspace.root, "--client", "acme", "--out", out])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(CandorProcess.tree(out, cache: true), [:])
  }

  /// Every input read and the report composed, then the email cannot be built: still nothing.
  func testARunThatFailsAfterAnalysisWritesNoCache() throws {
    let workspace = workspace()
    workspace.write("candor.yaml", "from: Candor Reports <reports@candor.example>\n")
    let out = CandorProcess.temporaryFolder()
    let result = try CandorProcess.run(["email", workspace.root, "--client", "acme", "--out", out])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stderr.contains("key 'contacts' is missing"), result.stderr)
    XCTAssertEqual(CandorProcess.tree(out, cache: true), [:])
  }
}
