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

  /// The paired test as it was before the differences were streamed: stored, then summed.
  func storedPaired(
    _ before: [Double], _ beforeIDs: [UInt64], _ after: [Double], _ afterIDs: [UInt64]
  )
    -> (statistic: Double, se: Double, count: Int)
  {
    var differences: [Double] = []
    var (i, j) = (0, 0)
    while i < beforeIDs.count && j < afterIDs.count {
      if beforeIDs[i] < afterIDs[j] {
        i += 1
      } else if afterIDs[j] < beforeIDs[i] {
        j += 1
      } else {
        differences.append(after[j] - before[i])
        (i, j) = (i + 1, j + 1)
      }
    }
    return (
      differences.reduce(0, +) / Double(differences.count),
      ExampleValues.standardError(differences, chanceSpread: 0.25), differences.count
    )
  }

  func testAPairedChangeOfComputedLossesIsTheStoredOnesBitForBit() throws {
    let before = week(6_000, seed: 2, sixDecimals: true)
    var after = week(6_000, seed: 3, sixDecimals: true)
    after.cells = before.cells
    // The second week shares 5,800 of its examples with the first.
    after.hashes = Array(before.hashes[200...]) + (0..<200).map { 0xFFFF_0000 + UInt64($0) }
    for loss in [ExampleValues.BinaryLoss.brier, .logLoss] {
      let lazy = (
        ExampleValues(values: computed(before, loss), idHashes: before.hashes, chanceSpread: 0.25),
        ExampleValues(values: computed(after, loss), idHashes: after.hashes, chanceSpread: 0.25)
      )
      XCTAssertEqual(
        lazy.0.mean.bitPattern,
        (stored(before, loss).reduce(0, +) / Double(before.scores.count)).bitPattern)
      let delta = lazy.1.mean - lazy.0.mean
      let (test, name, paired) = try XCTUnwrap(
        ExampleChanges.compare(before: lazy.0, after: lazy.1, delta: delta))
      let reference = storedPaired(
        stored(before, loss), before.hashes, stored(after, loss), after.hashes)
      XCTAssertEqual(paired, reference.count)
      XCTAssertEqual(name, .pairedNormal)
      XCTAssertEqual(
        test.p.bitPattern, Normal.twoSidedP(reference.statistic / reference.se).bitPattern)
      XCTAssertEqual(
        test.ci.lowerBound.bitPattern, max(-1, delta - Normal.z95 * reference.se).bitPattern)
      XCTAssertEqual(
        test.ci.upperBound.bitPattern, min(1, delta + Normal.z95 * reference.se).bitPattern)
    }
  }

  /// Without ids (Welch's test): the computed losses, kept by row or split by class, give the
  /// stored ones' test bit for bit.
  func testAnUnpairedChangeOfComputedLossesIsTheStoredOnesBitForBit() throws {
    let before = week(5_000, seed: 6, sixDecimals: false)
    let after = week(5_500, seed: 7, sixDecimals: true)
    for loss in [ExampleValues.BinaryLoss.brier, .logLoss] {
      let kept = try XCTUnwrap(
        ExampleChanges.compare(
          before: ExampleValues(values: stored(before, loss), idHashes: nil, chanceSpread: 0.25),
          after: ExampleValues(values: stored(after, loss), idHashes: nil, chanceSpread: 0.25),
          delta: 0.01))
      let split = { (w: Week) in
        ExampleValues.Values(
          .split(
            loss, positives: zip(w.scores, w.cells).filter { $0.1 >> 8 == 1 }.map(\.0),
            negatives: zip(w.scores, w.cells).filter { $0.1 >> 8 == 0 }.map(\.0)))
      }
      // By row: the same values in the same order, so the same test bit for bit. Split by
      // class: the same values in another order, whose sums may differ in the last bits.
      for (b, a, tolerance) in [
        (computed(before, loss), computed(after, loss), 0.0), (split(before), split(after), 1e-12),
      ] {
        let lazy = try XCTUnwrap(
          ExampleChanges.compare(
            before: ExampleValues(values: b, idHashes: nil, chanceSpread: 0.25),
            after: ExampleValues(values: a, idHashes: nil, chanceSpread: 0.25), delta: 0.01))
        XCTAssertEqual(lazy.1, .welch)
        XCTAssertEqual(lazy.0.p, kept.0.p, accuracy: tolerance, "\(loss)")
        XCTAssertEqual(lazy.0.ci.lowerBound, kept.0.ci.lowerBound, accuracy: tolerance)
        XCTAssertEqual(lazy.0.ci.upperBound, kept.0.ci.upperBound, accuracy: tolerance)
      }
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
    // The orders computed once for every metric of a set give the same differences; an order
    // computed for another array is not used.
    let beforeValues = ExampleValues(
      values: before.scores, idHashes: before.hashes, chanceSpread: 0.5)
    let afterValues = ExampleValues(
      values: shuffled.map(\.1), idHashes: shuffled.map(\.0), chanceSpread: 0.5)
    let shared = (
      before: HashOrder(beforeValues.idHashes!), after: HashOrder(afterValues.idHashes!)
    )
    XCTAssertNil(shared.before.rows)
    XCTAssertNotNil(shared.after.rows)
    let reused = try XCTUnwrap(
      ExampleChanges.PairedDifferences(beforeValues, afterValues, orders: shared))
    XCTAssertEqual(Array(reused).map(\.bitPattern), Array(inOrder).map(\.bitPattern))
    let foreign = (before: shared.before, after: HashOrder(Array(shuffled.map(\.0).reversed())))
    XCTAssertFalse(foreign.after.describes(afterValues.idHashes!))
    let notReused = try XCTUnwrap(
      ExampleChanges.PairedDifferences(beforeValues, afterValues, orders: foreign))
    XCTAssertEqual(Array(notReused).map(\.bitPattern), Array(inOrder).map(\.bitPattern))
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
