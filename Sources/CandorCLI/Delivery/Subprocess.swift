import Foundation

/// Runs a helper program (the mail transfer agent, the browser that prints PDFs) with bytes on
/// its standard input, a time limit, and its output kept for the error message.
enum Subprocess {
  struct Finished {
    var status: Int32
    /// Standard output and error together, at most 4 KiB: enough for any error a helper gives.
    var output: String
  }

  enum Problem: Error {
    case cannotStart(String)
    case timedOut
  }

  /// A helper that dies before reading its input must give an error, not kill candor.
  private static let ignoreBrokenPipe: Void = { signal(SIGPIPE, SIG_IGN) }()

  static func run(
    _ executable: String, _ arguments: [String], input: Data? = nil, timeout: TimeInterval
  ) throws(Problem) -> Finished {
    _ = ignoreBrokenPipe
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    // Output is drained as it comes, so the helper never blocks on a full pipe while we write
    // to it, and only its first 4 KiB are kept: a helper that writes gigabytes costs neither
    // memory nor disk.
    let outputPipe = Pipe()
    let output = BoundedOutput(limit: 4 << 10)
    process.standardOutput = outputPipe
    process.standardError = outputPipe
    let inputPipe = input.map { _ in Pipe() }
    process.standardInput = inputPipe ?? FileHandle.nullDevice
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    do {
      try process.run()
    } catch {
      throw .cannotStart(Diagnostics.lines(of: error).joined(separator: " "))
    }
    // Process closes our copy of the write end once the helper runs, so the reader sees the
    // end when the helper (and any child it left holding the pipe) is gone; the run waits for
    // the helper only.
    let reading = outputPipe.fileHandleForReading
    Thread.detachNewThread { output.drain(reading) }
    if let input, let writer = inputPipe?.fileHandleForWriting {
      // On its own thread: a helper that stops reading must not stop the time limit.
      Thread.detachNewThread {
        let descriptor = writer.fileDescriptor
        input.withUnsafeBytes { buffer in
          var offset = 0
          while offset < buffer.count {
            let count = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            offset += count
          }
        }
        try? writer.close()
      }
    }
    if done.wait(timeout: .now() + timeout) == .timedOut {
      process.terminate()
      if done.wait(timeout: .now() + 5) == .timedOut { kill(process.processIdentifier, SIGKILL) }
      throw .timedOut
    }
    // What the helper wrote before it ended is in the pipe: a moment to read it.
    output.waitForEnd(upTo: 0.5)
    return Finished(
      status: process.terminationStatus, output: String(decoding: output.kept, as: UTF8.self))
  }
}

/// The first `limit` bytes of a helper's output; the rest is read and dropped.
private final class BoundedOutput: @unchecked Sendable {
  private let limit: Int
  private let lock = NSLock()
  private var data = Data()
  private let ended = DispatchSemaphore(value: 0)

  init(limit: Int) { self.limit = limit }

  var kept: Data { lock.withLock { data } }

  func drain(_ handle: FileHandle) {
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    let descriptor = handle.fileDescriptor
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      if count <= 0 { break }
      lock.withLock {
        let room = limit - data.count
        if room > 0 { data.append(contentsOf: buffer[0..<min(room, count)]) }
      }
    }
    try? handle.close()
    ended.signal()
  }

  func waitForEnd(upTo seconds: TimeInterval) { _ = ended.wait(timeout: .now() + seconds) }
}
