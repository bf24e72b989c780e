import CAtomicSwap
import CandorIngest
import CandorModel
import CandorWorkspace
import Foundation

/// Writes one report's folder so that it is always either the complete new set of files or
/// the previous one, never a mix, even if the process is killed at any instant.
///
/// The files are written and flushed into a hidden staging folder beside the target, then the
/// two folders are exchanged in one atomic step (`renameat2` with `RENAME_EXCHANGE`; a plain
/// rename when there is no previous folder). Files whose bytes are unchanged are hard-linked
/// into the staging folder, and when nothing changed nothing is touched at all, so a rerun on
/// unchanged input keeps every file and its modification time. Leftover staging folders from a
/// killed run are removed by the next one.
public struct OutputWriter: Sendable {
  public let folder: String
  /// Told about anything in the report folder that Candor did not write (it is kept).
  public let warn: @Sendable (String) -> Void

  public init(
    folder: String, warn: @escaping @Sendable (String) -> Void = { Diagnostics.warning($0) }
  ) {
    self.folder = folder
    self.warn = warn
  }

  /// Every name Candor writes into a report or diff folder; anything else there is the user's.
  public static let candorFiles: Set<String> = [
    "report.html", "report.md", "snippet.txt", "snippet.html", "summary.json", "notes.md",
    "report-team.html", "report.pdf", "email.eml", SentRecord.fileName, "diff.html", "diff.md",
    "diff.json",
  ]

  /// Candor files that record what happened rather than what the report says (`sent.json`):
  /// carried across every rewrite that does not write them itself.
  public static let keptFiles: Set<String> = [SentRecord.fileName]

  /// Returns how many files changed.
  @discardableResult
  public func write(_ files: [(name: String, contents: String)]) throws -> Int {
    try write(data: files.map { ($0.name, Data($0.contents.utf8)) })
  }

  /// Binary contents (report.pdf) as well as text; returns how many files changed.
  @discardableResult
  public func write(data files: [(name: String, data: Data)]) throws -> Int {
    let parent = (folder as NSString).deletingLastPathComponent
    let name = (folder as NSString).lastPathComponent
    try Self.makeFolders(parent)
    var info = stat()
    let hadPrevious = lstat(folder, &info) == 0
    if hadPrevious, (info.st_mode & S_IFMT) != S_IFDIR {
      throw OutputError(
        path: folder,
        reason:
          "exists and is not a folder; Candor does not replace it (move it away and run again)")
    }
    removeLeftovers(in: parent, of: name)

    let existing = Set((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
    let ours = Set(files.map(\.name)).union(Self.candorFiles)
    let carried = existing.intersection(Self.keptFiles).subtracting(files.map(\.name)).sorted()
    // A journal write cut short leaves `.sent.json.<pid>`: Candor's, and stale.
    for entry in existing where entry.hasPrefix(".\(SentRecord.fileName).") {
      unlink("\(folder)/\(entry)")
    }
    let foreign = existing.subtracting(ours).filter { !$0.hasPrefix(".\(SentRecord.fileName).") }
      .sorted()
    for entry in foreign {
      warn(
        "\(folder)/\(TerminalSafe.line(entry)) is not a Candor file; it was left in place (a report folder should hold only Candor's files)"
      )
    }
    let changed = files.filter { file in
      guard
        case .success(let data) = FileSystem.readRegularFile(
          "\(folder)/\(file.name)", limit: 1 << 30)
      else { return true }
      return data != file.data
    }
    if changed.isEmpty
      && existing.intersection(ours).subtracting(carried) == Set(files.map(\.name))
    {
      return 0
    }

    let staging = "\(parent)/.\(name).staging-\(ProcessIdentity.current)"
    try? FileManager.default.removeItem(atPath: staging)
    guard mkdir(staging, 0o755) == 0 else {
      throw OutputError(
        path: parent, reason: "cannot be written to: \(String(cString: strerror(errno)))")
    }
    var movedLater: [String] = []
    do {
      for file in files {
        let target = "\(staging)/\(file.name)"
        if !changed.contains(where: { $0.name == file.name }),
          link("\(folder)/\(file.name)", target) == 0
        {
          continue
        }
        try Self.writeDurably(file.data, to: target)
      }
      // A user's files are hard-linked, so they stay in the live folder at every instant;
      // folders cannot be, and are moved across right after the exchange.
      for entry in foreign + carried where link("\(folder)/\(entry)", "\(staging)/\(entry)") != 0 {
        movedLater.append(entry)
      }
      try Self.syncFolder(staging)
      try swapIntoPlace(staging, folder, hadPrevious: hadPrevious)
    } catch {
      try? FileManager.default.removeItem(atPath: staging)
      throw error
    }
    // After the exchange the staging path holds the previous files.
    for entry in movedLater { rename("\(staging)/\(entry)", "\(folder)/\(entry)") }
    try? FileManager.default.removeItem(atPath: staging)
    try? Self.syncFolder(parent)
    return changed.count
  }

  /// `mkdir -p` with plain messages (Foundation's name the error domain and code instead).
  static func makeFolders(_ path: String) throws {
    var built = path.hasPrefix("/") ? "" : "."
    for component in path.split(separator: "/") {
      built += "/" + component
      var info = stat()
      if stat(built, &info) == 0 {
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
          throw OutputError(
            path: built,
            reason: "exists and is not a folder, so the output folder cannot be created inside it")
        }
        continue
      }
      guard mkdir(built, 0o755) == 0 || errno == EEXIST else {
        throw OutputError(
          path: built, reason: "cannot be created: \(String(cString: strerror(errno)))")
      }
    }
  }

  private func swapIntoPlace(_ staging: String, _ target: String, hadPrevious: Bool) throws {
    if hadPrevious {
      if candor_exchange_paths(staging, target) == 0 { return }
      // File systems without RENAME_EXCHANGE: move the old folder aside, then rename.
      let aside = staging + "-old"
      guard rename(target, aside) == 0 else {
        throw OutputError(
          path: target, reason: "cannot be replaced: \(String(cString: strerror(errno)))")
      }
      guard rename(staging, target) == 0 else {
        rename(aside, target)
        throw OutputError(
          path: target, reason: "cannot be replaced: \(String(cString: strerror(errno)))")
      }
      try? FileManager.default.removeItem(atPath: aside)
      return
    }
    guard rename(staging, target) == 0 else {
      // Another run created the folder meanwhile (two batches into one --out): exchange with it.
      if errno == ENOTEMPTY || errno == EEXIST {
        return try swapIntoPlace(staging, target, hadPrevious: true)
      }
      throw OutputError(
        path: target, reason: "cannot be created: \(String(cString: strerror(errno)))")
    }
  }

  /// Writes and flushes to disk, so the swap never exposes a file whose bytes are not there yet.
  static func writeDurably(_ data: Data, to path: String) throws {
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    guard descriptor >= 0 else {
      throw OutputError(
        path: path, reason: "cannot be created: \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    guard data.withUnsafeBytes({ writeAll($0, to: descriptor) }) else {
      throw OutputError(
        path: path, reason: "cannot be written: \(String(cString: strerror(errno)))")
    }
    guard fsync(descriptor) == 0 else {
      throw OutputError(path: path, reason: "cannot be flushed to disk")
    }
  }

  /// `FileSystem.writeAll`, where the durable writer, the image writer and the fuzz
  /// workspace find it.
  public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
    FileSystem.writeAll(bytes, to: descriptor)
  }

  static func syncFolder(_ path: String) throws {
    let descriptor = open(path, O_RDONLY | O_DIRECTORY)
    guard descriptor >= 0 else { throw OutputError(path: path, reason: "cannot be opened") }
    defer { close(descriptor) }
    fsync(descriptor)
  }

  /// Staging folders left by a run that was killed mid-write. A staging folder is named after
  /// its process (pid and start time), so one that belongs to a live run, such as a second
  /// batch writing to the same folder, is never removed.
  private func removeLeftovers(in parent: String, of name: String) {
    let prefix = ".\(name).staging-"
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
    where entry.hasPrefix(prefix) {
      let owner = entry.dropFirst(prefix.count).split(separator: "-").prefix(2).joined(
        separator: "-")
      if ProcessIdentity.isAlive(owner) { continue }
      // A run killed between the exchange and moving a user's folder back left it here.
      let leftover = "\(parent)/\(entry)"
      for item in (try? FileManager.default.contentsOfDirectory(atPath: leftover)) ?? []
      where !Self.candorFiles.contains(item) {
        var info = stat()
        if lstat("\(folder)/\(item)", &info) != 0 {
          rename("\(leftover)/\(item)", "\(folder)/\(item)")
        }
      }
      try? FileManager.default.removeItem(atPath: leftover)
    }
  }
}

/// A process named so that a reused pid is not mistaken for it: `<pid>-<start time>`, the start
/// time in clock ticks since boot from /proc (0 where /proc is missing).
enum ProcessIdentity {
  static let current = "\(getpid())-\(startTime(of: getpid()) ?? 0)"

  static func startTime(of pid: pid_t) -> UInt64? {
    guard case .success(let data) = FileSystem.readRegularFile("/proc/\(pid)/stat", limit: 1 << 16)
    else { return nil }
    let text = String(decoding: data, as: UTF8.self)
    // Fields after the command name (which may hold spaces) start after the last ')'.
    guard let close = text.lastIndex(of: ")") else { return nil }
    let fields = text[text.index(after: close)...].split(separator: " ")
    // Field 22 overall is the start time; fields here start at field 3.
    return fields.count > 19 ? UInt64(fields[19]) : nil
  }

  static func isAlive(_ identity: String) -> Bool {
    let parts = identity.split(separator: "-")
    guard parts.count == 2, let pid = pid_t(parts[0]), let start = UInt64(parts[1]), pid > 0 else {
      return false
    }
    guard kill(pid, 0) == 0 || errno == EPERM else { return false }
    return startTime(of: pid).map { $0 == start } ?? true
  }
}

public struct OutputError: LocalizedError, Sendable {
  public var path: String
  public var reason: String
  public var errorDescription: String? { "\(path): \(reason)" }
}
