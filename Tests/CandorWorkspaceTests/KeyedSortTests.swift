import CandorTestSupport
import XCTest

@testable import CandorIngest
@testable import CandorKernels
@testable import CandorModel
@testable import CandorWorkspace

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

  /// The rows sorted from stretches cut at `cuts` (offsets into `rows`).
  func sorted(_ rows: [Row], cuts: [Int], scores: Bool = true) -> [Row] {
    let bounds = [0] + cuts + [rows.count]
    var stretches = zip(bounds, bounds.dropFirst()).map { lower, upper in
      RadixSort.KeyedRows(
        keys: rows[lower..<upper].map(\.key), payload: rows[lower..<upper].map(\.payload),
        scores: scores ? rows[lower..<upper].map { Double(bitPattern: $0.score) } : nil)
    }
    let sorted = RadixSort.sort(&stretches)
    XCTAssertTrue(stretches.allSatisfy { $0.keys.isEmpty && $0.payload.isEmpty })
    return sorted.keys.indices.map { index in
      Row(
        key: sorted.keys[index], payload: sorted.payload[index],
        score: sorted.scores?[index].bitPattern ?? 0)
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
    let withoutScores = sorted(rows, cuts: [rows.count / 2], scores: false)
    XCTAssertTrue(
      withoutScores.map(\.key) == whole.map(\.key)
        && withoutScores.map(\.payload) == whole.map(\.payload),
      "the same order without scores", file: file, line: line)
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

/// A file with ids keeps its scores once, in id order; `ScoreSplit` splits them by class and
/// sorts each class, by counting where every score is a six-decimal one, else by radix. Either
/// way: the arrays splitting first and sorting each class gives, bit for bit.
final class ScoreSplitTests: XCTestCase {
  /// What the scores were before `ScoreSplit`: split by class, then each sorted on its own.
  func reference(_ scores: [Double], _ cells: [UInt16], positive: Int) -> ([UInt64], [UInt64]) {
    let expected = ScoredExamples(
      positives: zip(scores, cells).filter { Int($0.1 >> 8) == positive }.map(\.0),
      negatives: zip(scores, cells).filter { Int($0.1 >> 8) != positive }.map(\.0))
    return (expected.positives.map(\.bitPattern), expected.negatives.map(\.bitPattern))
  }

  func assertSplit(
    _ scores: [Double], _ cells: [UInt16], positive: Int = 1, file: StaticString = #filePath,
    line: UInt = #line
  ) {
    let positives = cells.filter { Int($0 >> 8) == positive }.count
    let split = ScoreSplit.sorted(
      scores: scores, cells: cells, positive: positive, positives: positives)
    let (expectedPositives, expectedNegatives) = reference(scores, cells, positive: positive)
    XCTAssertEqual(split.positives.map(\.bitPattern), expectedPositives, file: file, line: line)
    XCTAssertEqual(split.negatives.map(\.bitPattern), expectedNegatives, file: file, line: line)
  }

  func data(_ count: Int, seed: UInt64, score: (inout SeededRandom) -> Double) -> (
    [Double], [UInt16]
  ) {
    var random = SeededRandom(seed: seed)
    var scores: [Double] = []
    var cells: [UInt16] = []
    for _ in 0..<count {
      scores.append(score(&random))
      let label = UInt16(Int.random(in: 0..<100, using: &random) < 3 ? 1 : 0)
      cells.append(label << 8 | UInt16.random(in: 0...1, using: &random))
    }
    return (scores, cells)
  }

  func testSixDecimalScoresAreCountedOnOneCoreAndOnTwo() {
    for count in [1, 40, 70_000, RadixSort.parallelFrom + 77] {
      let (scores, cells) = data(count, seed: UInt64(count)) { random in
        Double(Int.random(in: -20_000...1_000_000, using: &random)) / 1e6
      }
      assertSplit(scores, cells)
    }
  }

  func testOtherScoresAreSplitThenSorted() {
    let (scores, cells) = data(RadixSort.parallelFrom + 5, seed: 9) { random in
      Double.random(in: -3...3, using: &random)
    }
    assertSplit(scores, cells)
    // One score that is not a six-decimal one sends the whole file down the other road.
    var mixed = data(100_000, seed: 10) { Double(Int.random(in: 0...1000, using: &$0)) / 1000 }
    mixed.0[77_777] = -0.0
    mixed.0[5] = 0.0
    assertSplit(mixed.0, mixed.1)
    mixed.0[77_777] = 0.1234567
    assertSplit(mixed.0, mixed.1)
  }

  func testOneClassOnly() {
    for count in [5_000, 70_000] {
      let scores = (0..<count).map { Double($0 % 1000) / 1000 }
      assertSplit(scores, [UInt16](repeating: 1 << 8, count: scores.count))
      assertSplit(scores, [UInt16](repeating: 0, count: scores.count))
    }
  }

  func testScoresTooWidelySpreadToCountAndAnInexactOneInEitherHalf() {
    // Six decimals, but from 0 to 3: three million counters, over the two million kept.
    let wide = data(80_000, seed: 11) { Double(Int.random(in: 0...3_000_000, using: &$0)) / 1e6 }
    assertSplit(wide.0, wide.1)
    // On two cores each half is checked on its own: one inexact score in either half.
    var halves = data(RadixSort.parallelFrom + 10, seed: 12) {
      Double(Int.random(in: 0...1_000_000, using: &$0)) / 1e6
    }
    for index in [3, RadixSort.parallelFrom - 1] {
      let kept = halves.0[index]
      halves.0[index] = 0.1234567
      assertSplit(halves.0, halves.1)
      halves.0[index] = kept
    }
  }
}
