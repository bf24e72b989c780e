import CandorWorkspace
import Foundation

/// Batch progress on standard error: a live bar on a terminal, one line per client otherwise.
final class Progress: @unchecked Sendable {
  private let total: Int
  private let live: Bool
  private let quiet: Bool
  private let start = Date()
  private let lock = NSLock()
  private var done = 0
  private var failed = 0

  init(total: Int, quiet: Bool) {
    self.total = total
    self.quiet = quiet
    live = isatty(STDERR_FILENO) == 1 && ProcessInfo.processInfo.environment["TERM"] != "dumb"
  }

  func finished(client: String, week: String?, ok: Bool, detail: String) {
    lock.lock()
    defer { lock.unlock() }
    done += 1
    if !ok { failed += 1 }
    guard !quiet else { return }
    if live {
      let width = 28
      let filled = total == 0 ? width : width * done / total
      let elapsed = Date().timeIntervalSince(start)
      let remaining = done == 0 ? 0 : elapsed / Double(done) * Double(total - done)
      let bar =
        String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
      let line =
        "\r\u{1B}[2K\(bar) \(done)/\(total) done, \(failed) failed, \(Self.duration(remaining)) left"
      FileHandle.standardError.write(Data(line.utf8))
      if done == total { FileHandle.standardError.write(Data("\n".utf8)) }
    } else {
      let status = ok ? "ok" : "FAILED"
      FileHandle.standardError.write(
        Data(
          "[\(done)/\(total)] \(TerminalSafe.line(client)) \(week ?? "-") \(status)\(detail.isEmpty ? "" : ": " + detail)\n"
            .utf8))
    }
  }

  /// Prints a failure above the live bar so it is not overwritten.
  func failure(_ text: String) {
    lock.lock()
    defer { lock.unlock() }
    let prefix = live && !quiet ? "\r\u{1B}[2K" : ""
    for line in text.split(separator: "\n") {
      FileHandle.standardError.write(Data("\(prefix)error: \(line)\n".utf8))
    }
  }

  static func duration(_ seconds: Double) -> String {
    seconds < 60
      ? "\(Int(seconds.rounded()))s"
      : "\(Int(seconds / 60))m\(Int(seconds.truncatingRemainder(dividingBy: 60)))s"
  }
}
