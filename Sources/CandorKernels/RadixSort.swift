import Foundation

/// Radix sorts for the two big arrays Candor sorts. 64-bit id hashes (with payloads riding
/// along) sort most significant digit first: the first level scatters the rows by their top 10
/// bits into new arrays (stable, on two cores, straight from the stretches a file was read in),
/// and each bucket is split again through a scratch buffer (or permuted in place when it is too
/// large for one), by digits sized to the bucket. Scores that counting cannot sort
/// (`DecimalCountingSort`) sort least significant digit first, 16 bits a pass. Both are O(n):
/// ten million keys cost a few passes over memory, not a comparison sort's n·log n.
public enum RadixSort {
  /// Below this, a comparison sort beats the scores' four passes over 65,536 counters.
  package static let smallSize = 1 << 16
  /// From this many keys the id sort uses a second core.
  package static let parallelFrom = 1 << 20

  /// Sorts `keys` ascending, moving `payload[i]` with `keys[i]`.
  public static func sort(_ keys: inout [UInt64], payload: inout [UInt16]) {
    precondition(keys.count == payload.count)
    var stretches = [KeyedRows(keys: take(&keys), payload: take(&payload))]
    let sorted = sort(&stretches)
    keys = sorted.keys
    payload = sorted.payload
  }

  /// As `sort(_:payload:)`, with a second payload (each row's score) moving along.
  public static func sort(_ keys: inout [UInt64], payload: inout [UInt16], scores: inout [Double]) {
    precondition(keys.count == payload.count && keys.count == scores.count)
    var stretches = [
      KeyedRows(keys: take(&keys), payload: take(&payload), scores: .values(take(&scores)))
    ]
    let sorted = sort(&stretches)
    keys = sorted.keys
    payload = sorted.payload
    scores = sorted.scores!.values
  }

  /// The rows of `stretches` (consecutive parts of one file, in order) as one array sorted by
  /// key; each stretch's arrays are freed as soon as they have been moved.
  ///
  /// The first level is a stable scatter, so the result is the same however the rows were
  /// split into stretches (one core's read or two), bit for bit, equal keys included. It moves
  /// one array at a time (scores, payloads, keys): a file's rows are held at most once plus
  /// one array, as an in-place sort's appending of the stretches held them.
  package static func sort(_ stretches: inout [KeyedRows]) -> KeyedRows {
    let total = stretches.reduce(0) { $0 + $1.keys.count }
    let hasScores = stretches.first?.scores != nil
    for stretch in stretches {
      precondition(
        stretch.payload.count == stretch.keys.count && (stretch.scores != nil) == hasScores
          && (stretch.scores?.count ?? stretch.keys.count) == stretch.keys.count)
    }
    // Scores ride along as codes where every stretch kept codes, else all as doubles.
    var codes = hasScores ? codeArrays(&stretches) : nil
    var doubles = hasScores && codes == nil ? doubleArrays(&stretches) : nil
    guard total > 32 else {
      var rows = KeyedRows()
      for index in stretches.indices {
        rows.keys += take(&stretches[index].keys)
        rows.payload += take(&stretches[index].payload)
      }
      rows.scores =
        codes.map { .decimal($0.flatMap { $0 }) } ?? doubles.map { .values($0.flatMap { $0 }) }
      sortBuckets(&rows, bounds: [0, total], small: true)
      return rows
    }
    let parts = FirstLevel.parts(stretches.map(\.keys.count), total: total)
    let level = FirstLevel(stretches: stretches, parts: parts)
    var sorted = KeyedRows()
    if let codes {
      sorted.scores = .decimal(level.scatter(total, codes, by: stretches.map(\.keys)))
    } else if let doubles {
      sorted.scores = .values(level.scatter(total, doubles, by: stretches.map(\.keys)))
    }
    // Freed before the next array is scattered: the rows are held at most once plus one array.
    (codes, doubles) = (nil, nil)
    sorted.payload = level.scatter(total, stretches.map(\.payload), by: stretches.map(\.keys))
    for index in stretches.indices { stretches[index].payload = [] }
    sorted.keys = level.scatter(total, stretches.map(\.keys), by: stretches.map(\.keys))
    for index in stretches.indices { stretches[index].keys = [] }
    sortBuckets(&sorted, bounds: level.bounds)
    return sorted
  }

  /// Every stretch's score codes, taken out of the stretches; nil (leaving them) unless every
  /// stretch kept codes.
  private static func codeArrays(_ stretches: inout [KeyedRows]) -> [[UInt32]]? {
    guard
      stretches.allSatisfy({
        if case .decimal = $0.scores { true } else { false }
      })
    else { return nil }
    return stretches.indices.map { index in
      guard case .decimal(let codes) = stretches[index].scores else { return [] }
      stretches[index].scores = nil
      return codes
    }
  }

  /// Every stretch's scores as doubles, taken out of the stretches.
  private static func doubleArrays(_ stretches: inout [KeyedRows]) -> [[Double]] {
    stretches.indices.map { index in
      let column = stretches[index].scores
      stretches[index].scores = nil
      guard case .values(let values) = column else { return column?.values ?? [] }
      return values
    }
  }

  /// Sorts each first-level bucket (between consecutive `bounds`) in place on its lower
  /// bits; a large sort's upper half of the buckets goes to a second thread. The ranges are
  /// disjoint, so the result is the same on one core or two. `small`: one range of at most
  /// 32 rows, sorted whole by insertion.
  private static func sortBuckets(_ rows: inout KeyedRows, bounds: [Int], small: Bool = false) {
    // Each column is taken out of `rows` before it is written, so that it is the array's only
    // reference (a second one would copy it on the first write).
    if case .decimal(var codes) = rows.scores {
      rows.scores = nil
      codes.withUnsafeMutableBufferPointer {
        sortBuckets(&rows, bounds: bounds, small: small, scores: $0.baseAddress)
      }
      rows.scores = .decimal(codes)
    } else if case .values(var values) = rows.scores {
      rows.scores = nil
      values.withUnsafeMutableBufferPointer {
        sortBuckets(&rows, bounds: bounds, small: small, scores: $0.baseAddress)
      }
      rows.scores = .values(values)
    } else {
      sortBuckets(&rows, bounds: bounds, small: small, scores: UnsafeMutablePointer<Double>?.none)
    }
  }

  private static func sortBuckets<Score: BitwiseCopyable>(
    _ rows: inout KeyedRows, bounds: [Int], small: Bool, scores: UnsafeMutablePointer<Score>?
  ) {
    let total = rows.keys.count
    rows.keys.withUnsafeMutableBufferPointer { keys in
      rows.payload.withUnsafeMutableBufferPointer { payload in
        guard !small else {
          return InPlaceSorter<Score>.insertionSort(
            keys.baseAddress, payload.baseAddress, scores, count: total)
        }
        let middle = total >= parallelFrom ? bounds.count / 2 : bounds.count - 1
        let upper = Array(bounds[middle...])
        let rows = Unchecked((keys.baseAddress!, payload.baseAddress!, scores))
        let second =
          upper.count > 1
          ? BackgroundThread {
            let (keys, payload, scores) = rows.value
            InPlaceSorter.sortRanges(keys, payload, scores, bounds: upper)
          } : nil
        InPlaceSorter.sortRanges(
          keys.baseAddress!, payload.baseAddress!, scores, bounds: Array(bounds[...middle]))
        _ = second?.join()
      }
    }
  }

  /// The first level of the id sort: where each part's rows of each bucket go.
  private struct FirstLevel {
    /// A run of one stretch's rows that one thread scatters.
    struct Part {
      var stretch: Int
      var range: Range<Int>
      /// Where this part's next row of each bucket goes.
      var cursors: [Int]
    }

    /// 1,024 buckets: ten million rows leave about 10,000 a bucket, 180 KB with their payloads
    /// and scores, which the next level then splits inside the second-level cache.
    static let bits = 10
    static let buckets = 1 << bits
    static let shift = UInt64(64 - bits)

    /// The parts: each stretch on its own thread, or a single large stretch in two halves.
    static func parts(_ counts: [Int], total: Int) -> [(stretch: Int, range: Range<Int>)] {
      if counts.count == 1, total >= parallelFrom {
        return [(0, 0..<total / 2), (0, total / 2..<total)]
      }
      return counts.enumerated().map { ($0.offset, 0..<$0.element) }
    }

    var parts: [Part]
    /// Where each bucket starts in the sorted arrays, and the total at the end.
    var bounds: [Int]

    package init(stretches: [KeyedRows], parts: [(stretch: Int, range: Range<Int>)]) {
      let histograms = onThreads(parts.count) { index -> [Int] in
        var counts = [Int](repeating: 0, count: Self.buckets)
        stretches[parts[index].stretch].keys.withUnsafeBufferPointer { keys in
          for row in parts[index].range { counts[Int(keys[row] >> Self.shift)] += 1 }
        }
        return counts
      }
      bounds = [0]
      for bucket in 0..<Self.buckets {
        bounds.append(bounds[bucket] + histograms.reduce(0) { $0 + $1[bucket] })
      }
      var next = Array(bounds.dropLast())
      self.parts = []
      for (index, part) in parts.enumerated() {
        self.parts.append(Part(stretch: part.stretch, range: part.range, cursors: next))
        for bucket in 0..<Self.buckets { next[bucket] += histograms[index][bucket] }
      }
    }

    /// `arrays` (one per stretch) scattered into one array of `total`, by the top byte of their
    /// rows' `keys`, each part on its own thread.
    func scatter<T>(_ total: Int, _ arrays: [[T]], by stretchKeys: [[UInt64]]) -> [T] {
      [T].large(count: total) { output in
        let target = Unchecked(output)
        _ = onThreads(parts.count) { index in
          let part = parts[index]
          var cursors = part.cursors
          arrays[part.stretch].withUnsafeBufferPointer { values in
            stretchKeys[part.stretch].withUnsafeBufferPointer { keys in
              cursors.withUnsafeMutableBufferPointer { cursors in
                for row in part.range {
                  let bucket = Int(keys[row] >> Self.shift)
                  (target.value + cursors[bucket]).initialize(to: values[row])
                  cursors[bucket] += 1
                }
              }
            }
          }
        }
      }
    }
  }

  /// Bucket bookkeeping reused across the recursion: one start and one cursor array per
  /// depth, allocated once, so the millions of small buckets allocate nothing.
  private struct InPlaceSorter<Score: BitwiseCopyable> {
    /// Rides along with `payload` when rows carry scores (codes or doubles); indexed like the
    /// keys.
    var scores: UnsafeMutablePointer<Score>?
    package init(scores: UnsafeMutablePointer<Score>?) { self.scores = scores }
    private var starts: [UnsafeMutablePointer<Int>] = []
    private var cursors: [UnsafeMutablePointer<Int>] = []

    /// Sorts each range between consecutive `bounds` on the keys' bits below the first level's
    /// (those are equal within a range).
    static func sortRanges(
      _ keys: UnsafeMutablePointer<UInt64>, _ payload: UnsafeMutablePointer<UInt16>,
      _ scores: UnsafeMutablePointer<Score>?, bounds: [Int]
    ) {
      var sorter = InPlaceSorter(scores: scores)
      let largest = zip(bounds, bounds.dropFirst()).map { $1 - $0 }.max() ?? 0
      var scratch = Scratch(capacity: min(largest, Scratch.maxRows), scores: scores != nil)
      for (lower, upper) in zip(bounds, bounds.dropFirst()) where upper - lower > 1 {
        let count = upper - lower
        if count <= Scratch.maxRows {
          sorter.sortThroughScratch(
            keys + lower, payload + lower, count: count, bits: Int(FirstLevel.shift),
            offset: lower, scratch: &scratch)
        } else {
          sorter.sort(
            keys + lower, payload + lower, count: count, bits: Int(FirstLevel.shift),
            depth: 1, offset: lower)
        }
      }
      scratch.release()
      sorter.release()
    }

    /// Room for one bucket's rows beside the arrays: a bucket that fits the second-level cache
    /// is split by one stable scatter into it and back, not by chains of dependent swaps.
    struct Scratch {
      static var maxRows: Int { 1 << 16 }
      /// Up to 2,048 digits: a scatter's cursors are read in order, so more of them cost little.
      static var maxDigitBits: Int { 11 }
      let keys: UnsafeMutablePointer<UInt64>
      let payload: UnsafeMutablePointer<UInt16>
      let scores: UnsafeMutablePointer<Score>?
      let starts = UnsafeMutablePointer<Int>.allocate(capacity: (1 << Scratch.maxDigitBits) + 1)

      init(capacity: Int, scores: Bool) {
        keys = .allocate(capacity: capacity)
        payload = .allocate(capacity: capacity)
        self.scores = scores ? .allocate(capacity: capacity) : nil
      }

      func release() {
        keys.deallocate()
        payload.deallocate()
        scores?.deallocate()
        starts.deallocate()
      }
    }

    /// Sorts `count` rows (at most `Scratch.maxRows`) on their lower `bits`: one stable scatter
    /// by the next digit into `scratch`, copied back, then each digit's rows sorted (by
    /// insertion where there are a few, as they are with ids' hashes).
    mutating func sortThroughScratch(
      _ keys: UnsafeMutablePointer<UInt64>, _ payload: UnsafeMutablePointer<UInt16>, count: Int,
      bits: Int, offset: Int, scratch: inout Scratch
    ) {
      let scores = self.scores.map { $0 + offset }
      if count <= 32 {
        Self.insertionSort(keys, payload, scores, count: count)
        return
      }
      let radix = min(bits, Self.digitBits(count, atMost: Scratch.maxDigitBits))
      let buckets = 1 << radix
      let mask = UInt64(buckets - 1)
      let shift = UInt64(bits - radix)
      let start = scratch.starts
      start.initialize(repeating: 0, count: buckets + 1)
      for index in 0..<count { start[Int((keys[index] >> shift) & mask) + 1] += 1 }
      for bucket in 0..<buckets { start[bucket + 1] += start[bucket] }
      // `start[b]` walks to bucket b's end while rows are placed; b's start is then `start[b-1]`.
      for index in 0..<count {
        let bucket = Int((keys[index] >> shift) & mask)
        let slot = start[bucket]
        start[bucket] = slot + 1
        scratch.keys[slot] = keys[index]
        scratch.payload[slot] = payload[index]
        if let scores { scratch.scores![slot] = scores[index] }
      }
      keys.update(from: scratch.keys, count: count)
      payload.update(from: scratch.payload, count: count)
      if let scores { scores.update(from: scratch.scores!, count: count) }
      guard shift > 0 else { return }
      var lower = 0
      for bucket in 0..<buckets {
        let upper = start[bucket]
        let size = upper - lower
        if size > 32 {
          sort(
            keys + lower, payload + lower, count: size, bits: Int(shift), depth: 2,
            offset: offset + lower)
        } else if size > 1 {
          Self.insertionSort(keys + lower, payload + lower, scores.map { $0 + lower }, count: size)
        }
        lower = upper
      }
    }

    mutating func release() {
      for start in starts { start.deallocate() }
      for cursor in cursors { cursor.deallocate() }
    }

    mutating func sort(
      _ keys: UnsafeMutablePointer<UInt64>, _ payload: UnsafeMutablePointer<UInt16>, count: Int,
      bits: Int, depth: Int, offset: Int
    ) {
      guard bits > 0, count > 1 else { return }
      let scores = self.scores.map { $0 + offset }
      if count <= 32 {
        Self.insertionSort(keys, payload, scores, count: count)
        return
      }
      let radix = min(bits, Self.digitBits(count))
      let buckets = 1 << radix
      let mask = UInt64(buckets - 1)
      let shift = UInt64(bits - radix)
      while starts.count <= depth {
        starts.append(.allocate(capacity: (1 << Self.maxDigitBits) + 1))
        cursors.append(.allocate(capacity: 1 << Self.maxDigitBits))
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
          var score = scores?[cursor[bucket]]
          var target = Int((key >> shift) & mask)
          // Follow the cycle: drop each element into its bucket, pick up what was there.
          while target != bucket {
            let slot = cursor[target]
            cursor[target] = slot + 1
            swap(&key, &keys[slot])
            swap(&value, &payload[slot])
            if let scores { swap(&score!, &scores[slot]) }
            target = Int((key >> shift) & mask)
          }
          keys[cursor[bucket]] = key
          payload[cursor[bucket]] = value
          if let score { scores![cursor[bucket]] = score }
          cursor[bucket] += 1
        }
      }
      guard shift > 0 else { return }
      for bucket in 0..<buckets {
        let lower = start[bucket]
        let size = start[bucket + 1] - lower
        if size > 1 {
          sort(
            keys + lower, payload + lower, count: size, bits: Int(shift), depth: depth + 1,
            offset: offset + lower)
        }
      }
    }

    static var maxDigitBits: Int { 8 }

    /// A digit that leaves buckets of about 16 rows (ids are hashes, spread evenly): then the
    /// next level is an insertion sort, not another pass over mostly empty buckets. At most
    /// 2,048 buckets, whose cursors stay in the first-level cache.
    @inline(__always)
    static func digitBits(_ count: Int, atMost limit: Int = maxDigitBits) -> Int {
      min(limit, max(1, Int.bitWidth - (count / 16).leadingZeroBitCount))
    }

    /// Stable. (The in-place levels are not: rows with equal keys, which only a hash collision
    /// gives, since a repeated id is refused, end in an order of their own, but the same one
    /// however the rows were read, as each level's input is.)
    static func insertionSort(
      _ keys: UnsafeMutablePointer<UInt64>?, _ payload: UnsafeMutablePointer<UInt16>?,
      _ scores: UnsafeMutablePointer<Score>?, count: Int
    ) {
      guard count > 1, let keys, let payload else { return }
      for index in 1..<count {
        let key = keys[index]
        let value = payload[index]
        let score = scores?[index]
        var hole = index
        while hole > 0 && keys[hole - 1] > key {
          keys[hole] = keys[hole - 1]
          payload[hole] = payload[hole - 1]
          scores?[hole] = scores![hole - 1]
          hole -= 1
        }
        keys[hole] = key
        payload[hole] = value
        if let score { scores![hole] = score }
      }
    }
  }

}
