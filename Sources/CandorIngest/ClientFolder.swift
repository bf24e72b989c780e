import CandorModel
import Foundation

/// The only way a client's run opens files: every path is resolved inside `clients/<id>/`.
///
/// Isolation is by construction: a report holds a `ClientFolder`, never the workspace,
/// so it cannot name another client's file; symbolic links that lead outside are refused.
public struct ClientFolder: Sendable {
  public let id: String
  /// The folder on disk, with symbolic links resolved.
  let root: String
  /// Workspace-relative prefix used in messages, e.g. `clients/acme`.
  public let displayRoot: String

  package init(id: String, path: String, displayRoot: String) throws {
    let display = displayRoot
    var info = stat()
    guard lstat(path, &info) == 0 else {
      throw InputError(file: display, "client folder does not exist")
    }
    if (info.st_mode & S_IFMT) == S_IFLNK {
      throw InputError(file: display, "is a symbolic link; a client's folder must be a real folder")
    }
    guard (info.st_mode & S_IFMT) == S_IFDIR else {
      throw InputError(file: display, "is not a folder")
    }
    guard let resolved = FileSystem.realPath(path) else {
      throw InputError(file: display, "cannot be read")
    }
    self.id = id
    self.root = resolved
    self.displayRoot = display
  }

  /// A folder a user named outside any client (a candidate model's evaluations), read with
  /// the same rules; messages show the path as given.
  public static func external(_ path: String) throws -> ClientFolder {
    try ClientFolder(id: "", path: path, displayRoot: path)
  }

  /// The workspace-relative name of a path inside this folder, for messages.
  public func display(_ relative: String) -> String {
    relative.isEmpty ? displayRoot : displayRoot + "/" + relative
  }

  /// The absolute path of `relative`, refusing links that lead out of the client's folder.
  public func resolve(_ relative: String) throws -> String {
    let path = relative.isEmpty ? root : root + "/" + relative
    guard let real = FileSystem.realPath(path) else {
      throw InputError(file: display(relative), "cannot be read")
    }
    guard real == root || real.hasPrefix(root + "/") else {
      if relative.split(separator: "/").contains("..") {
        throw InputError(
          file: display(relative), "leads outside the client's folder ('..'); refused")
      }
      throw InputError(
        file: display(relative),
        "is a symbolic link that points outside the client's folder; refused")
    }
    return real
  }

  /// Symbolic links anywhere in the folder that resolve outside it, whether or not a run
  /// would read them (the contract refuses them all), as client-relative paths in name order.
  /// Links are not followed; a dangling link leads nowhere and is left to whatever reads it.
  /// A folder of more than `limit` entries is refused rather than searched in part.
  public func linksLeadingOut(limit: Int = 200_000) throws -> [String] {
    var found: [String] = []
    var visited = 0
    func walk(_ relative: String) {
      let path = relative.isEmpty ? root : root + "/" + relative
      guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
      for name in names.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
        visited += 1
        guard visited <= limit else { return }
        let child = relative.isEmpty ? name : relative + "/" + name
        var info = stat()
        guard lstat(root + "/" + child, &info) == 0 else { continue }
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
          if let real = FileSystem.realPath(root + "/" + child), real != root,
            !real.hasPrefix(root + "/")
          {
            found.append(child)
          }
        case S_IFDIR: walk(child)
        default: break
        }
      }
    }
    walk("")
    guard visited <= limit else {
      throw InputError(
        file: displayRoot,
        "holds more than \(limit) files and folders; a client's folder holds its weeks' evaluation files, not an archive"
      )
    }
    return found
  }

  public func exists(_ relative: String) -> Bool {
    var info = stat()
    return lstat(root + "/" + relative, &info) == 0
  }

  public func isDirectory(_ relative: String) throws -> Bool {
    FileSystem.isDirectory(try resolve(relative))
  }

  /// Entries of a folder, sorted by name so that every run visits them in the same order.
  public func list(_ relative: String) throws -> [String] {
    let path = try resolve(relative)
    guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
      throw InputError(file: display(relative), "cannot list this folder")
    }
    return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// The file's bytes; refuses anything but a regular file (a FIFO would block forever, a
  /// device never end) and files larger than `limit` bytes.
  public func read(_ relative: String, limit: Int) throws -> Data {
    let path = try resolve(relative)
    switch FileSystem.readRegularFile(path, limit: limit) {
    case .success(let data): return data
    case .failure(let problem): throw InputError(file: display(relative), problem.reason)
    }
  }
}

public enum FileSystem {
  /// Writes every byte, resuming where a signal or a short write stopped; false on any other
  /// failure, with `errno` saying why.
  public static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) -> Bool {
    var offset = 0
    while offset < bytes.count {
      let count = Foundation.write(descriptor, bytes.baseAddress! + offset, bytes.count - offset)
      if count < 0 && errno == EINTR { continue }
      guard count > 0 else { return false }
      offset += count
    }
    return true
  }

  public enum ReadProblem: Error, Equatable {
    case cannotOpen(String)
    case notRegular(String)
    case tooLarge(Int)
    case readFailed(String)

    public var reason: String {
      switch self {
      case .cannotOpen(let why): "cannot be opened: \(why)"
      case .notRegular(let kind): "is \(kind), not a regular file; refused"
      case .tooLarge(let limit): "is larger than \(FileSystem.size(limit)), the limit for this file"
      case .readFailed(let why): "cannot be read: \(why)"
      }
    }
  }

  /// Opens `path` for reading without blocking (a FIFO would otherwise wait for a writer
  /// forever) and checks it is a regular file before reading a byte. The descriptor is
  /// returned in blocking mode; the caller closes it.
  public static func openRegularFile(_ path: String) -> Result<Int32, ReadProblem> {
    let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    guard descriptor >= 0 else {
      let why = String(cString: strerror(errno))
      // A socket cannot be opened at all (ENXIO); name what it is rather than the errno.
      var info = stat()
      if stat(path, &info) == 0, (info.st_mode & S_IFMT) != S_IFREG {
        return .failure(.notRegular(kind(info.st_mode)))
      }
      return .failure(.cannotOpen(why))
    }
    var info = stat()
    guard fstat(descriptor, &info) == 0 else {
      close(descriptor)
      return .failure(.cannotOpen(String(cString: strerror(errno))))
    }
    guard (info.st_mode & S_IFMT) == S_IFREG else {
      close(descriptor)
      return .failure(.notRegular(kind(info.st_mode)))
    }
    _ = fcntl(descriptor, F_SETFL, fcntl(descriptor, F_GETFL) & ~O_NONBLOCK)
    return .success(descriptor)
  }

  /// A regular file's bytes, at most `limit` of them.
  public static func readRegularFile(_ path: String, limit: Int) -> Result<Data, ReadProblem> {
    let descriptor: Int32
    switch openRegularFile(path) {
    case .success(let opened): descriptor = opened
    case .failure(let problem): return .failure(problem)
    }
    defer { close(descriptor) }
    var data = Data()
    // Sized to the file where that is smaller (most of Candor's YAML and JSON files are).
    let size = ByteSources.size(of: descriptor)
    var buffer = [UInt8](repeating: 0, count: min(1 << 16, max(512, size + 1)))
    while true {
      let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
      if count < 0 {
        if errno == EINTR { continue }
        return .failure(.readFailed(String(cString: strerror(errno))))
      }
      if count == 0 { return .success(data) }
      guard data.count + count <= limit else { return .failure(.tooLarge(limit)) }
      data.append(contentsOf: buffer[0..<count])
    }
  }

  static func kind(_ mode: mode_t) -> String {
    switch mode & S_IFMT {
    case S_IFIFO: "a FIFO (named pipe)"
    case S_IFCHR: "a character device"
    case S_IFBLK: "a block device"
    case S_IFSOCK: "a socket"
    case S_IFDIR: "a folder"
    default: "a special file"
    }
  }

  public static func size(_ bytes: Int) -> String {
    bytes % (1 << 20) == 0 ? "\(bytes >> 20) MiB" : "\(bytes) bytes"
  }

  static func realPath(_ path: String) -> String? {
    guard let pointer = realpath(path, nil) else { return nil }
    defer { free(pointer) }
    return String(cString: pointer)
  }

  package static func isDirectory(_ path: String) -> Bool {
    var isDirectory: ObjCBool = false
    return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory)
      && isDirectory.boolValue
  }
}
