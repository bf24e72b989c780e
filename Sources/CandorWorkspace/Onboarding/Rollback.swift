import CandorIngest
import CandorModel
import Foundation

/// What `candor add` changed, so that a failure anywhere puts everything back: folders it made
/// are removed, files it set aside return, a file it rewrote gets its old text again.
struct Rollback {
  private var folders: [String] = []
  private var placed: [String] = []
  private var setAside: [(original: String, aside: String)] = []
  private var rewritten: [(path: String, old: String?)] = []

  /// Makes `path` and any missing parent, remembering each one it made.
  mutating func makeFolders(_ path: String) throws {
    var missing: [String] = []
    var current = path
    while !current.isEmpty, current != "/", !FileManager.default.fileExists(atPath: current) {
      missing.append(current)
      current = (current as NSString).deletingLastPathComponent
    }
    for folder in missing.reversed() {
      guard mkdir(folder, 0o777) == 0 else {
        // Made meanwhile by another process: its folder, not this run's to remove.
        if errno == EEXIST { continue }
        throw InputError(
          file: folder, "cannot be created: \(String(cString: strerror(errno)))")
      }
      folders.append(folder)
    }
  }

  /// Moves a file out of the way, into `holding` (the workspace's root, which no report
  /// lists); `undo` brings it back, `commit` deletes it.
  mutating func setAside(_ path: String, holding: String) throws {
    let name = (path as NSString).lastPathComponent
    let aside = "\(holding)/.candor-replaced-\(getpid())-\(setAside.count)-\(name)"
    guard rename(path, aside) == 0 else {
      throw InputError(file: path, "cannot be replaced: \(String(cString: strerror(errno)))")
    }
    setAside.append((path, aside))
  }

  /// Copies the file's contents (through a symbolic link, as DVC and git-annex leave them)
  /// to a temporary name in the destination folder, then renames: a reader never sees half a
  /// file.
  mutating func copy(_ source: String, to destination: String) throws {
    let temporary = destination + ".candor-partial"
    unlink(temporary)
    guard Self.copyContents(source, to: temporary) else {
      unlink(temporary)
      throw InputError(file: source, "cannot be copied into the workspace")
    }
    guard rename(temporary, destination) == 0 else {
      try? FileManager.default.removeItem(atPath: temporary)
      throw InputError(file: destination, "cannot be written: \(String(cString: strerror(errno)))")
    }
    placed.append(destination)
  }

  private static func copyContents(_ source: String, to destination: String) -> Bool {
    let input = open(source, O_RDONLY | O_CLOEXEC)
    guard input >= 0 else { return false }
    defer { close(input) }
    let output = open(destination, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
    guard output >= 0 else { return false }
    var buffer = [UInt8](repeating: 0, count: 1 << 20)
    var copied = true
    while copied {
      let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else {
        copied = count == 0
        break
      }
      copied = buffer.withUnsafeBytes {
        FileSystem.writeAll(UnsafeRawBufferPointer(rebasing: $0[..<count]), to: output)
      }
    }
    return close(output) == 0 && copied
  }

  /// Remembers a file's text before it is rewritten (nil: it did not exist).
  mutating func restore(_ path: String, to old: String?) {
    rewritten.append((path, old))
  }

  func undo() {
    for (path, old) in rewritten.reversed() {
      if let old { try? AtomicFile.write(old, to: path) } else { unlink(path) }
    }
    for path in placed { unlink(path) }
    for (original, aside) in setAside { rename(aside, original) }
    for folder in folders.reversed() { rmdir(folder) }
  }

  func commit() {
    for (_, aside) in setAside { unlink(aside) }
  }
}

/// An exclusive `flock` on a folder, held until `release` (or the process ends); nil where the
/// folder cannot be opened, which the caller's own checks then report.
final class WorkspaceLock {
  private let descriptor: Int32
  /// Nil when locked; else why not (NFS refuses `flock` on a folder), for a warning.
  let failure: String?

  init?(folder: String) {
    descriptor = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
    guard descriptor >= 0 else { return nil }
    var result: Int32
    repeat { result = flock(descriptor, LOCK_EX) } while result != 0 && errno == EINTR
    failure = result == 0 ? nil : String(cString: strerror(errno))
  }

  /// Whether `folder` is still the folder locked: a run that failed while this one waited may
  /// have removed it, and another made it anew.
  func isStill(_ folder: String) -> Bool {
    var locked = stat()
    var current = stat()
    return fstat(descriptor, &locked) == 0 && stat(folder, &current) == 0
      && locked.st_dev == current.st_dev && locked.st_ino == current.st_ino
  }

  func release() { close(descriptor) }
}

/// Writes a file through a temporary name and a rename.
enum AtomicFile {
  static func write(_ text: String, to path: String) throws {
    let temporary = path + ".candor-partial"
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
    } catch {
      throw InputError(file: path, "cannot be written")
    }
    guard rename(temporary, path) == 0 else {
      unlink(temporary)
      throw InputError(file: path, "cannot be written: \(String(cString: strerror(errno)))")
    }
  }
}
