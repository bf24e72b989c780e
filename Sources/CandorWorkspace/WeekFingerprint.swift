import CandorIngest
import CandorKernels
import CandorModel
import Foundation

/// What a week's inputs are, to tell whether a cached summary of the week still holds:
/// client.yaml and every file under `weeks/<week>/`, each with its size, a hash of its bytes,
/// and the stat signature (modification and status-change times, inode) that lets a later run
/// skip rehashing.
public struct WeekFingerprint: Sendable, Equatable {
  public struct File: Sendable, Equatable {
    /// Client-relative, e.g. `weeks/2026-W47/evaluations/failure/holdout.csv`.
    public var path: String
    public var size: Int
    /// Modification time, status-change time (both in nanoseconds) and inode: unchanged
    /// together with the size, the bytes are taken as unchanged without reading them, as git
    /// does. The status-change time is what makes that safe: any write or `touch` sets it to
    /// now, and no user call can set it back, so an edit that restores the size and the
    /// modification time is still seen.
    public var modified: Int
    public var changed: Int
    public var inode: UInt64
    public var hash: ContentHash

    public init(
      path: String, size: Int, modified: Int, changed: Int, inode: UInt64, hash: ContentHash
    ) {
      self.path = path
      self.size = size
      self.modified = modified
      self.changed = changed
      self.inode = inode
      self.hash = hash
    }
  }

  public var files: [File]

  public init(files: [File]) { self.files = files }

  /// The same files holding the same bytes, whatever their stat signatures.
  public func sameContent(as other: WeekFingerprint) -> Bool {
    files.count == other.files.count
      && zip(files, other.files).allSatisfy {
        $0.path == $1.path && $0.size == $1.size && $0.hash == $1.hash
      }
  }
}

extension ClientWorkspace {
  /// The fingerprint of a week's inputs; nil when any of them cannot be read (the full read
  /// then reports the problem). Files whose size, times and inode match `known` keep its hash
  /// unread.
  public func fingerprint(_ week: ISOWeek, known: WeekFingerprint? = nil) -> WeekFingerprint? {
    var paths = ["client.yaml"]
    func walk(_ relative: String) -> Bool {
      guard let names = try? folder.list(relative) else { return false }
      for name in names {
        let path = "\(relative)/\(name)"
        guard let isFolder = try? folder.isDirectory(path) else { return false }
        if isFolder {
          guard walk(path) else { return false }
        } else {
          paths.append(path)
        }
      }
      return true
    }
    guard walk("weeks/\(week)") else { return nil }
    var files: [WeekFingerprint.File] = []
    for path in paths {
      guard let resolved = try? folder.resolve(path) else { return nil }
      var info = stat()
      guard stat(resolved, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
      let modified = Int(info.st_mtim.tv_sec) &* 1_000_000_000 &+ Int(info.st_mtim.tv_nsec)
      let changed = Int(info.st_ctim.tv_sec) &* 1_000_000_000 &+ Int(info.st_ctim.tv_nsec)
      let size = Int(info.st_size)
      let inode = UInt64(info.st_ino)
      if let same = known?.files.first(where: { $0.path == path }), same.size == size,
        same.modified == modified, same.changed == changed, same.inode == inode
      {
        files.append(same)
        continue
      }
      guard let hash = ContentHash(file: resolved) else { return nil }
      files.append(
        .init(
          path: path, size: size, modified: modified, changed: changed, inode: inode, hash: hash))
    }
    return WeekFingerprint(files: files)
  }
}

/// A 128-bit hash of a file's bytes, fast enough to run over gigabytes (two independent
/// multiply-rotate lanes over 8-byte words). It guards a cache against changed files, not
/// against an adversary: whoever can write the inputs decides the report anyway.
public struct ContentHash: Sendable, Equatable, CustomStringConvertible {
  public var high: UInt64
  public var low: UInt64

  public init(high: UInt64, low: UInt64) {
    self.high = high
    self.low = low
  }

  public var description: String {
    String(high, radix: 16) + ":" + String(low, radix: 16)
  }

  /// Files from this size on are hashed as two halves, one on each core: the hash of a
  /// 440 MB export was a quarter of a second alone before its read could start.
  static let halvesFrom = 1 << 26

  init?(file path: String) {
    guard case .success(let descriptor) = FileSystem.openRegularFile(path) else { return nil }
    defer { close(descriptor) }
    let size = ByteSources.size(of: descriptor)
    guard size >= Self.halvesFrom else {
      guard let lanes = Self.lanes(descriptor, from: 0, to: .max) else { return nil }
      (high, low) = lanes.finish()
      return
    }
    // The split depends on the size alone, so the hash depends only on the bytes.
    let middle = size / 2 & ~7
    let second = BackgroundThread { Self.lanes(descriptor, from: middle, to: .max) }
    let firstLanes = Self.lanes(descriptor, from: 0, to: middle)
    guard let secondLanes = second.join() ?? nil, let firstLanes else { return nil }
    let (a, b) = firstLanes.finish()
    let (c, d) = secondLanes.finish()
    var joined = Lanes()
    for word in [a, b, c, d, UInt64(middle)] { joined.word(word) }
    (high, low) = joined.finish()
  }

  /// The lanes after bytes `from..<to` of an open file (to its end at most), read with
  /// `pread` so two threads can share one descriptor; nil when a read fails.
  private static func lanes(_ descriptor: Int32, from start: Int, to end: Int) -> Lanes? {
    let capacity = 1 << 20
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 8)
    defer { buffer.deallocate() }
    var state = Lanes()
    var offset = start
    while offset < end {
      let count = pread(descriptor, buffer, min(capacity, end - offset), off_t(offset))
      if count < 0 {
        if errno == EINTR { continue }
        return nil
      }
      if count == 0 { break }
      state.add(UnsafeRawBufferPointer(start: buffer, count: count))
      offset += count
    }
    return state
  }

  package init(bytes: UnsafeRawBufferPointer) {
    var state = Self.Lanes()
    state.add(bytes)
    (high, low) = state.finish()
  }

  /// Reads are not aligned to words: a partial word is carried to the next read, so the
  /// hash depends only on the bytes, never on how `read` split them.
  package struct Lanes: Sendable {
    var a: UInt64 = 0x243f_6a88_85a3_08d3
    var b: UInt64 = 0x1319_8a2e_0370_7344
    var length: UInt64 = 0
    var carry: UInt64 = 0
    var carried = 0
    /// Words alternate between the lanes, so the two multiply chains run side by side.
    var odd = false

    @inline(__always)
    mutating func word(_ value: UInt64) {
      if odd {
        b = ((b ^ value) &* 0xc2b2_ae3d_27d4_eb4f).rotated(31)
      } else {
        a = ((a ^ value) &* 0x9e37_79b9_7f4a_7c15).rotated(29)
      }
      odd.toggle()
    }

    package init() {}

    package mutating func add(_ bytes: UnsafeRawBufferPointer) {
      length &+= UInt64(bytes.count)
      var index = 0
      while carried > 0 && carried < 8 && index < bytes.count {
        carry |= UInt64(bytes[index]) << (8 * carried)
        carried += 1
        index += 1
      }
      if carried == 8 {
        word(carry)
        carry = 0
        carried = 0
      }
      func load(_ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
      }
      if odd && index + 8 <= bytes.count {
        word(load(index))
        index += 8
      }
      while index + 16 <= bytes.count {
        a = ((a ^ load(index)) &* 0x9e37_79b9_7f4a_7c15).rotated(29)
        b = ((b ^ load(index + 8)) &* 0xc2b2_ae3d_27d4_eb4f).rotated(31)
        index += 16
      }
      while index + 8 <= bytes.count {
        word(load(index))
        index += 8
      }
      while index < bytes.count {
        carry |= UInt64(bytes[index]) << (8 * carried)
        carried += 1
        index += 1
      }
    }

    package func finish() -> (UInt64, UInt64) {
      var copy = self
      if carried > 0 { copy.word(carry ^ 0x80) }
      copy.word(length)
      func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 33)) &* 0xff51_afd7_ed55_8ccd
        z = (z ^ (z >> 33)) &* 0xc4ce_b9fe_1a85_ec53
        return z ^ (z >> 33)
      }
      return (mix(copy.a ^ copy.b.rotated(17)), mix(copy.b ^ copy.a.rotated(41)))
    }
  }
}

extension UInt64 {
  @inline(__always)
  fileprivate func rotated(_ bits: UInt64) -> UInt64 { self << bits | self >> (64 - bits) }
}
