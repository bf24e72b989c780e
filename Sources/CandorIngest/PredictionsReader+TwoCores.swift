import CandorKernels
import CandorModel
import Foundation

extension PredictionsReader {
  /// Reads the rest of a large plain file on two cores: a second thread from the first line
  /// start after the middle, this one up to there. That the line start is a record boundary
  /// (not a newline inside a quoted field) is only a guess, checked here: this thread must end
  /// a record exactly on it. When it does not, or the second thread met anything that must be
  /// decided in file order (a class it does not know yet, any error), the second thread's rows
  /// are dropped and this thread reads on alone. Rows of the two stretches are appended in
  /// file order, so the result is always the one a single pass gives.
  /// Returns true when the file has been read to its end.
  func readInParallel(
    _ reader: CSVReader, _ columns: Columns, into rows: inout Rows, lookup: ClassLookup,
    joined: inout Bool
  ) throws -> Bool {
    // Bad rows are listed in file order by one thread.
    guard policy.parallelThreads > 1, policy.badRowsListed == 1, columns.segment == nil,
      columns.classScores == nil,
      !path.hasSuffix(".gz"), let resolved = try? folder.resolve(path)
    else { return false }
    var info = stat()
    guard stat(resolved, &info) == 0 else { return false }
    let size = Int(info.st_size)
    let start = reader.consumed
    guard size - start >= policy.parallelMinimumBytes,
      let boundary = Self.lineStart(after: start + (size - start) / 2, in: resolved)
    else { return false }
    // Each stretch reserves for its own rows, from the bytes a row took so far, so no array
    // doubles (and copies) on the way.
    func expectedRows(_ bytes: Int) -> Int {
      reader.estimatedRows(afterRows: rows.count, inBytes: bytes)
    }
    let useScores = universe.task.isBinary && columns.score != nil
    // Without ids the second stretch's scores are appended to this one's: room for both.
    let ownEnd = columns.id == nil ? size : boundary
    rows.reserve(rows.count + expectedRows(ownEnd - start), columns, useScores: useScores)
    let secondRows = expectedRows(size - boundary)
    let frozen = ClassLookup.frozen(universe.snapshot(), positive: lookup.positive)
    let second = SecondStretch()
    let job = Unchecked((self, columns, frozen, resolved, reader.file))
    second.start { stretch in
      let (this, columns, frozen, path, file) = job.value
      guard
        let reader = try? CSVReader(
          path: path, displayPath: file, dialect: this.dialect, startingAt: boundary)
      else { return nil }
      var rows = Rows()
      rows.reserve(secondRows, columns, useScores: useScores)
      let ended = try? this.readRows(reader, columns, into: &rows, lookup: frozen) {
        $0.count & 4095 == 0 && stretch.isCancelled
      }
      return ended == true ? rows : nil
    }
    defer { second.cancel() }
    if try readRows(
      reader, columns, into: &rows, lookup: lookup,
      pause: { _ in
        reader.consumed >= boundary
      })
    {
      return true
    }
    guard reader.consumed == boundary, var tail = second.result() else { return false }
    rows.append(&tail)
    joined = true
    return true
  }

  /// The offset just after the first newline at or after `offset`; nil when there is none
  /// before the end of the file.
  static func lineStart(after offset: Int, in path: String) -> Int? {
    guard case .success(let descriptor) = FileSystem.openRegularFile(path) else { return nil }
    defer { close(descriptor) }
    var buffer = [UInt8](repeating: 0, count: 1 << 16)
    var position = offset
    while true {
      let count = buffer.withUnsafeMutableBytes {
        pread(descriptor, $0.baseAddress, $0.count, off_t(position))
      }
      guard count > 0 else { return nil }
      if let newline = buffer[0..<count].firstIndex(of: UInt8(ascii: "\n")) {
        return position + newline + 1
      }
      position += count
    }
  }
}

/// The second thread of a file read on two cores, which the first can call off.
final class SecondStretch: @unchecked Sendable {
  private let lock = NSLock()
  private var cancelled = false
  private var thread: BackgroundThread<PredictionsReader.Rows?>?

  func start(_ work: @escaping @Sendable (SecondStretch) -> PredictionsReader.Rows?) {
    thread = BackgroundThread(stackSize: 1 << 22) { [self] in work(self) }
  }

  /// Checked every few thousand rows: the first thread found it does not need these rows.
  var isCancelled: Bool { lock.withLock { cancelled } }

  /// Waits for the thread; its rows (handed over, not kept), or nil when it gave up.
  func result() -> PredictionsReader.Rows? { thread?.join() ?? nil }

  /// Tells the thread to stop and waits for it, so no thread outlives the read.
  func cancel() {
    lock.withLock { cancelled = true }
    _ = thread?.join()
  }
}
