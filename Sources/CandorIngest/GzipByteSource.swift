import CZlib
import CandorModel
import Foundation

/// A gzip file decompressed as it is read, through zlib, one input buffer at a time: the
/// text is never held whole. Concatenated gzip members (`cat a.gz b.gz`) read as one text.
///
/// A gzip bomb (a small file that inflates to gigabytes) is bounded: past `Bound.floor`
/// bytes of text, the text may be at most `Bound.ratio` times the compressed size.
final class GzipByteSource: ByteSource {
  /// How much text a gzip file may inflate to.
  struct Bound {
    var floor: Int
    var ratio: Int
    /// How many files share `Limits.minGzipTextBound` as their floor (a week's .csv.gz files).
    var sharedBy = 1

    static let standard = Bound(floor: Limits.minGzipTextBound, ratio: Limits.maxGzipExpansion)

    /// One of `files` gzip files of a week, which share the floor.
    static func shared(by files: Int) -> Bound {
      Bound(
        floor: Limits.minGzipTextBound / max(1, files), ratio: Limits.maxGzipExpansion,
        sharedBy: max(1, files))
    }
  }

  private let descriptor: Int32
  private let file: String
  private let limit: Int
  private let bound: Bound
  private let compressedSize: Int
  private let stream: UnsafeMutablePointer<z_stream>
  private let input: UnsafeMutablePointer<UInt8>
  /// 64 KiB, or the whole file when it is smaller.
  private let inputSize: Int
  private var compressedRead = 0
  private var produced = 0
  private var inputEnded = false
  /// True between the end of one gzip member and the start of the next (or the file's end).
  private var betweenMembers = false
  private var finished = false

  init(descriptor: Int32, file: String, bound: Bound = .standard) {
    self.descriptor = descriptor
    self.file = file
    self.bound = bound
    compressedSize = ByteSources.size(of: descriptor)
    inputSize = min(1 << 16, max(512, compressedSize))
    let (scaled, overflow) = compressedSize.multipliedReportingOverflow(by: bound.ratio)
    limit = max(bound.floor, overflow ? .max : scaled)
    stream = .allocate(capacity: 1)
    // zlib keeps a pointer back to the stream, so it lives at one address for its whole life.
    stream.initialize(to: z_stream())
    input = .allocate(capacity: inputSize)
  }

  deinit {
    inflateEnd(stream)
    stream.deinitialize(count: 1)
    stream.deallocate()
    input.deallocate()
    close(descriptor)
  }

  package func read(into buffer: UnsafeMutablePointer<UInt8>, capacity: Int) throws -> Int {
    if produced == 0, compressedRead == 0 { try start() }
    stream.pointee.next_out = buffer
    stream.pointee.avail_out = UInt32(min(capacity, Int(UInt32.max)))
    let room = stream.pointee.avail_out
    while stream.pointee.avail_out == room, !finished {
      if stream.pointee.avail_in == 0, !inputEnded { try refill() }
      if stream.pointee.avail_in == 0, inputEnded {
        guard betweenMembers else { throw truncated() }
        finished = true
        break
      }
      if betweenMembers {
        // More bytes after a member's end: another member follows (or the file is corrupt).
        inflateReset(stream)
        betweenMembers = false
      }
      switch inflate(stream, Z_NO_FLUSH) {
      case Z_OK, Z_BUF_ERROR: continue
      case Z_STREAM_END: betweenMembers = true
      case Z_MEM_ERROR: throw InputError(file: file, "cannot be decompressed: out of memory")
      default: throw corrupt()
      }
    }
    let count = Int(room - stream.pointee.avail_out)
    produced += count
    if produced > limit { throw tooLarge() }
    return count
  }

  var estimatedTextSize: Int {
    guard compressedRead > 0 else { return 0 }
    let ratio = Double(produced) / Double(compressedRead)
    return Int(min(Double(compressedSize) * ratio, Double(limit)))
  }

  // MARK: - Input

  /// Checks the gzip signature before inflating, so a plain file named `.gz` says so.
  private func start() throws {
    guard candor_inflate_init_gzip(stream) == Z_OK else {
      throw InputError(file: file, "cannot be decompressed: zlib could not start")
    }
    try refill()
    let count = Int(stream.pointee.avail_in)
    guard count > 0 else {
      throw InputError(file: file, "is empty; a .gz file must hold a gzip-compressed CSV")
    }
    guard input[0] == 0x1F, count < 2 || input[1] == 0x8B else {
      throw InputError(
        file: file,
        "is not gzip-compressed (it does not start with the gzip signature 1f 8b); a file named .csv.gz must be compressed with gzip, a plain CSV is named .csv"
      )
    }
  }

  private func refill() throws {
    var count: Int
    repeat {
      count = Foundation.read(descriptor, input, inputSize)
    } while count < 0
      && errno == EINTR
    guard count >= 0 else { throw InputError(file: file, "read failed") }
    if count == 0 { inputEnded = true }
    compressedRead += count
    stream.pointee.next_in = input
    stream.pointee.avail_in = UInt32(count)
  }

  // MARK: - Errors

  private func corrupt() -> InputError {
    let detail = stream.pointee.msg.map { String(cString: $0) } ?? "invalid data"
    return InputError(file: file, "is not a valid gzip file (zlib: \(detail)); the file is damaged")
  }

  private func truncated() -> InputError {
    InputError(
      file: file,
      "is truncated: the gzip stream ends before its end marker (an interrupted copy or download?)"
    )
  }

  private func tooLarge() -> InputError {
    let shared =
      bound.sharedBy > 1
      ? " (its share: the week's \(bound.sharedBy) .csv.gz files may inflate to \(FileSystem.size(Limits.minGzipTextBound)) together)"
      : ""
    return InputError(
      file: file,
      "decompresses to more than \(FileSystem.size(limit))\(shared), over \(bound.ratio) times its \(compressedSize) compressed bytes; refused as a possible gzip bomb (a genuine file this repetitive can be supplied uncompressed, as .csv)"
    )
  }
}
