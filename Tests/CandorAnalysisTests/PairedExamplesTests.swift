import CandorTestSupport
import XCTest

@testable import CandorAnalysis
@testable import CandorModel

/// The shared examples of two weeks, tallied by their classes in each week: counted in a flat
/// array for up to 16 classes, in a dictionary beyond; the cells are the same either way.
final class PairedExamplesTests: XCTestCase {
  func set(_ labels: [UInt16], _ predictions: [UInt16], ids: Range<Int>) -> EvaluationSet {
    EvaluationSet(
      setID: "s", file: "f", source: .predictions, matrix: [], segments: [],
      keyed: KeyedExamples(
        idHashes: ids.map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }, labels: labels,
        predictions: predictions))
  }

  func testCellsAreEveryPairsClassesInKeyOrder() throws {
    for k in [2, 16, 17] {
      var random = SeededRandom(seed: UInt64(k))
      let rows = 3_000
      let draw = { (random: inout SeededRandom) in
        (0..<rows).map { _ in UInt16.random(in: 0..<UInt16(k), using: &random) }
      }
      let (lb, pb, la, pa) = (draw(&random), draw(&random), draw(&random), draw(&random))
      let classes = (0..<k).map { "c\($0)" }
      // The second week drops the first 100 ids and adds 100 others: 2,900 shared (96.7%).
      let paired = try XCTUnwrap(
        PairedExamples(
          before: set(lb, pb, ids: 0..<rows), beforeClasses: classes,
          after: set(la, pa, ids: 100..<(rows + 100)), afterClasses: classes, positiveName: nil))
      var expected: [[Int]: Int] = [:]
      for id in 100..<rows {
        expected[[Int(lb[id]), Int(pb[id]), Int(la[id - 100]), Int(pa[id - 100])], default: 0] += 1
      }
      let cells = paired.cells.map {
        ([$0.before.label, $0.before.prediction, $0.after.label, $0.after.prediction], $0.count)
      }
      XCTAssertEqual(paired.total, rows - 100, "\(k) classes")
      XCTAssertEqual(cells.map(\.0), expected.keys.sorted { $0.lexicographicallyPrecedes($1) })
      XCTAssertEqual(cells.map(\.1), cells.map { expected[$0.0]! }, "\(k) classes")
    }
  }
}
