import CandorModel
import Foundation

/// Where a CSV reader's bytes come from: a plain file, or a gzip file decompressed as it is
/// read. The reader sees only text, so its limits and line numbers are those of the text.
public protocol ByteSource: AnyObject {
  /// Copies up to `capacity` bytes of text into `buffer`; 0 at the end of the text.
  func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int
  /// The size the whole text likely has, judged from what has been read so far, for
  /// reserving memory; 0 when unknown.
  var estimatedTextSize: Int { get }
}

public enum ByteSources {
  /// Opens `path` (a regular file only), decompressing it when its name ends in `.gz`.
  /// Errors name `displayPath`.
  public static func open(
    path: String, displayPath: String, gzipFiles: Int = 1
  ) throws -> ByteSource {
    let descriptor: Int32
    switch FileSystem.openRegularFile(path) {
    case .success(let opened): descriptor = opened
    case .failure(let problem): throw InputError(file: displayPath, problem.reason)
    }
    if path.hasSuffix(".gz") {
      return GzipByteSource(
        descriptor: descriptor, file: displayPath,
        bound: .shared(by: gzipFiles))
    }
    return FileByteSource(descriptor: descriptor, file: displayPath)
  }

  /// Opens `path` as gzip when it starts with the gzip signature (1f 8b), whatever its name:
  /// `candor add` reads files before they are given their contract name.
  public static func openSniffing(path: String, displayPath: String) throws -> ByteSource {
    let descriptor: Int32
    switch FileSystem.openRegularFile(path) {
    case .success(let opened): descriptor = opened
    case .failure(let problem): throw InputError(file: displayPath, problem.reason)
    }
    if isGzip(descriptor: descriptor) {
      return GzipByteSource(descriptor: descriptor, file: displayPath)
    }
    return FileByteSource(descriptor: descriptor, file: displayPath)
  }

  /// True when the file starts with 1f 8b; leaves the file offset at 0.
  public static func isGzip(path: String) -> Bool {
    guard case .success(let descriptor) = FileSystem.openRegularFile(path) else { return false }
    defer { close(descriptor) }
    return isGzip(descriptor: descriptor)
  }

  private static func isGzip(descriptor: Int32) -> Bool {
    var signature: [UInt8] = [0, 0]
    let count = pread(descriptor, &signature, 2, 0)
    return count == 2 && signature == [0x1f, 0x8b]
  }

  /// The size of an open file in bytes; 0 when it cannot be told.
  package static func size(of descriptor: Int32) -> Int {
    var info = stat()
    return fstat(descriptor, &info) == 0 ? Int(info.st_size) : 0
  }
}

/// A plain file, read as it is.
final class FileByteSource: ByteSource {
  private let descriptor: Int32
  private let file: String

  init(descriptor: Int32, file: String) {
    self.descriptor = descriptor
    self.file = file
  }

  deinit { close(descriptor) }

  package func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
    while true {
      let count = Foundation.read(descriptor, buffer, capacity)
      if count >= 0 { return count }
      if errno != EINTR { throw InputError(file: file, "read failed") }
    }
  }

  var estimatedTextSize: Int { ByteSources.size(of: descriptor) }
}
