import CSpawn
import CandorModel
import CandorWorkspace
import Foundation

/// Runs a helper program (the mail transfer agent, the browser that prints PDFs) with bytes on
/// its standard input, a time limit, and the start and end of its output kept for the message.
///
/// The helper runs in a process group of its own (`candor_spawn_group`), so everything it
/// starts is stopped with it: at the time limit, and when candor itself is stopped by SIGTERM,
/// SIGINT or SIGHUP (the group is sent SIGTERM, then candor dies of the signal as before).
/// The group's supervisor kills the group if candor is killed outright (SIGKILL). Candor waits
/// for the helper's own exit: a child it leaves running after a successful exit (a daemonising
/// MTA wrapper's queue runner) is left to finish its work.
enum Subprocess {
  struct Finished {
    var ending: Ending
    /// Standard output and error together: the first and the last 4 KiB, enough for any error
    /// a helper gives; a helper that writes gigabytes costs neither memory nor disk.
    var output: String

    /// ": " and the helper's last three lines, each cut to 200 characters (a helper may write
    /// one line of 50 KB), or "" when it said nothing; lines matching `noise` are skipped.
    func lastWords(skipping noise: (Substring) -> Bool = { _ in false }) -> String {
      let lines = output.split(separator: "\n").filter {
        !noise($0) && !$0.allSatisfy(\.isWhitespace)
      }.suffix(3).map { line in
        let shown = TerminalSafe.line(line)
        return shown.count > 200 ? shown.prefix(200) + "…" : shown
      }
      return lines.isEmpty ? "" : ": " + lines.joined(separator: " ")
    }
  }

  enum Ending: Equatable {
    case exited(Int32)
    case signalled(Int32)

    var succeeded: Bool { self == .exited(0) }

    /// "exit status 1", "was killed by signal 9 (SIGKILL)".
    var description: String {
      switch self {
      case .exited(let status): "failed with exit status \(status)"
      case .signalled(let signal):
        "was killed by signal \(signal)\(Self.names[signal].map { " (\($0))" } ?? "")"
      }
    }

    private static let names: [Int32: String] = [
      SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV",
      SIGPIPE: "SIGPIPE", SIGTERM: "SIGTERM", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS",
    ]
  }

  enum Problem: Error {
    case cannotStart(String)
    case timedOut
  }

  /// A helper that exits before reading its input (an MTA refusing at once) must give an
  /// error, not kill candor with SIGPIPE; the helper itself starts with every signal at its
  /// default.
  private static let ignoreBrokenPipe: Void = { signal(SIGPIPE, SIG_IGN) }()

  static func run(
    _ executable: String, _ arguments: [String], input: Data? = nil, timeout: TimeInterval
  ) throws(Problem) -> Finished {
    _ = ignoreBrokenPipe
    var outputPipe: [Int32] = [0, 0]
    var inputPipe: [Int32] = [0, 0]
    guard candor_pipe(&outputPipe) == 0, candor_pipe(&inputPipe) == 0 else {
      throw .cannotStart(String(cString: strerror(errno)))
    }
    if input == nil {
      close(inputPipe[1])
      inputPipe[1] = -1
    }
    let pid = HelperGroups.start {
      withCStrings([executable] + arguments) { argv in
        candor_spawn_group(executable, argv, environ, inputPipe[0], outputPipe[1])
      }
    }
    let startError = errno
    close(outputPipe[1])
    close(inputPipe[0])
    guard pid > 0 else {
      close(outputPipe[0])
      if inputPipe[1] >= 0 { close(inputPipe[1]) }
      throw .cannotStart(String(cString: strerror(startError)))
    }
    let output = BoundedOutput(keep: 4 << 10)
    let reader = outputPipe[0]
    Thread.detachNewThread { output.drain(reader) }
    if let input {
      // On its own thread: a helper that stops reading must not stop the time limit.
      let writer = inputPipe[1]
      Thread.detachNewThread {
        input.withUnsafeBytes { buffer in
          var offset = 0
          while offset < buffer.count {
            let count = write(writer, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            offset += count
          }
        }
        close(writer)
      }
    }
    let exit = ExitWatch(pid: pid)
    defer { HelperGroups.finished(pid) }
    guard let status = exit.wait(upTo: timeout) else {
      kill(-pid, SIGTERM)
      if exit.wait(upTo: 5) == nil {
        kill(-pid, SIGKILL)
        _ = exit.wait(upTo: .infinity)
      }
      throw .timedOut
    }
    // The helper has exited; a child it left running may hold the pipe open for as long as it
    // likes (a daemonising MTA wrapper), so what was written is read for a moment, not to the end.
    output.waitForEnd(upTo: 0.5)
    HelperGroups.waitIfStopping()
    let ending: Ending =
      (status & 0x7F) == 0 ? .exited((status >> 8) & 0xFF) : .signalled(status & 0x7F)
    return Finished(ending: ending, output: output.kept)
  }

  private static func withCStrings<R>(
    _ strings: [String], _ body: (UnsafePointer<UnsafeMutablePointer<CChar>?>) -> R
  ) -> R {
    var pointers = strings.map { strdup($0) }
    pointers.append(nil)
    defer { for pointer in pointers { free(pointer) } }
    return pointers.withUnsafeBufferPointer { body($0.baseAddress!) }
  }
}

/// Waits for one child's exit status on a thread of its own, so the caller can give up waiting.
private final class ExitWatch: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var status: Int32 = 0
  private var reaped = false

  init(pid: pid_t) {
    Thread.detachNewThread { [self] in
      var status: Int32 = 0
      while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
      self.status = status
      self.reaped = true
      done.signal()
    }
  }

  /// The raw wait status, or nil when the child is still running after `seconds`.
  func wait(upTo seconds: TimeInterval) -> Int32? {
    let deadline: DispatchTime = seconds.isFinite ? .now() + seconds : .distantFuture
    guard done.wait(timeout: deadline) == .success else { return nil }
    done.signal()
    return status
  }
}

/// The start and end of a helper's output; the middle is read and dropped.
private final class BoundedOutput: @unchecked Sendable {
  private let keep: Int
  private let lock = NSLock()
  private var head: [UInt8] = []
  private var tail: [UInt8] = []
  private var dropped = 0
  private let ended = DispatchSemaphore(value: 0)

  init(keep: Int) { self.keep = keep }

  var kept: String {
    lock.withLock {
      let middle = dropped > 0 ? "\n[… \(dropped) bytes not kept …]\n" : ""
      return String(decoding: head, as: UTF8.self) + middle + String(decoding: tail, as: UTF8.self)
    }
  }

  func drain(_ descriptor: Int32) {
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      lock.withLock { take(buffer[0..<count]) }
    }
    close(descriptor)
    ended.signal()
  }

  private func take(_ bytes: ArraySlice<UInt8>) {
    var bytes = bytes
    let room = keep - head.count
    if room > 0 {
      head.append(contentsOf: bytes.prefix(room))
      bytes = bytes.dropFirst(room)
    }
    tail.append(contentsOf: bytes)
    if tail.count > keep {
      dropped += tail.count - keep
      tail.removeFirst(tail.count - keep)
    }
  }

  func waitForEnd(upTo seconds: TimeInterval) { _ = ended.wait(timeout: .now() + seconds) }
}
