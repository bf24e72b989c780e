import Foundation

/// Runs a helper program (the mail transfer agent, the browser that prints PDFs) with bytes on
/// its standard input, a time limit, and its output kept for the error message.
enum Subprocess {
  struct Finished {
    var status: Int32
    /// Standard output and error together, at most 64 KiB.
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
    let log = FileManager.default.temporaryDirectory.appendingPathComponent(
      "candor-helper-\(UUID().uuidString).log")
    _ = FileManager.default.createFile(atPath: log.path, contents: nil)
    defer { try? FileManager.default.removeItem(at: log) }
    guard let logHandle = try? FileHandle(forWritingTo: log) else {
      throw .cannotStart(
        "cannot create a temporary file in \(log.deletingLastPathComponent().path)")
    }
    defer { try? logHandle.close() }
    // Output goes to a file, so the helper never blocks on a full pipe while we write to it.
    process.standardOutput = logHandle
    process.standardError = logHandle
    let inputPipe = input.map { _ in Pipe() }
    process.standardInput = inputPipe ?? FileHandle.nullDevice
    let done = DispatchSemaphore(value: 0)
    process.terminationHandler = { _ in done.signal() }
    do {
      try process.run()
    } catch {
      throw .cannotStart(Diagnostics.lines(of: error).joined(separator: " "))
    }
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
    let data =
      (try? FileHandle(forReadingFrom: log).readToEnd())?.prefix(64 << 10) ?? Data()
    return Finished(
      status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
  }
}
