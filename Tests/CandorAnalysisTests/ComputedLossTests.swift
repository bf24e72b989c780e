import CandorKernels
import CandorTestSupport
import XCTest

@testable import CandorAnalysis

/// A binary task's Brier scores and log losses are computed from its scores where they are
/// read, not stored (ten million examples' were 160 MB a week), and a paired change streams
/// the shared examples' differences. The results must be the stored arrays', bit for bit.
final class ComputedLossTests: XCTestCase {
  struct Week {
    var hashes: [UInt64]
    var scores: [Double]
    var cells: [UInt16]
  }

  /// `rows` examples in hash order, scores as exports write them or not, 10% positive.
  func week(_ rows: Int, seed: UInt64, sixDecimals: Bool) -> Week {
    var random = SeededRandom(seed: seed)
    let hashes = (0..<rows).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }.sorted()
    let scores = (0..<rows).map { _ in
      sixDecimals
        ? Double(Int.random(in: 0...1_000_000, using: &random)) / 1e6
        : Double.random(in: 0...1, using: &random)
    }
    let cells = (0..<rows).map { _ in
      UInt16(Int.random(in: 0..<10, using: &random) == 0 ? 1 : 0) << 8
    }
    return Week(hashes: hashes, scores: scores, cells: cells)
  }

  func stored(_ week: Week, _ loss: ExampleValues.BinaryLoss) -> [Double] {
    zip(week.scores, week.cells).map { loss($0, positive: $1 >> 8 == 1) }
  }

  func computed(_ week: Week, _ loss: ExampleValues.BinaryLoss) -> ExampleValues.Values {
    .init(.keyed(loss, scores: ScoreColumn(week.scores), cells: week.cells, positive: 1))
  }

  func testComputedLossesAreTheStoredOnesBitForBit() {
    for sixDecimals in [true, false] {
      let w = week(5_000, seed: 1, sixDecimals: sixDecimals)
      for loss in [ExampleValues.BinaryLoss.brier, .logLoss] {
        XCTAssertEqual(
          computed(w, loss).map(\.bitPattern), stored(w, loss).map(\.bitPattern),
          "\(loss), six decimals: \(sixDecimals)")
        // Split by class: the positives' values, then the negatives'.
        let positives = zip(w.scores, w.cells).filter { $0.1 >> 8 == 1 }.map(\.0)
        let negatives = zip(w.scores, w.cells).filter { $0.1 >> 8 == 0 }.map(\.0)
        let split = ExampleValues.Values(.split(loss, positives: positives, negatives: negatives))
        XCTAssertEqual(
          split.map(\.bitPattern),
          (positives.map { loss($0, positive: true) } + negatives.map { loss($0, positive: false) })
            .map(\.bitPattern))
      }
    }
  }

  func testAPairedChangeOfComputedLossesIsTheStoredOnesBitForBit() throws {
    let before = week(6_000, seed: 2, sixDecimals: true)
    var after = week(6_000, seed: 3, sixDecimals: true)
    after.cells = before.cells
    for loss in [ExampleValues.BinaryLoss.brier, .logLoss] {
      let lazy = (
        ExampleValues(values: computed(before, loss), idHashes: before.hashes, chanceSpread: 0.25),
        ExampleValues(values: computed(after, loss), idHashes: after.hashes, chanceSpread: 0.25)
      )
      let kept = (
        ExampleValues(values: stored(before, loss), idHashes: before.hashes, chanceSpread: 0.25),
        ExampleValues(values: stored(after, loss), idHashes: after.hashes, chanceSpread: 0.25)
      )
      XCTAssertEqual(lazy.0.mean.bitPattern, kept.0.mean.bitPattern)
      let delta = lazy.1.mean - lazy.0.mean
      let a = try XCTUnwrap(ExampleChanges.compare(before: lazy.0, after: lazy.1, delta: delta))
      let b = try XCTUnwrap(ExampleChanges.compare(before: kept.0, after: kept.1, delta: delta))
      XCTAssertEqual(a.0.p.bitPattern, b.0.p.bitPattern, "\(loss)")
      XCTAssertEqual(a.0.ci.lowerBound.bitPattern, b.0.ci.lowerBound.bitPattern, "\(loss)")
      XCTAssertEqual(a.0.ci.upperBound.bitPattern, b.0.ci.upperBound.bitPattern, "\(loss)")
      XCTAssertEqual(a.1, .pairedNormal)
      XCTAssertEqual(a.2, 6_000)
    }
  }

  /// Class scores keep the file's order: their hashes are put in order for the merge, and the
  /// differences come out as for the same examples in hash order.
  func testDifferencesAreInHashOrderWhateverTheRowOrder() throws {
    let before = week(300, seed: 4, sixDecimals: false)
    let after = week(300, seed: 5, sixDecimals: false)
    let inOrder = try XCTUnwrap(
      ExampleChanges.PairedDifferences(
        ExampleValues(values: before.scores, idHashes: before.hashes, chanceSpread: 0.5),
        ExampleValues(values: after.scores, idHashes: after.hashes, chanceSpread: 0.5)))
    let shuffled = Array(zip(after.hashes, after.scores).reversed())
    let outOfOrder = try XCTUnwrap(
      ExampleChanges.PairedDifferences(
        ExampleValues(values: before.scores, idHashes: before.hashes, chanceSpread: 0.5),
        ExampleValues(
          values: shuffled.map(\.1), idHashes: shuffled.map(\.0), chanceSpread: 0.5)))
    XCTAssertEqual(Array(outOfOrder).map(\.bitPattern), Array(inOrder).map(\.bitPattern))
    XCTAssertEqual(outOfOrder.sum.bitPattern, inOrder.sum.bitPattern)
    XCTAssertEqual(inOrder.count, 300)
    XCTAssertEqual(
      Array(inOrder).map(\.bitPattern),
      zip(after.scores, before.scores).map { $0 - $1 }.map(\.bitPattern))
    // Fewer than 90% shared: no paired differences.
    XCTAssertNil(
      ExampleChanges.PairedDifferences(
        ExampleValues(values: before.scores, idHashes: before.hashes, chanceSpread: 0.5),
        ExampleValues(
          values: Array(after.scores.prefix(200)), idHashes: Array(after.hashes.prefix(200)),
          chanceSpread: 0.5)))
  }
}
