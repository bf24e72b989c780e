import CandorIngest
import CandorModel
import CandorPipeline
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
    for task in tasks.map(\.id) {
      try? FileManager.default.createDirectory(
        atPath: path + "/clients/\(task)/weeks/2026-W48/evaluations/\(task)",
        withIntermediateDirectories: true)
    }
    for client in ["c", "all"] {
      try? FileManager.default.createDirectory(
        atPath: path + "/clients/\(client)/weeks/2026-W48", withIntermediateDirectories: true)
    }
    return path
  }()

  /// Each kind of task the contract knows (1.1: probabilities, one score column per class),
  /// each in a client of its own, so an input costs one task's read, not four.
  static let tasks: [(id: String, yaml: String)] = [
    ("binary", "positive_label: failure"),
    ("multi", ""),
    ("probability", "positive_label: failure\n    score_kind: probability"),
    ("scored", "classes: [a, b, c]\n    class_scores: \"p_{class}\"\n    score_kind: probability"),
  ]

  /// The client.yaml of the client `id`: a task of that kind, or ("all") every kind.
  static func clientYAML(_ id: String) -> String {
    let entries = tasks.filter { id == "all" || $0.id == id }.map {
      "  - id: \($0.id)\n    \($0.yaml)\n"
    }
    return "name: Fuzz\ntasks:\n" + entries.joined()
      + "validation_sets:\n  - id: holdout\n    role: test\n"
  }

  /// Writes with plain POSIX calls: Foundation's atomic write (a temporary file and a
  /// rename) costs more than the read it feeds.
  static func write(_ relative: String, _ data: Data) {
    let descriptor = open(root + "/clients/" + relative, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    precondition(descriptor >= 0, "cannot write the fuzz workspace")
    defer { close(descriptor) }
    let written = data.withUnsafeBytes { OutputWriter.writeAll($0, to: descriptor) }
    precondition(written, "cannot write the fuzz workspace")
  }

  /// The fixed clients, opened once: inputs then cost one file write and one read.
  nonisolated(unsafe) static var openClients: [String: ClientWorkspace] = [:]

  static func client(_ id: String) throws -> ClientWorkspace {
    if let opened = openClients[id] { return opened }
    write("\(id)/client.yaml", Data(clientYAML(id).utf8))
    let opened = try ClientWorkspace.open(try Workspace(path: root), id: id)
    openClients[id] = opened
    return opened
  }

  /// Reads `data` as a client's client.yaml.
  public static func clientConfig(_ data: Data) {
    write("c/client.yaml", data)
    expectInputError { _ = try ClientConfig.load(from: try Workspace(path: root).client("c")) }
  }

  /// Reads `data` as a worklog.yaml of a fixed client with every kind of task.
  public static func worklog(_ data: Data) {
    write("all/weeks/2026-W48/worklog.yaml", data)
    expectInputError {
      let client = try client("all")
      _ = try Worklog.load(
        from: client.folder, path: "weeks/2026-W48/worklog.yaml", config: client.config)
    }
  }

  /// Reads `data` as an evaluation file of one task of each kind: the input's length picks
  /// the kind, so the fuzzer reaches every one.
  public static func evaluation(_ data: Data, name: String) {
    let task = tasks[data.count % tasks.count].id
    write("\(task)/weeks/2026-W48/evaluations/\(task)/\(name)", data)
    expectInputError { _ = try client(task).load(ISOWeek("2026-W48")!) }
  }

  /// Reads `data` as the records of a week image of the client with every kind of task, and
  /// analyses what it decodes to (`OwnFileReaders.weekImage`).
  public static func weekImage(_ data: Data) {
    expectInputError {
      OwnFileReaders.weekImage(body: data, config: try client("all").config, folder: root)
    }
  }

  /// Reads every record of `data` as CSV and checks each field's bytes lie inside the record.
  /// The input's length picks the delimiter, so every one a client may declare is exercised.
  public static func csvRecords(_ data: Data, chunkSize: Int) {
    write("reader.csv", data)
    let path = root + "/clients/reader.csv"
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
