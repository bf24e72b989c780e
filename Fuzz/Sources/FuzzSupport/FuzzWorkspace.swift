import CandorWorkspace
import Foundation

/// A workspace in shared memory that each fuzz input is written into, then read back through
/// the same public API a report uses. Any InputError is a correct answer; a crash, a leak, a
/// hang (libFuzzer's -timeout) or an error of another kind is a finding.
public enum FuzzWorkspace {
  public static let root: String = {
    let base =
      FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
    let path = "\(base)/candor-fuzz-\(getpid())"
    try? FileManager.default.createDirectory(
      atPath: path + "/clients/c/weeks/2026-W48/evaluations/binary",
      withIntermediateDirectories: true)
    for task in tasks.dropFirst() {
      try? FileManager.default.createDirectory(
        atPath: path + "/clients/c/weeks/2026-W48/evaluations/\(task)",
        withIntermediateDirectories: true)
    }
    return path
  }()

  public static let clientYAML = """
    name: Fuzz
    tasks:
      - id: binary
        positive_label: failure
      - id: multi
      - id: probability
        positive_label: failure
        score_kind: probability
      - id: scored
        classes: [a, b, c]
        class_scores: "p_{class}"
        score_kind: probability
    validation_sets:
      - id: holdout
        role: test
    """

  /// Every task of the fixed client; each evaluation input is read by all of them (contract
  /// 1.1: probabilities, and one score column per class).
  static let tasks = ["binary", "multi", "probability", "scored"]

  static func write(_ relative: String, _ data: Data) {
    _ = FileManager.default.createFile(atPath: root + "/clients/c/" + relative, contents: data)
  }

  /// The fixed client, opened once: inputs then cost one file write and one read.
  nonisolated(unsafe) static var fixedClient: ClientWorkspace?

  static func client() throws -> ClientWorkspace {
    if let fixedClient { return fixedClient }
    write("client.yaml", Data(clientYAML.utf8))
    let opened = try ClientWorkspace.open(try Workspace(path: root), id: "c")
    fixedClient = opened
    return opened
  }

  /// Reads `data` as the client's client.yaml.
  public static func clientConfig(_ data: Data) {
    write("client.yaml", data)
    expectInputError { _ = try ClientConfig.load(from: try Workspace(path: root).client("c")) }
  }

  /// Reads `data` as a worklog.yaml of a fixed client.
  public static func worklog(_ data: Data) {
    write("weeks/2026-W48/worklog.yaml", data)
    expectInputError {
      let client = try client()
      _ = try Worklog.load(
        from: client.folder, path: "weeks/2026-W48/worklog.yaml", config: client.config)
    }
  }

  /// Reads `data` as an evaluation file of every task of the fixed client.
  public static func evaluation(_ data: Data, name: String) {
    for task in tasks {
      let folder = root + "/clients/c/weeks/2026-W48/evaluations/\(task)"
      for old in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
        try? FileManager.default.removeItem(atPath: folder + "/" + old)
      }
      write("weeks/2026-W48/evaluations/\(task)/\(name)", data)
    }
    expectInputError {
      let client = try client()
      _ = try client.load(ISOWeek("2026-W48")!)
    }
  }

  /// Reads every record of `data` as CSV and checks each field's bytes lie inside the record.
  /// The input's length picks the delimiter, so every one a client may declare is exercised.
  public static func csvRecords(_ data: Data, chunkSize: Int) {
    let path = root + "/reader.csv"
    _ = FileManager.default.createFile(atPath: path, contents: data)
    let delimiters = CSVDialect.delimiters.map { $0.utf8.first! }
    let dialect = CSVDialect(
      delimiter: delimiters[data.count % delimiters.count], decimal: UInt8(ascii: "."))
    expectInputError {
      let reader = try CSVReader(
        path: path, displayPath: "reader.csv", dialect: dialect, chunkSize: chunkSize)
      var previousLine = 0
      while try reader.next() {
        precondition(reader.line > previousLine, "lines must increase")
        previousLine = reader.line
        reader.withRecord { record in
          for index in 0..<record.count { _ = record.string(index) }
        }
      }
    }
  }

  static func expectInputError(_ body: () throws -> Void) {
    do {
      try body()
    } catch is InputError {
    } catch is InputErrors {
    } catch {
      fatalError("not an InputError: \(error)")
    }
  }
}

// The name is libFuzzer's C symbol.
// swift-format-ignore: AlwaysUseLowerCamelCase
@_silgen_name("LLVMFuzzerRunDriver")
private func LLVMFuzzerRunDriver(
  _ argc: UnsafeMutablePointer<Int32>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
  _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

/// Runs libFuzzer with this process's arguments on `callback`; returns its exit status.
public func runFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32 {
  var argc = CommandLine.argc
  var argv = CommandLine.unsafeArgv
  return LLVMFuzzerRunDriver(&argc, &argv, callback)
}
