import Foundation

/// Radix sorts for the two big arrays Candor sorts. 64-bit id hashes (with payloads riding
/// along) sort most significant digit first, in place, 8 bits a level; scores that counting
/// cannot sort (`DecimalCountingSort`) sort least significant digit first, 16 bits a pass.
/// Both are O(n): ten million keys cost a few passes over memory, not a comparison sort's
/// n·log n.
public enum RadixSort {
  /// Below this, a comparison sort beats the scores' four passes over 65,536 counters.
  static let smallSize = 1 << 16
  /// From this many keys the id sort uses a second core below its first level.
  static let parallelFrom = 1 << 20

  /// Sorts `keys` ascending, moving `payload[i]` with `keys[i]`, in place (no scratch copy):
  /// a most-significant-digit radix sort, 8 bits a level, that permutes each bucket by cycles
  /// and finishes small buckets by insertion. Eight-bit digits keep the 256 write cursors in
  /// cache; measured twice as fast as 16-bit digits on ten million ids.
  public static func sort(_ keys: inout [UInt64], payload: inout [UInt16]) {
    precondition(keys.count == payload.count)
    guard keys.count > 1 else { return }
    keys.withUnsafeMutableBufferPointer { keys in
      payload.withUnsafeMutableBufferPointer { payload in
        var sorter = InPlaceSorter(scores: nil)
        defer { sorter.release() }
        sorter.sort(keys.baseAddress!, payload.baseAddress!, count: keys.count, bits: 64, depth: 0)
      }
    }
  }

  /// As `sort(_:payload:)`, with a second payload (each row's score) moving along.
  public static func sort(_ keys: inout [UInt64], payload: inout [UInt16], scores: inout [Double]) {
    precondition(keys.count == payload.count && keys.count == scores.count)
    guard keys.count > 1 else { return }
    keys.withUnsafeMutableBufferPointer { keys in
      payload.withUnsafeMutableBufferPointer { payload in
        scores.withUnsafeMutableBufferPointer { scores in
          var sorter = InPlaceSorter(scores: scores.baseAddress!)
          defer { sorter.release() }
          sorter.sort(
            keys.baseAddress!, payload.baseAddress!, count: keys.count, bits: 64, depth: 0)
        }
      }
    }
  }

  /// Bucket bookkeeping reused across the recursion: one start and one cursor array per
  /// depth, allocated once, so the millions of small buckets allocate nothing.
  private struct InPlaceSorter {
    /// Rides along with `payload` when rows carry scores; indexed like the keys.
    var scores: UnsafeMutablePointer<Double>?
    init(scores: UnsafeMutablePointer<Double>?) { self.scores = scores }
    private var starts: [UnsafeMutablePointer<Int>] = []
    private var cursors: [UnsafeMutablePointer<Int>] = []

    mutating func release() {
      for start in starts { start.deallocate() }
      for cursor in cursors { cursor.deallocate() }
    }

    mutating func sort(
      _ keys: UnsafeMutablePointer<UInt64>, _ payload: UnsafeMutablePointer<UInt16>, count: Int,
      bits: Int, depth: Int,
      offset: Int = 0
    ) {
      guard bits > 0, count > 1 else { return }
      let scores = self.scores.map { $0 + offset }
      if count <= 32 {
        insertionSort(keys, payload, scores, count: count)
        return
      }
      let radix = min(bits, 8)
      let buckets = 1 << radix
      let mask = UInt64(buckets - 1)
      let shift = UInt64(bits - radix)
      while starts.count <= depth {
        starts.append(.allocate(capacity: 257))
        cursors.append(.allocate(capacity: 256))
      }
      let start = starts[depth]
      let cursor = cursors[depth]
      start.initialize(repeating: 0, count: buckets + 1)
      for index in 0..<count { start[Int((keys[index] >> shift) & mask) + 1] += 1 }
      for bucket in 0..<buckets { start[bucket + 1] += start[bucket] }
      cursor.update(from: start, count: buckets)
      for bucket in 0..<buckets {
        let end = start[bucket + 1]
        while cursor[bucket] < end {
          var key = keys[cursor[bucket]]
          var value = payload[cursor[bucket]]
          var score = scores?[cursor[bucket]] ?? 0
          var target = Int((key >> shift) & mask)
          // Follow the cycle: drop each element into its bucket, pick up what was there.
          while target != bucket {
            let slot = cursor[target]
            cursor[target] = slot + 1
            swap(&key, &keys[slot])
            swap(&value, &payload[slot])
            if let scores { swap(&score, &scores[slot]) }
            target = Int((key >> shift) & mask)
          }
          keys[cursor[bucket]] = key
          payload[cursor[bucket]] = value
          scores?[cursor[bucket]] = score
          cursor[bucket] += 1
        }
      }
      guard shift > 0 else { return }
      // Below the first level the buckets are independent: on a large sort the upper half
      // goes to a second thread with its own bookkeeping. The ranges are disjoint, so the
      // result is the same on one core or two.
      var upperHalf: BackgroundThread<Void>?
      var ownBuckets = buckets
      if depth == 0, count >= RadixSort.parallelFrom {
        ownBuckets = buckets / 2
        upperHalf = sortInBackground(
          keys, payload, bounds: (ownBuckets...buckets).map { start[$0] }, bits: Int(shift),
          offset: offset)
      }
      for bucket in 0..<ownBuckets {
        let lower = start[bucket]
        let size = start[bucket + 1] - lower
        if size > 1 {
          sort(
            keys + lower, payload + lower, count: size, bits: Int(shift), depth: depth + 1,
            offset: offset + lower)
        }
      }
      _ = upperHalf?.join()
    }

    /// Sorts the buckets between consecutive `bounds` on a thread of its own.
    private func sortInBackground(
      _ keys: UnsafeMutablePointer<UInt64>, _ payload: UnsafeMutablePointer<UInt16>,
      bounds: [Int], bits: Int, offset: Int
    ) -> BackgroundThread<Void> {
      let rows = Unchecked((keys, payload, scores))
      return BackgroundThread {
        let (keys, payload, scores) = rows.value
        var sorter = InPlaceSorter(scores: scores)
        for (lower, upper) in zip(bounds, bounds.dropFirst()) where upper - lower > 1 {
          sorter.sort(
            keys + lower, payload + lower, count: upper - lower, bits: bits, depth: 1,
            offset: offset + lower)
        }
        sorter.release()
      }
    }

    private func insertionSort(
      _ keys: UnsafeMutablePointer<UInt64>, _ payload: UnsafeMutablePointer<UInt16>,
      _ scores: UnsafeMutablePointer<Double>?, count: Int
    ) {
      for index in 1..<count {
        let key = keys[index]
        let value = payload[index]
        let score = scores?[index] ?? 0
        var hole = index
        while hole > 0 && keys[hole - 1] > key {
          keys[hole] = keys[hole - 1]
          payload[hole] = payload[hole - 1]
          scores?[hole] = scores![hole - 1]
          hole -= 1
        }
        keys[hole] = key
        payload[hole] = value
        scores?[hole] = score
      }
    }
  }

  /// Sorts finite doubles ascending (−0.0 before +0.0, which compare equal anyway), in place
  /// with one scratch buffer: ten million scores need 80 MB extra, not three copies.
  public static func sort(_ values: inout [Double]) {
    guard values.count > 1 else { return }
    if values.count < smallSize {
      values.sort()
      return
    }
    if DecimalCountingSort.sort(&values) { return }
    values.withUnsafeMutableBufferPointer { doubles in
      doubles.withMemoryRebound(to: UInt64.self) { keys in
        // Map to unsigned integers whose order is the doubles' order.
        for index in keys.indices {
          let bits = keys[index]
          keys[index] = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
        }
        let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: keys.count)
        defer { scratch.deallocate() }
        var source = keys
        var target = scratch
        for shift in stride(from: 0, to: 64, by: 16) {
          guard var offsets = histogram(UnsafeBufferPointer(source), shift: shift) else { continue }
          exclusivePrefixSum(&offsets)
          for key in source {
            let digit = Int((key >> UInt64(shift)) & 0xFFFF)
            target[offsets[digit]] = key
            offsets[digit] += 1
          }
          swap(&source, &target)
        }
        if source.baseAddress != keys.baseAddress {
          _ = keys.initialize(from: source)
        }
        for index in keys.indices {
          let key = keys[index]
          keys[index] = key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key
        }
      }
    }
  }

  /// Digit counts for one pass, or nil when every key has the same digit (the pass is a no-op).
  private static func histogram(_ keys: [UInt64], shift: Int) -> [Int]? {
    keys.withUnsafeBufferPointer { histogram($0, shift: shift) }
  }

  private static func histogram(_ keys: UnsafeBufferPointer<UInt64>, shift: Int) -> [Int]? {
    var counts = [Int](repeating: 0, count: 1 << 16)
    for key in keys { counts[Int((key >> UInt64(shift)) & 0xFFFF)] += 1 }
    return counts.contains(keys.count) ? nil : counts
  }

  private static func exclusivePrefixSum(_ counts: inout [Int]) {
    var running = 0
    for index in counts.indices {
      let count = counts[index]
      counts[index] = running
      running += count
    }
  }
}
