import CandorModel
import CandorWorkspace
import Foundation

/// The local mail transfer agent: `sendmail -t -i` (Postfix, msmtp, exim all install one), or
/// the command given by `--sendmail` or `CANDOR_SENDMAIL`. Candor writes the message; the MTA
/// does TLS, authentication, queueing and retries.
package struct Sendmail: Sendable {
  /// Run by `/bin/sh -c` exactly as written, so it may hold options and quoted paths; it is
  /// the operator's own command, like a cron line. It must read the recipients from the
  /// headers (`-t`).
  let command: String

  static let standard = "sendmail -t -i"

  package static func choose(
    option: String?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> Sendmail {
    if let option { return Sendmail(command: option) }
    if let variable = environment["CANDOR_SENDMAIL"], !variable.isEmpty {
      return Sendmail(command: variable)
    }
    return Sendmail(command: standard)
  }

  /// Hands one message over; the MTA has accepted it when this returns.
  package func send(_ message: Data) throws {
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
      throw DeliveryError(
        "the mail command \(shown) did not finish within 300 s; stopped", mayHaveSent: true)
    }
    guard finished.ending.succeeded else {
      // An MTA killed mid-way may have queued the message already; one that exits non-zero
      // has refused it.
      let killed = if case .signalled = finished.ending { true } else { false }
      throw DeliveryError(
        "the mail command \(shown) \(finished.ending.description)\(finished.lastWords())",
        mayHaveSent: killed)
    }
  }
}
