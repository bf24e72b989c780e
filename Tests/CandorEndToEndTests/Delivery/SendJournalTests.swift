import CandorTestSupport
import Foundation
import XCTest

@testable import CandorCLI
@testable import CandorPipeline

/// Reliability, third round: sending is a journal under a lock, the mail command is bounded
/// and never outlives candor. Each case reproduced the problem on main first.
final class SendJournalTests: XCTestCase {
  let fixture = EmailCommandTests.self

  func send(_ out: String, _ command: String, _ extra: [String] = []) throws -> CandorProcess.Result
  {
    try fixture.email(
      fixture.workspace(), ["--send", "--sendmail", command] + extra, out: out)
  }

  /// A send that exits 1 and says why on standard error.
  func assertRefused(
    _ out: String, _ command: String, says: String, line: UInt = #line
  ) throws {
    let result = try send(out, command)
    XCTAssertEqual(result.status, 1, line: line)
    XCTAssertTrue(result.stderr.contains(says), result.stderr, line: line)
  }

  func sentJSON(_ out: String) -> String? {
    FileManager.default.contents(atPath: out + "/acme/2026-W48/sent.json").map {
      String(decoding: $0, as: UTF8.self)
    }
  }

  func testConcurrentSendsDeliverOneMessage() throws {
    let mail = FakeSendmail()
    let out = CandorProcess.temporaryFolder()
    let workspace = fixture.workspace()
    let root = workspace.root
    let slow = "sleep 1; \(mail.command)"
    let group = DispatchGroup()
    let results = Results()
    for _ in 0..<3 {
      DispatchQueue.global().async(group: group) {
        let result = try? CandorProcess.run(
          ["email", root, "--client", "acme", "--out", out, "--send", "--sendmail", slow])
        results.append(result?.status ?? -1)
      }
    }
    group.wait()
    withExtendedLifetime(workspace) {}
    XCTAssertEqual(results.all.sorted(), [0, 0, 0])
    XCTAssertEqual(mail.messages().count, 1, "three runs at once, one message")
  }

  func testADamagedOrForeignRecordIsAnErrorNotSent() throws {
    let out = CandorProcess.temporaryFolder()
    let mail = FakeSendmail()
    XCTAssertEqual(try send(out, mail.command).status, 0)
    let record = out + "/acme/2026-W48/sent.json"
    let foreign =
      #"{"client": "other", "week": "2026-W48", "message_id": "<x>", "recipients": [], "sent_at": "2026-11-30T08:00:00Z"}"#
    for (content, says) in [
      ("", "is not Candor's record of sending (it does not parse as one)"),
      ("{", "is not Candor's record of sending (it does not parse as one)"),
      ("null", "is not Candor's record of sending (it does not parse as one)"),
      (foreign, "records the email of 'other' for '2026-W48', not of 'acme' for 2026-W48"),
    ] {
      try Data(content.utf8).write(to: URL(fileURLWithPath: record))
      let result = try send(out, mail.command)
      XCTAssertEqual(result.status, 1)
      XCTAssertTrue(result.stderr.contains("sent.json \(says)"), result.stderr)
    }
    try FileManager.default.removeItem(atPath: record)
    try FileManager.default.createDirectory(atPath: record, withIntermediateDirectories: false)
    XCTAssertTrue(try send(out, mail.command).stderr.contains("is not a regular file"))
    XCTAssertEqual(mail.messages().count, 1, "no damaged record was taken as 'not sent'")
    try FileManager.default.removeItem(atPath: record)
    try Data("{".utf8).write(to: URL(fileURLWithPath: record))
    XCTAssertEqual(try send(out, mail.command, ["--resend"]).status, 0, "--resend replaces it")
    XCTAssertEqual(mail.messages().count, 2)
    XCTAssertTrue(sentJSON(out)?.contains("\"state\" : \"sent\"") == true)
    // Contract 1.2: every JSON output carries schema_version; a later one is not guessed at.
    XCTAssertTrue(sentJSON(out)?.contains("\"schema_version\" : 1") == true, sentJSON(out) ?? "")
    let later = sentJSON(out)!.replacingOccurrences(
      of: "\"schema_version\" : 1", with: "\"schema_version\" : 2")
    try Data(later.utf8).write(to: URL(fileURLWithPath: record))
    try assertRefused(
      out, mail.command, says: "has schema_version 2, which this Candor (1) does not read")
    XCTAssertEqual(mail.messages().count, 2)
  }

  /// A run stopped after handing the message over leaves `sending`: the rerun neither sends
  /// nor forgets.
  func testASendingRecordIsNeitherResentNorForgotten() throws {
    let out = CandorProcess.temporaryFolder()
    let mail = FakeSendmail()
    let stopped = try send(out, "\(mail.command); kill -TERM $$")
    XCTAssertEqual(stopped.status, 1)
    XCTAssertTrue(
      stopped.stderr.contains("was killed by signal 15 (SIGTERM); it may have gone"), stopped.stderr
    )
    XCTAssertTrue(
      sentJSON(out)?.contains("\"state\" : \"sending\"") == true, sentJSON(out) ?? "none")
    try assertRefused(
      out, mail.command, says: "did not learn whether it went; it may have. Check the mailbox")
    XCTAssertEqual(mail.messages().count, 1)
    XCTAssertEqual(try send(out, mail.command, ["--resend"]).status, 0)
    XCTAssertEqual(mail.messages().count, 2)
  }

  /// An MTA that refuses before reading the message (msmtp when the server is unreachable)
  /// closes the pipe candor writes to: an error, not a candor killed by SIGPIPE. In-process,
  /// with a message larger than a pipe's buffer, so the write meets the closed end.
  func testAMailCommandThatReadsNothingIsAFailureNotACrash() throws {
    let message = Data(repeating: UInt8(ascii: "x"), count: 1 << 20)
    let finished = try Subprocess.run(
      "/bin/sh", ["-c", "exec 0<&-; sleep 0.3; echo 'connection refused' >&2; exit 75"],
      input: message, timeout: 30)
    XCTAssertEqual(finished.ending, .exited(75))
    XCTAssertEqual(finished.lastWords(), ": connection refused")
  }

  func testARefusedMessageLeavesNoRecord() throws {
    let out = CandorProcess.temporaryFolder()
    let result = try send(out, FakeSendmail(failing: true).command)
    XCTAssertEqual(result.status, 1)
    XCTAssertNil(sentJSON(out))
  }

  func testASendTheRecordCannotFollowSaysTheEmailWent() throws {
    let out = CandorProcess.temporaryFolder()
    let folder = out + "/acme/2026-W48"
    // Accepts the message, then puts a folder where sent.json must go (as a full disk would
    // fail the write).
    let command =
      "cat >/dev/null; rm -f \(folder)/sent.json; mkdir \(folder)/sent.json; touch \(folder)/sent.json/x"
    let result = try send(out, command)
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(
      result.stderr.contains("error: the email to dana@acme.example, ops@acme.example was sent ("),
      result.stderr)
  }

  func testTheMailCommandsOutputIsBoundedAndItsEndingSaidRight() throws {
    let out = CandorProcess.temporaryFolder()
    let flood = try send(out, "cat >/dev/null; head -c 300000000 /dev/zero; exit 1")
    XCTAssertTrue(flood.stderr.contains("failed with exit status 1: "), flood.stderr)
    XCTAssertLessThan(flood.stderr.utf8.count, 2_000)
    let long = try send(out, "cat >/dev/null; head -c 50000 /dev/zero | tr '\\0' x >&2; exit 1")
    XCTAssertLessThan(long.stderr.utf8.count, 1_000, long.stderr)
    let killed = try send(out, "cat >/dev/null; kill -9 $$")
    XCTAssertTrue(killed.stderr.contains("was killed by signal 9 (SIGKILL)"), killed.stderr)
  }

  /// A command that exits but leaves a child holding its output (a daemonising MTA wrapper)
  /// is done when it exits.
  func testABackgroundChildDoesNotHoldTheSend() throws {
    let out = CandorProcess.temporaryFolder()
    let started = Date()
    let result = try send(out, "cat >/dev/null; (sleep 30 &); exit 0")
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertLessThan(Date().timeIntervalSince(started), 20)
  }

  /// candor stopped mid-send, by SIGTERM or SIGKILL, leaves no mail command running.
  func testStoppingCandorStopsTheMailCommand() throws {
    for signal in [SIGTERM, SIGKILL] {
      let out = CandorProcess.temporaryFolder()
      let marker = CandorProcess.temporaryFolder() + "/still-running"
      let workspace = fixture.workspace()
      let process = Process()
      process.executableURL = URL(fileURLWithPath: CandorProcess.executable)
      process.arguments = [
        "email", workspace.root, "--client", "acme", "--out", out, "--send", "--sendmail",
        "cat >/dev/null; sleep 0.6; touch \(marker)",
      ]
      process.environment = ["CANDOR_TEMPLATES": CandorProcess.repository + "/Templates"]
      process.standardError = FileHandle.nullDevice
      try process.run()
      // Until the journal says `sending`, the command has not been called.
      let deadline = Date().addingTimeInterval(60)
      while sentJSON(out) == nil && Date() < deadline { usleep(20_000) }
      kill(process.processIdentifier, signal)
      process.waitUntilExit()
      usleep(1_000_000)
      XCTAssertFalse(
        FileManager.default.fileExists(atPath: marker),
        "the mail command outlived candor (\(signal))")
    }
  }
}

private final class Results: @unchecked Sendable {
  private let lock = NSLock()
  private var values: [Int32] = []
  func append(_ value: Int32) { lock.withLock { values.append(value) } }
  var all: [Int32] { lock.withLock { values } }
}
