import CandorTestSupport
import Foundation
import XCTest

/// `candor email` as a user runs it: the message, its stability, what it needs, and sending.
final class EmailCommandTests: XCTestCase {
  static func workspace(
    contacts: String? =
      "contacts:\n  to: [Dana Müller <dana@acme.example>]\n  cc: [ops@acme.example]\n",
    sender: String? =
      "from: Candor Reports <reports@candor.example>\nreply_to: team@candor.example\n",
    name: String = "Acme Motors"
  ) -> FixtureWorkspace {
    let workspace = FixtureWorkspace()
    var rows = "id,label,prediction\n"
    for index in 0..<200 {
      rows +=
        "e\(index),\(index % 5 == 0 ? "failure" : "ok"),\(index % 7 == 0 ? "failure" : "ok")\n"
    }
    workspace.binaryClient(files: [
      "weeks/2026-W47/evaluations/engine-failure/holdout.csv": rows,
      "weeks/2026-W48/evaluations/engine-failure/holdout.csv": rows,
    ])
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "name: Acme Motors", with: "name: \(name)")
    workspace.write("clients/acme/client.yaml", yaml + "\n" + (contacts ?? ""))
    if let sender { workspace.write("candor.yaml", sender) }
    return workspace
  }

  static func email(
    _ workspace: FixtureWorkspace, _ extra: [String] = [], out: String, env: [String: String] = [:]
  )
    throws -> CandorProcess.Result
  {
    try CandorProcess.run(
      ["email", workspace.root, "--client", "acme", "--out", out] + extra, environment: env)
  }

  func testWritesTheMessageBesideTheReportSameBytesOnRerun() throws {
    let fixture = Self.workspace()
    let out = CandorProcess.temporaryFolder()
    let result = try Self.email(fixture, out: out)
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(
      result.stdout,
      "Wrote the 2026-W48 email for acme to \(out)/acme/2026-W48/email.eml (to dana@acme.example, ops@acme.example)\n"
    )
    let first = CandorProcess.tree(out)
    XCTAssertEqual(
      Set(first.keys),
      Set(
        [
          "report.html", "report.md", "snippet.txt", "snippet.html", "summary.json", "notes.md",
          "report-team.html", "email.eml",
        ]
        .map { "acme/2026-W48/\($0)" }))
    // A rerun into the same folder keeps the message's date, so it writes the same bytes.
    Thread.sleep(forTimeInterval: 1.1)
    XCTAssertEqual(try Self.email(fixture, out: out).status, 0)
    XCTAssertEqual(
      CandorProcess.tree(out)["acme/2026-W48/email.eml"], first["acme/2026-W48/email.eml"])
    // SOURCE_DATE_EPOCH fixes the date of a first run, for reproducible builds.
    let fixed = CandorProcess.temporaryFolder()
    XCTAssertEqual(
      try Self.email(fixture, out: fixed, env: ["SOURCE_DATE_EPOCH": "1764748800"]).status, 0)
    let fixedMessage = String(
      decoding: CandorProcess.tree(fixed)["acme/2026-W48/email.eml"]!, as: UTF8.self)
    XCTAssertEqual(
      MIMEDecoder.split(fixedMessage).headers.first { $0.0 == "Date" }?.1,
      "Wed, 03 Dec 2025 08:00:00 +0000")

    let message = String(decoding: first["acme/2026-W48/email.eml"]!, as: UTF8.self)
    let (headers, _) = MIMEDecoder.split(message)
    // Dated when it was written, never in the future.
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
    let date = try XCTUnwrap(formatter.date(from: headers.first { $0.0 == "Date" }!.1))
    XCTAssertLessThanOrEqual(date.timeIntervalSinceNow, 1)
    XCTAssertGreaterThan(date.timeIntervalSinceNow, -600)
    XCTAssertEqual(
      headers.first { $0.0 == "Subject" }?.1,
      "Acme Motors, week 2026-W48: Engine failure within 30 days steady")
    XCTAssertEqual(headers.first { $0.0 == "Reply-To" }?.1, "team@candor.example")
    XCTAssertTrue(
      headers.first { $0.0 == "Message-ID" }!.1.hasPrefix("<candor.2026-W48.acme."), message)
    let parts = MIMEDecoder.leaves(message)
    XCTAssertEqual(
      parts.map { $0.header("Content-Type")! },
      [
        "text/plain; charset=utf-8", "text/html; charset=utf-8",
        "text/html; charset=utf-8; name=\"report.html\"",
      ])
    // A person's letter: greeting by the first contact's first name, the snippet's lines, a
    // sentence on the attachment it carries, and the sender's name.
    let text = String(decoding: parts[0].body, as: UTF8.self).replacingOccurrences(
      of: "\r\n", with: "\n")
    XCTAssertTrue(text.hasPrefix("Dear Dana,\n\nEngine failure within 30 days: steady. "), text)
    XCTAssertTrue(text.contains("The full report is attached (report.html)"), text)
    XCTAssertTrue(text.hasSuffix("Kind regards,\nCandor Reports\n"), text)
    let snippet = String(decoding: first["acme/2026-W48/snippet.txt"]!, as: UTF8.self)
    XCTAssertTrue(snippet.contains("The full report (report.html)"), snippet)
    XCTAssertFalse(snippet.contains("Dear"), snippet)
    XCTAssertEqual(parts[2].body, first["acme/2026-W48/report.html"])
  }

  /// What the email says of the full report matches what it carries.
  func testTheSentenceAboutTheFullReportMatchesTheAttachment() throws {
    let fixture = Self.workspace(
      contacts: "contacts:\n  to: [{name: Dana Müller, address: dana@acme.example}]\n",
      sender: "from: reports@candor.example\nsender_name: Quality team, Candor\n")
    for (extra, expected, absent) in [
      (["--attach", "none"], nil, "full report"),
      (
        ["--attach", "none", "--report-url", "https://r.example/"], "The full report gives",
        "attached"
      ),
    ] as [([String], String?, String)] {
      let out = CandorProcess.temporaryFolder()
      let result = try Self.email(fixture, extra, out: out)
      XCTAssertEqual(result.status, 0, result.stderr)
      let message = String(
        decoding: CandorProcess.tree(out)["acme/2026-W48/email.eml"]!, as: UTF8.self)
      let text = String(decoding: MIMEDecoder.leaves(message)[0].body, as: UTF8.self)
      XCTAssertTrue(text.hasPrefix("Dear Dana,"), text)
      XCTAssertTrue(text.contains("Quality team, Candor"), text)
      if let expected { XCTAssertTrue(text.contains(expected), text) }
      XCTAssertFalse(text.contains(absent), text)
    }
  }

  func testReportURLLinksInsteadOfAttaching() throws {
    let out = CandorProcess.temporaryFolder()
    let result = try Self.email(
      Self.workspace(), ["--report-url", "https://reports.example.com/candor/"], out: out)
    XCTAssertEqual(result.status, 0, result.stderr)
    let message = String(
      decoding: CandorProcess.tree(out)["acme/2026-W48/email.eml"]!, as: UTF8.self)
    let parts = MIMEDecoder.leaves(message).map { String(decoding: $0.body, as: UTF8.self) }
    XCTAssertEqual(parts.count, 2, "no attachment")
    XCTAssertFalse(message.contains("multipart/mixed"))
    let link = "https://reports.example.com/candor/acme/2026-W48/report.html"
    XCTAssertTrue(parts[0].contains("Full report: \(link)"), parts[0])
    XCTAssertTrue(parts[1].contains("<a href=\"\(link)\""), parts[1])
  }

  func testGermanSubjectFromTheGermanTemplate() throws {
    let out = CandorProcess.temporaryFolder()
    XCTAssertEqual(try Self.email(Self.workspace(), ["--locale", "de"], out: out).status, 0)
    let message = String(
      decoding: CandorProcess.tree(out)["acme/2026-W48/email.eml"]!, as: UTF8.self)
    let subject = MIMEDecoder.split(message).headers.first { $0.0 == "Subject" }!.1
    XCTAssertEqual(
      MIMEDecoder.decodeWords(subject),
      "Acme Motors, KW 48/2026: Engine failure within 30 days unverändert")
    XCTAssertTrue(subject.hasPrefix("=?UTF-8?B?"), subject)
  }

  func testAClientNameCannotAddAHeader() throws {
    // A carriage return is refused in client text at ingest, and a line feed in a name (it
    // would break the subject line, even encoded).
    let refused = try Self.email(
      Self.workspace(name: "\"Acme\\r\\nBcc: eve@evil.example\""),
      out: CandorProcess.temporaryFolder())
    XCTAssertEqual(refused.status, 1)
    XCTAssertTrue(refused.stderr.contains("control character U+000D"), refused.stderr)
    let lineFeed = try Self.email(
      Self.workspace(name: "\"Acme\\nBcc: eve@evil.example\""),
      out: CandorProcess.temporaryFolder())
    XCTAssertEqual(lineFeed.status, 1)
    XCTAssertTrue(
      lineFeed.stderr.contains("holds a line break; a name is one line"), lineFeed.stderr)
  }

  func testSaysWhichKeyToAddWhere() throws {
    for (fixture, expected) in [
      (
        Self.workspace(sender: nil),
        "error: candor.yaml: is missing; create it at the workspace root with 'from: Reports <reports@your-company.example>' (the sender of every client's email)\n"
      ),
      (
        Self.workspace(sender: "reply_to: team@candor.example\n"),
        "error: candor.yaml: key 'from' is missing; add 'from: Reports <reports@your-company.example>' to candor.yaml at the workspace root (the sender of every client's email)\n"
      ),
      (
        Self.workspace(contacts: nil),
        "error: clients/acme/client.yaml: key 'contacts' is missing; add 'contacts: {to: [name@client.example]}' to say who receives this client's email\n"
      ),
    ] {
      let out = CandorProcess.temporaryFolder()
      let result = try Self.email(fixture, out: out)
      XCTAssertEqual(result.status, 1)
      XCTAssertEqual(result.stderr, expected)
      XCTAssertTrue(CandorProcess.tree(out).isEmpty, "a failed run writes nothing")
    }
  }

  func testABatchWithoutASenderFailsOnceBeforeAnyClient() throws {
    let fixture = Self.workspace(sender: nil)
    let out = CandorProcess.temporaryFolder()
    let result = try CandorProcess.run([
      "batch", fixture.root, "--out", out, "--send", "--sendmail",
      FakeSendmail().command,
    ])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stderr,
      "error: candor.yaml: is missing; create it at the workspace root with 'from: Reports <reports@your-company.example>' (the sender of every client's email)\n"
    )
    XCTAssertTrue(CandorProcess.tree(out).isEmpty)
  }

  func testSendsOnceThenOnlyWithResend() throws {
    let fixture = Self.workspace()
    let mta = FakeSendmail()
    let out = CandorProcess.temporaryFolder()
    let sent = try Self.email(fixture, ["--send", "--sendmail", mta.command], out: out)
    XCTAssertEqual(sent.status, 0, sent.stderr)
    XCTAssertEqual(
      sent.stdout,
      "Sent the 2026-W48 email for acme to dana@acme.example, ops@acme.example; \(out)/acme/2026-W48/sent.json records it\n"
    )
    XCTAssertEqual(mta.messages().count, 1)
    let eml = String(decoding: CandorProcess.tree(out)["acme/2026-W48/email.eml"]!, as: UTF8.self)
    XCTAssertEqual(
      mta.messages()[0], eml.replacingOccurrences(of: "\r\n", with: "\n"), "LF to sendmail")
    let record =
      try JSONSerialization.jsonObject(with: CandorProcess.tree(out)["acme/2026-W48/sent.json"]!)
      as! [String: Any]
    XCTAssertEqual(record["recipients"] as? [String], ["dana@acme.example", "ops@acme.example"])
    XCTAssertEqual(record["week"] as? String, "2026-W48")
    let sentAt = record["sent_at"] as! String

    // CANDOR_SENDMAIL names the command when --sendmail does not.
    let rerun = try Self.email(fixture, ["--send"], out: out, env: ["CANDOR_SENDMAIL": mta.command])
    XCTAssertEqual(rerun.status, 0, rerun.stderr)
    XCTAssertEqual(
      rerun.stdout,
      "Wrote \(out)/acme/2026-W48/email.eml; not sent: it already went at \(sentAt) (\(out)/acme/2026-W48/sent.json); --resend sends it again\n"
    )
    XCTAssertEqual(mta.messages().count, 1)
    // A plain report run keeps sent.json: the week's email still counts as sent.
    XCTAssertEqual(
      try CandorProcess.run(["report", fixture.root, "--client", "acme", "--out", out]).status, 0)
    XCTAssertNotNil(CandorProcess.tree(out)["acme/2026-W48/sent.json"])
    XCTAssertNil(CandorProcess.tree(out)["acme/2026-W48/email.eml"], "a report run drops the email")

    let resent = try Self.email(
      fixture, ["--send", "--resend"], out: out, env: ["CANDOR_SENDMAIL": mta.command])
    XCTAssertEqual(resent.status, 0, resent.stderr)
    XCTAssertEqual(mta.messages().count, 2)
  }

  func testAFailedSendExitsOneAndRecordsNothing() throws {
    let out = CandorProcess.temporaryFolder()
    let result = try Self.email(
      Self.workspace(), ["--send", "--sendmail", FakeSendmail(failing: true).command], out: out)
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(
      result.stderr.hasPrefix(
        "error: \(out)/acme/2026-W48/email.eml was written but not sent: the mail command '"),
      result.stderr)
    XCTAssertTrue(
      result.stderr.hasSuffix(
        "' failed with exit status 75: sendmail: cannot connect to mail.example: Connection refused\n"
      ),
      result.stderr)
    XCTAssertNil(CandorProcess.tree(out)["acme/2026-W48/sent.json"])
  }

  /// A mail command that floods its output is drained, not stored: its first 4 KiB reach the
  /// message, the rest is dropped as it comes (it once went to a temporary file, then whole into
  /// memory), and the failure is reported as any other.
  func testAMailCommandThatFloodsItsOutputIsBounded() throws {
    let out = CandorProcess.temporaryFolder()
    let flood = "cat >/dev/null; head -c 50000000 /dev/zero | tr '\\0' x; exit 1"
    let result = try Self.email(Self.workspace(), ["--send", "--sendmail", flood], out: out)
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(result.stderr.contains("failed with exit status 1: xxxx"), result.stderr)
    XCTAssertLessThan(result.stderr.utf8.count, 6_000)
    XCTAssertNil(CandorProcess.tree(out)["acme/2026-W48/sent.json"])
  }

  func testSendingFlagsNeedSend() throws {
    let out = CandorProcess.temporaryFolder()
    for (flags, message) in [
      (["--sendmail", "msmtp -t"], "error: --sendmail is the command --send uses; add --send"),
      (["--resend"], "error: --resend sends again; add --send"),
      (
        ["--paper", "letter"],
        "error: --paper sets report.pdf's paper size, and no report.pdf is printed; add --pdf or --attach pdf"
      ),
      (
        ["--send", "--sendmail", " "],
        "error: --sendmail names no command; give one such as 'msmtp -t'"
      ),
    ] {
      let result = try Self.email(Self.workspace(), flags, out: out)
      XCTAssertEqual(result.status, 2)
      XCTAssertTrue(result.stderr.hasPrefix(message + "\n"), result.stderr)
    }
  }
}
