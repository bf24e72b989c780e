import CandorTestSupport
import XCTest

@testable import CandorIngest
@testable import CandorKernels
@testable import CandorModel

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
    let (expectedPositives, expectedNegatives) = reference(scores, cells, positive: positive)
    // As the reader keeps them (codes where every score has one) and as doubles.
    for column in [ScoreColumn(scores), .values(scores)] {
      let split = ScoreSplit.sorted(
        scores: column, cells: cells, positive: positive, positives: positives)
      XCTAssertEqual(split.positives.map(\.bitPattern), expectedPositives, file: file, line: line)
      XCTAssertEqual(split.negatives.map(\.bitPattern), expectedNegatives, file: file, line: line)
    }
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
      // Some below 0 (kept as doubles, still counted), and all within [0, 1] (kept as codes).
      for lowest in [-20_000, 0] {
        let (scores, cells) = data(count, seed: UInt64(count)) { random in
          Double(Int.random(in: lowest...1_000_000, using: &random)) / 1e6
        }
        assertSplit(scores, cells)
      }
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
