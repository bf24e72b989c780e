import Foundation

/// Runs the built `candor` executable, as a user would, and captures what it says.
public enum CandorProcess {
  public struct Result {
    public var status: Int32
    public var stdout: String
    public var stderr: String
    /// Killed by `run`'s `killAfter` watchdog.
    public var hung = false
  }

  /// The repository root, found from this file's path.
  public static let repository: String = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { url.deleteLastPathComponent() }
    return url.path
  }()

  public static var executable: String {
    // swift test puts the product beside the test bundle.
    let products =
      Bundle.allBundles.first { $0.bundlePath.hasSuffix(".xctest") }?.bundleURL
      .deletingLastPathComponent()
      ?? URL(fileURLWithPath: repository + "/.build/debug")
    return products.appendingPathComponent("candor").path
  }

  /// Runs candor to its end. With `killAfter`, a run still going after that many seconds is
  /// killed and comes back `hung`: a guard against hangs (a FIFO opened for reading, a runaway
  /// template) set far above any honest run's time, so a loaded machine cannot fail it, and a
  /// hang fails its test instead of stalling the suite.
  @discardableResult
  public static func run(
    _ arguments: [String], environment: [String: String] = [:], in directory: String? = nil,
    killAfter: TimeInterval? = nil, executable program: String? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: program ?? executable)
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    env["CANDOR_TEMPLATES"] = repository + "/Templates"
    for (key, value) in environment { env[key] = value }
    process.environment = env
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let pid = process.processIdentifier
    let fired = Flag()
    // The flag, not the signal, says hung: the kernel's OOM killer also sends SIGKILL.
    let watchdog = DispatchWorkItem {
      fired.set()
      kill(pid, SIGKILL)
    }
    if let killAfter {
      DispatchQueue.global().asyncAfter(deadline: .now() + killAfter, execute: watchdog)
    }
    // Read before waiting so a large output cannot fill the pipe and stall the child.
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    watchdog.cancel()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self),
      hung: fired.isSet)
  }

  private final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
  }

  /// Every regular file under `folder`, relative path to contents; the history cache
  /// (`<client>/.history/`) only with `cache`.
  public static func tree(_ folder: String, cache: Bool = false) -> [String: Data] {
    var files: [String: Data] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return files }
    for case let path as String in enumerator {
      if !cache, path.split(separator: "/").contains(".history") { continue }
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
      if !isDirectory.boolValue {
        files[path] = FileManager.default.contents(atPath: folder + "/" + path)
      }
    }
    return files
  }

  public static func temporaryFolder() -> String {
    let path = NSTemporaryDirectory() + "candor-out-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }
}
