import CandorModel
import CandorWorkspace
import Foundation

/// Batch progress on standard error: a live bar on a terminal, one line per client otherwise.
package final class BatchProgress: @unchecked Sendable {
  private let total: Int
  private let live: Bool
  private let quiet: Bool
  private let start = Date()
  private let lock = NSLock()
  private var done = 0
  private var failed = 0

  package init(total: Int, quiet: Bool) {
    self.total = total
    self.quiet = quiet
    live = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
  }

  /// One client is done. A failure's message is printed once, as `error:` lines, even when
  /// quiet: above the live bar on a terminal, under the client's progress line otherwise. One
  /// lock covers both, so another worker's line never lands between them.
  package func finished(client: String, week: String?, error: String? = nil) {
    lock.lock()
    defer { lock.unlock() }
    done += 1
    if error != nil { failed += 1 }
    let clear = "\r\u{1B}[2K"
    var text = live && !quiet && error != nil ? clear : ""
    if !live && !quiet {
      text +=
        "[\(done)/\(total)] \(TerminalSafe.line(client)) \(week ?? "-") \(error == nil ? "ok" : "FAILED")\n"
    }
    for line in (error ?? "").split(separator: "\n") { text += "error: \(line)\n" }
    if live && !quiet {
      let width = 28
      let filled = total == 0 ? width : width * done / total
      let elapsed = Date().timeIntervalSince(start)
      let remaining = done == 0 ? 0 : elapsed / Double(done) * Double(total - done)
      let bar =
        String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
      text +=
        "\(clear)\(bar) \(done)/\(total) done, \(failed) failed, \(Self.duration(remaining)) left"
      if done == total { text += "\n" }
    }
    FileHandle.standardError.write(Data(text.utf8))
  }

  static func duration(_ seconds: Double) -> String {
    seconds < 60
      ? "\(Int(seconds.rounded()))s"
      : "\(Int(seconds / 60))m\(Int(seconds.truncatingRemainder(dividingBy: 60)))s"
  }
}
