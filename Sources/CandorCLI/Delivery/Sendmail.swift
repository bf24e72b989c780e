import CandorWorkspace
import Foundation

/// The local mail transfer agent: `sendmail -t -i` (Postfix, msmtp, exim all install one), or
/// the command given by `--sendmail` or `CANDOR_SENDMAIL`. Candor writes the message; the MTA
/// does TLS, authentication, queueing and retries.
struct Sendmail: Sendable {
  /// Run by `/bin/sh -c` exactly as written, so it may hold options and quoted paths; it is
  /// the operator's own command, like a cron line. It must read the recipients from the
  /// headers (`-t`).
  let command: String

  static let standard = "sendmail -t -i"

  static func choose(
    option: String?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Sendmail {
    if let option { return Sendmail(command: option) }
    if let variable = environment["CANDOR_SENDMAIL"], !variable.isEmpty {
      return Sendmail(command: variable)
    }
    return Sendmail(command: standard)
  }

  /// Hands one message over; the MTA has accepted it when this returns.
  func send(_ message: Data) throws {
    // sendmail's interface is the local text convention: lines end in LF, and the MTA
    // writes CRLF on the wire.
    let local = Data(
      String(decoding: message, as: UTF8.self).replacingOccurrences(of: "\r\n", with: "\n").utf8)
    let shown = "'\(TerminalSafe.line(command))'"
    let finished: Subprocess.Finished
    do {
      finished = try Subprocess.run("/bin/sh", ["-c", command], input: local, timeout: 300)
    } catch .cannotStart(let why) {
      throw DeliveryError("the mail command \(shown) could not be started: \(why)")
    } catch .timedOut {
      throw DeliveryError("the mail command \(shown) did not finish within 300 s; stopped")
    }
    guard finished.status == 0 else {
      let said = finished.output.split(separator: "\n").suffix(3).joined(separator: " ")
      throw DeliveryError(
        "the mail command \(shown) failed with exit status \(finished.status)\(said.isEmpty ? "" : ": " + said)"
      )
    }
  }
}

/// `sent.json` beside email.eml: when the message went, and to whom. Written once when it is
/// sent and carried across every later rewrite of the folder, so a rerun does not send again.
struct SentRecord: Codable, Sendable {
  static let fileName = "sent.json"

  var client: String
  var week: String
  var messageID: String
  var recipients: [String]
  /// UTC, `2026-11-30T08:00:04Z`: the clock at sending, the one time-dependent value Candor writes.
  var sentAt: String

  enum CodingKeys: String, CodingKey {
    case client, week, recipients
    case messageID = "message_id"
    case sentAt = "sent_at"
  }

  func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self) + Data("\n".utf8)
  }

  /// When the message in `folder` was sent, or nil if it was not. A damaged record still
  /// counts as sent: a second message is worse than a missing one.
  static func sentAt(in folder: String) -> String? {
    let path = "\(folder)/\(fileName)"
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    let data = (try? Data(contentsOf: URL(fileURLWithPath: path))) ?? Data()
    return (try? JSONDecoder().decode(SentRecord.self, from: data))?.sentAt ?? "an earlier run"
  }

  static func now() -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date())
  }
}
