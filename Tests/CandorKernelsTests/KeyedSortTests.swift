import CandorTestSupport
import XCTest

@testable import CandorKernels

/// The id sort takes a file's rows as the stretches they were read in (one core's read is one
/// stretch, two cores' two). Whatever the split, the result is the same arrays bit for bit,
/// equal keys included, and every row keeps its payload and score.
final class KeyedSortTests: XCTestCase {
  struct Row: Hashable {
    var key: UInt64
    var payload: UInt16
    var score: UInt64
  }

  func rows(_ count: Int, distinctKeys: Int, seed: UInt64) -> [Row] {
    var random = SeededRandom(seed: seed)
    let keys = (0..<distinctKeys).map { _ in random.next() }
    return (0..<count).map { _ in
      Row(
        key: keys[Int.random(in: 0..<distinctKeys, using: &random)],
        payload: UInt16.random(in: 0...UInt16.max, using: &random),
        score: Double(Int.random(in: 0...1_000_000, using: &random)).bitPattern)
    }
  }

  /// How scores ride along: none, as doubles (a score is its bit pattern) or as 32-bit codes
  /// (a score is its code; rows' scores must fit).
  enum Scores { case none, doubles, codes }

  /// The rows sorted from stretches cut at `cuts` (offsets into `rows`).
  func sorted(_ rows: [Row], cuts: [Int], scores: Scores = .doubles) -> [Row] {
    let bounds = [0] + cuts + [rows.count]
    var stretches = zip(bounds, bounds.dropFirst()).map { lower, upper in
      let part = rows[lower..<upper]
      return RadixSort.KeyedRows(
        keys: part.map(\.key), payload: part.map(\.payload),
        scores: scores == .none
          ? nil
          : scores == .codes
            ? .decimal(part.map { UInt32($0.score) })
            : .values(part.map { Double(bitPattern: $0.score) }))
    }
    let sorted = RadixSort.sort(&stretches)
    XCTAssertTrue(stretches.allSatisfy { $0.keys.isEmpty && $0.payload.isEmpty })
    return sorted.keys.indices.map { index in
      var score: UInt64 = 0
      switch sorted.scores {
      case .decimal(let codes): score = UInt64(codes[index])
      case .values(let values): score = values[index].bitPattern
      case nil: break
      }
      return Row(key: sorted.keys[index], payload: sorted.payload[index], score: score)
    }
  }

  /// The same for the same rows in any order (a sum of each row's mixed bits), and different
  /// as soon as a payload or a score leaves its key.
  func fingerprint(_ rows: [Row]) -> UInt64 {
    rows.reduce(0) { sum, row in
      var mixed = row.key &* 0x9E37_79B9_7F4A_7C15
      mixed = (mixed ^ UInt64(row.payload)) &* 0xC2B2_AE3D_27D4_EB4F
      mixed = (mixed ^ row.score) &* 0xBF58_476D_1CE4_E5B9
      return sum &+ (mixed ^ (mixed >> 31))
    }
  }

  /// Equal, or a failure naming the first row that differs (not a dump of a million rows).
  func assertSame(
    _ a: [Row], _ b: [Row], _ what: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    XCTAssertEqual(a.count, b.count, what, file: file, line: line)
    if let index = (0..<min(a.count, b.count)).first(where: { a[$0] != b[$0] }) {
      XCTFail("\(what): row \(index) is \(a[index]), not \(b[index])", file: file, line: line)
    }
  }

  func assertSortedWhateverTheSplit(
    _ rows: [Row], file: StaticString = #filePath, line: UInt = #line
  ) {
    let whole = sorted(rows, cuts: [])
    XCTAssertTrue(
      zip(whole, whole.dropFirst()).allSatisfy { $0.key <= $1.key }, "keys ascending", file: file,
      line: line)
    XCTAssertEqual(
      whole.count, rows.count, "as many rows", file: file, line: line)
    XCTAssertEqual(
      fingerprint(whole), fingerprint(rows), "each row kept whole", file: file, line: line)
    // (A single large stretch is itself scattered in two halves: an uneven cut differs from it.)
    let cutsToTry =
      rows.count > 100_000
      ? [[rows.count / 3]] : [[rows.count / 2], [rows.count / 3 + 1], [0], [1, rows.count - 1]]
    for cuts in cutsToTry
    where cuts.allSatisfy({ (0...rows.count).contains($0) }) && cuts == cuts.sorted() {
      assertSame(sorted(rows, cuts: cuts), whole, "cut at \(cuts)", file: file, line: line)
    }
    // Scores kept as codes ride along the same way.
    let coded = rows.map { Row(key: $0.key, payload: $0.payload, score: $0.score & 0xFFFF_FFFF) }
    let codedWhole = sorted(coded, cuts: [], scores: .codes)
    XCTAssertEqual(
      codedWhole.map(\.key), whole.map(\.key), "codes: the same order", file: file, line: line)
    XCTAssertEqual(
      fingerprint(codedWhole), fingerprint(coded), "codes: each row kept whole", file: file,
      line: line)
    if rows.count > 1 {
      assertSame(
        sorted(coded, cuts: [rows.count / 2], scores: .codes), codedWhole, "codes, cut in two",
        file: file, line: line)
    }
    let withoutScores = sorted(rows, cuts: [rows.count / 2], scores: .none)
    XCTAssertTrue(
      withoutScores.map(\.key) == whole.map(\.key)
        && withoutScores.map(\.payload) == whole.map(\.payload),
      "the same order without scores", file: file, line: line)
  }

  /// One stretch kept its scores as codes, the next met a score without one and kept doubles
  /// (the two cores' reads of one file): every score rides along as the double it reads as.
  func testStretchesOfCodesAndOfDoublesSortAsDoubles() {
    for count in [20, 5_000, RadixSort.parallelFrom + 11] {
      let base = rows(count, distinctKeys: count, seed: UInt64(count))
      let cut = count / 3
      let codes = base[..<cut].map { UInt32($0.score & 0xF_FFFF) }
      let doubles = base[cut...].map { Double(bitPattern: $0.score) }
      var stretches = [
        RadixSort.KeyedRows(
          keys: base[..<cut].map(\.key), payload: base[..<cut].map(\.payload),
          scores: .decimal(codes)),
        RadixSort.KeyedRows(
          keys: base[cut...].map(\.key), payload: base[cut...].map(\.payload),
          scores: .values(doubles)),
      ]
      let mixed = RadixSort.sort(&stretches)
      guard case .values(let values) = mixed.scores else { return XCTFail("not doubles") }
      let asDoubles = zip(base.indices, base).map { index, row in
        Row(
          key: row.key, payload: row.payload,
          score: index < cut
            ? (Double(codes[index]) / 1e6).bitPattern : row.score)
      }
      assertSame(
        zip(mixed.keys.indices, values).map { index, value in
          Row(key: mixed.keys[index], payload: mixed.payload[index], score: value.bitPattern)
        }, sorted(asDoubles, cuts: [cut]), "\(count) rows")
    }
  }

  func testSmallMediumAndLargeSortsAgreeHoweverTheRowsAreSplit() {
    // 20 rows: one insertion sort; 5,000: the scatter and small buckets; past `parallelFrom`:
    // both cores, buckets through the scratch buffer.
    for (count, seed) in [(20, 1), (5_000, 2), (RadixSort.parallelFrom + 3_001, 3)] {
      assertSortedWhateverTheSplit(rows(count, distinctKeys: count, seed: UInt64(seed)))
    }
  }

  func testEdgeSizes() {
    for count in [0, 1, 2, 32, 33, 34] {
      assertSortedWhateverTheSplit(rows(count, distinctKeys: max(count, 1), seed: UInt64(count)))
    }
  }

  func testABucketTooLargeForTheScratchBufferIsSortedInPlace() {
    // 70,000 distinct keys sharing their top 10 bits: one first-level bucket, over the 65,536
    // rows the scratch buffer takes, so the in-place levels do the permuting.
    var keyed = rows(70_000, distinctKeys: 70_000, seed: 6)
    for index in keyed.indices { keyed[index].key >>= 10 }
    assertSortedWhateverTheSplit(keyed)
  }

  func testRepeatedKeysKeepTheSameOrderHoweverTheRowsAreSplit() {
    // Few distinct keys (duplicate ids, or colliding hashes): buckets far larger than the
    // scratch buffer, sorted in place, and runs of equal keys whose payloads differ.
    assertSortedWhateverTheSplit(rows(300_000, distinctKeys: 3, seed: 4))
    assertSortedWhateverTheSplit(rows(200_000, distinctKeys: 5_000, seed: 5))
  }
}
