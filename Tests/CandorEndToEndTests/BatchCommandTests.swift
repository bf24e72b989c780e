import CandorTestSupport
import Foundation
import XCTest

/// `candor batch`: isolation between clients, failures that stop nobody, safe reruns.
final class BatchCommandTests: XCTestCase {
  /// Clients whose every name, label, id, segment and worklog line carries a unique canary.
  func canaryWorkspace(clients: Int) -> (FixtureWorkspace, [String: String]) {
    let workspace = FixtureWorkspace()
    var canaries: [String: String] = [:]
    for number in 0..<clients {
      let id = "client-\(number)"
      let canary = "CANARY\(number)X\(UUID().uuidString.prefix(6))"
      canaries[id] = canary
      workspace.write(
        "clients/\(id)/client.yaml",
        """
        name: Client \(canary)
        tasks:
          - id: t
            name: Task \(canary)
            positive_label: pos-\(canary)
        validation_sets:
          - id: s
            description: Set \(canary)
            role: test
        contacts:
          to: ["Client \(canary) <to-\(canary)@client-\(number).example>"]
          cc: [cc-\(canary)@client-\(number).example]
        """)
      for week in ["2026-W47", "2026-W48"] {
        var rows = "id,label,prediction,segment\n"
        for index in 0..<120 {
          let label = index % 4 == 0 ? "pos-\(canary)" : "neg-\(canary)"
          let prediction = (index + number) % 3 == 0 ? "pos-\(canary)" : "neg-\(canary)"
          rows += "\(canary)-\(index),\(label),\(prediction),seg-\(canary)-\(index % 2)\n"
        }
        workspace.write("clients/\(id)/weeks/\(week)/evaluations/t/s.csv", rows)
      }
      workspace.write(
        "clients/\(id)/weeks/2026-W48/worklog.yaml",
        "items:\n  - title: Work \(canary)\n    horizon: short-term\n    status: shipped\n    tasks: [t]\n"
      )
    }
    workspace.write("candor.yaml", "from: Candor Reports <reports@candor.example>\n")
    return (workspace, canaries)
  }

  func testSendDeliversEachClientOneMessageToItsOwnAddressesOnly() throws {
    let (workspace, canaries) = canaryWorkspace(clients: 5)
    let mta = FakeSendmail()
    let out = CandorProcess.temporaryFolder()
    let result = try CandorProcess.run([
      "batch", workspace.root, "--out", out, "--jobs", "4", "--quiet", "--send", "--sendmail",
      mta.command,
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertTrue(
      result.stdout.hasSuffix("5 of 5 reports written.\n5 emails sent.\n"), result.stdout)
    let messages = mta.messages()
    XCTAssertEqual(messages.count, 5, "exactly one message per client")
    var seen: [String] = []
    for message in messages {
      let crlf = message.replacingOccurrences(of: "\n", with: "\r\n")
      let (headers, _) = MIMEDecoder.split(crlf)
      let decodedHeaders = headers.map { "\($0.0): \(MIMEDecoder.decodeWords($0.1))" }
      let parts = MIMEDecoder.leaves(crlf).map { String(decoding: $0.body, as: UTF8.self) }
      XCTAssertEqual(parts.count, 3, "text, HTML and report.html")
      let everything = ([message] + decodedHeaders + parts).joined(separator: "\n")
      let owners = canaries.filter { everything.contains($0.value) }.map(\.key)
      XCTAssertEqual(owners.count, 1, "a message holds the canaries of \(owners.sorted())")
      guard let owner = owners.first else { continue }
      seen.append(owner)
      let number = owner.dropFirst("client-".count)
      let canary = canaries[owner]!
      let recipients = headers.filter { $0.0 == "To" || $0.0 == "Cc" }.map(\.1)
      XCTAssertEqual(
        recipients,
        [
          "Client \(canary) <to-\(canary)@client-\(number).example>",
          "cc-\(canary)@client-\(number).example",
        ])
      XCTAssertTrue(
        parts[2]
          == String(
            decoding: FileManager.default.contents(atPath: "\(out)/\(owner)/2026-W48/report.html")!,
            as: UTF8.self), "\(owner)'s attachment is its own report.html")
    }
    XCTAssertEqual(seen.sorted(), canaries.keys.sorted())

    // A rerun sends nothing: each folder's sent.json says its email went.
    let again = try CandorProcess.run([
      "batch", workspace.root, "--out", out, "--quiet", "--send", "--sendmail", mta.command,
    ])
    XCTAssertEqual(again.status, 0, again.stderr)
    XCTAssertEqual(mta.messages().count, 5)
    XCTAssertTrue(
      again.stdout.hasSuffix(
        "0 emails sent, 5 not sent again (sent.json says they already went; --resend sends them again).\n"
      ), again.stdout)
  }

  func testAFailureToSendIsNamedPerClientAndStopsNoReport() throws {
    let (workspace, _) = canaryWorkspace(clients: 3)
    workspace.write("clients/client-1/client.yaml", "name: x\n")
    let out = CandorProcess.temporaryFolder()
    let result = try CandorProcess.run([
      "batch", workspace.root, "--out", out, "--jobs", "1", "--send", "--sendmail",
      FakeSendmail(failing: true).command,
    ])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(
      result.stderr.contains(
        "error: \(out)/client-0/2026-W48/email.eml was written but not sent: the mail command '"),
      result.stderr)
    XCTAssertTrue(
      result.stderr.contains(
        "failed with exit status 75: sendmail: cannot connect to mail.example: Connection refused"),
      result.stderr)
    let files = CandorProcess.tree(out).keys
    XCTAssertTrue(files.contains("client-2/2026-W48/report.html"))
    XCTAssertTrue(files.contains("client-2/2026-W48/email.eml"))
    XCTAssertFalse(files.contains { $0.hasSuffix("sent.json") })
    XCTAssertTrue(result.stdout.contains("client-0  2026-W48  not sent"), result.stdout)
  }

  func testNoClientOutputContainsAnotherClientsCanary() async throws {
    let (workspace, canaries) = canaryWorkspace(clients: 5)
    for jobs in ["1", "4"] {
      let out = CandorProcess.temporaryFolder()
      let result = await InProcess.run([
        "batch", workspace.root, "--out", out, "--jobs", jobs, "--quiet",
      ])
      XCTAssertEqual(result.status, 0, result.stderr)
      let files = CandorProcess.tree(out)
      XCTAssertEqual(
        files.count, 37,
        "seven files per client, notes.md and the team's edition included, and the portfolio")
      // The portfolio names every client, one row each: no row holds another client's canary.
      let portfolio = try XCTUnwrap(
        JSONSerialization.jsonObject(with: files["batch.json"]!) as? [String: Any])
      for row in try XCTUnwrap(portfolio["clients"] as? [[String: Any]]) {
        let owner = try XCTUnwrap(row["client"] as? String)
        let text = String(
          decoding: try JSONSerialization.data(withJSONObject: row), as: UTF8.self)
        for (client, canary) in canaries where client != owner {
          XCTAssertFalse(text.contains(canary), "\(owner)'s row holds \(client)'s canary")
        }
      }
      for (path, data) in files where !["index.html", "batch.json"].contains(path) {
        let owner = String(path.split(separator: "/")[0])
        let text = String(decoding: data, as: UTF8.self)
        // Every file, not only the snippet, speaks of its own client.
        XCTAssertTrue(text.contains(canaries[owner]!), "\(path) does not name its own client")
        for (client, canary) in canaries where client != owner {
          XCTAssertFalse(
            text.contains(canary), "\(path) contains \(client)'s canary at --jobs \(jobs)")
        }
      }
    }
  }

  /// `--jobs -1` is a bad number of jobs, said so, not "Missing value for '--jobs'".
  func testANegativeJobCountIsRefusedByName() throws {
    for jobs in [["--jobs", "-1"], ["--jobs", "0"], ["--jobs=-1"]] {
      let result = try CandorProcess.run(["batch", CandorProcess.repository + "/Samples"] + jobs)
      XCTAssertEqual(result.status, 2, result.stderr)
      XCTAssertTrue(result.stderr.contains("--jobs must be at least 1"), result.stderr)
    }
    let good = try CandorProcess.run(["batch", "--help"])
    XCTAssertTrue(good.stdout.contains("--jobs <n>"), good.stdout)
  }

  func testBrokenClientsFailAloneAndAreNamed() throws {
    let (workspace, _) = canaryWorkspace(clients: 4)
    workspace.write(
      "clients/client-1/weeks/2026-W48/evaluations/t/s.csv", "id,label,prediction\n1,a\n")
    workspace.write("clients/client-2/client.yaml", "name: [unclosed\n")
    workspace.write("clients/Bad.Name/client.yaml", "name: x\n")
    let out = CandorProcess.temporaryFolder()
    let result = try CandorProcess.run(["batch", workspace.root, "--out", out, "--jobs", "2"])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(
      result.stderr.contains(
        "error: clients/client-1/weeks/2026-W48/evaluations/t/s.csv:2: column 'prediction': is missing; this row has 2 fields, the header 3 columns"
      ), result.stderr)
    XCTAssertTrue(result.stderr.contains("error: clients/client-2/client.yaml:"), result.stderr)
    XCTAssertTrue(
      result.stderr.contains("error: clients/Bad.Name: invalid client folder name"), result.stderr)
    let written = Set(CandorProcess.tree(out).keys.map { String($0.split(separator: "/")[0]) })
    XCTAssertEqual(written, ["client-0", "client-3", "index.html", "batch.json"])
    XCTAssertTrue(result.stdout.contains("2 of 5 reports written, 3 failed."), result.stdout)
  }

  /// No report folder is made, so nothing made --out before the portfolio: it still gets its
  /// page, which lists every client as failed.
  func testABatchWhoseEveryClientFailsStillWritesItsPortfolio() throws {
    let (workspace, _) = canaryWorkspace(clients: 2)
    for id in ["client-0", "client-1"] {
      workspace.write("clients/\(id)/weeks/2026-W48/evaluations/t/s.csv", "id,label\n")
    }
    let out = CandorProcess.temporaryFolder() + "/not/yet/there"
    let result = try CandorProcess.run(["batch", workspace.root, "--out", out])
    XCTAssertEqual(result.status, 1)
    XCTAssertFalse(result.stderr.contains(".tmp-"), result.stderr)
    XCTAssertEqual(Set(CandorProcess.tree(out).keys), ["index.html", "batch.json"])
    XCTAssertTrue(result.stdout.contains("0 of 2 reports written, 2 failed."), result.stdout)
  }

  func testRerunOnUnchangedInputRewritesNothing() throws {
    let (workspace, _) = canaryWorkspace(clients: 2)
    let out = CandorProcess.temporaryFolder()
    XCTAssertEqual(
      try CandorProcess.run(["batch", workspace.root, "--out", out, "--quiet"]).status, 0)
    func modificationTimes() -> [String: Date] {
      CandorProcess.tree(out).keys.reduce(into: [:]) { times, path in
        times[path] =
          try! FileManager.default.attributesOfItem(atPath: out + "/" + path)[.modificationDate]
          as? Date
      }
    }
    let before = modificationTimes()
    Thread.sleep(forTimeInterval: 1.1)
    XCTAssertEqual(
      try CandorProcess.run(["batch", workspace.root, "--out", out, "--quiet"]).status, 0)
    XCTAssertEqual(modificationTimes(), before)
  }

  func testKilledBatchLeavesEachReportAllOldOrAllNewAndARerunFinishes() throws {
    let (workspace, canaries) = canaryWorkspace(clients: 12)
    let out = CandorProcess.temporaryFolder()
    XCTAssertEqual(
      try CandorProcess.run(["batch", workspace.root, "--out", out, "--quiet", "--jobs", "2"])
        .status, 0)
    let old = CandorProcess.tree(out)
    // New input for every client: every one of its five files changes.
    for client in canaries.keys {
      workspace.write(
        "clients/\(client)/weeks/2026-W48/worklog.yaml",
        "items:\n  - title: Second version\n    horizon: long-term\n    status: planned\n")
    }
    let reference = CandorProcess.temporaryFolder()
    XCTAssertEqual(
      try CandorProcess.run(["batch", workspace.root, "--out", reference, "--quiet", "--jobs", "2"])
        .status, 0)
    let new = CandorProcess.tree(reference)
    func report(_ tree: [String: Data], _ client: String) -> [String: Data] {
      tree.filter { $0.key.hasPrefix(client + "/") && !$0.key.contains("/.") }
    }
    for delay in [0.05, 0.15, 0.3, 0.5] {
      let process = Process()
      process.executableURL = URL(fileURLWithPath: CandorProcess.executable)
      process.arguments = [
        "batch", workspace.root, "--out", out, "--quiet", "--jobs", "2", "--templates",
        CandorProcess.repository + "/Templates",
      ]
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      try process.run()
      Thread.sleep(forTimeInterval: delay)
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
      let now = CandorProcess.tree(out)
      for client in canaries.keys {
        let current = report(now, client)
        XCTAssertTrue(
          current == report(old, client) || current == report(new, client),
          "\(client)'s report mixes old and new files after a kill at \(delay)s")
      }
    }
    XCTAssertEqual(
      try CandorProcess.run(["batch", workspace.root, "--out", out, "--quiet"]).status, 0)
    XCTAssertEqual(
      CandorProcess.tree(out), new, "a rerun finishes the job and leaves no staging folder")
  }

  func testShardsCoverEveryClientExactlyOnce() throws {
    let (workspace, canaries) = canaryWorkspace(clients: 7)
    var seen: [String] = []
    for shard in 1...3 {
      let out = CandorProcess.temporaryFolder()
      XCTAssertEqual(
        try CandorProcess.run([
          "batch", workspace.root, "--out", out, "--quiet", "--shard", "\(shard)/3",
        ]).status, 0)
      let top = Set(CandorProcess.tree(out).keys.map { String($0.split(separator: "/")[0]) })
      // Each shard writes its own portfolio files, never the whole batch's.
      XCTAssertTrue(top.isSuperset(of: ["index-\(shard)-of-3.html", "batch-\(shard)-of-3.json"]))
      seen += top.filter { $0.hasPrefix("client-") }
    }
    XCTAssertEqual(seen.sorted(), canaries.keys.sorted())
    XCTAssertEqual(try CandorProcess.run(["batch", workspace.root, "--shard", "4/3"]).status, 2)
  }
}
