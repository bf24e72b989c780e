import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorWorkspace

/// A segment's posterior draws touch only the cells its prior and counts fill (issue 17); the
/// numbers must be the same to the bit as drawing every cell.
final class SparsePosteriorTests: XCTestCase {
  func testSparseDrawsAndMetricsEqualTheFullOnesBitForBit() {
    var random = RandomSource(seed: 7)
    for size in [2, 5, 17, 40] {
      var cells = [Int](repeating: 0, count: size * size)
      for _ in 0..<(size * 2) {
        cells[Int(random.next() % UInt64(size * size))] += Int(random.next() % 9)
      }
      let counts = ConfusionCounts(size: size, cells: cells)
      let alphas = SmoothingPrior.alphas(counts)
      let filled = alphas.indices.filter { alphas[$0] > 0 }
      if size > Limits.fullPriorClasses {
        XCTAssertLessThan(filled.count, size * size / 2, "the prior is sparse beyond 16 classes")
      }
      var dense = counts
      var sparse = counts
      var scratch = [Double](repeating: 0, count: alphas.count)
      var a = RandomSource(seed: 11)
      var b = RandomSource(seed: 11)
      let classes = (0..<size).map { "c\($0)" }
      for _ in 0..<50 {
        Dirichlet.draw(alphas, into: &dense.cells, scratch: &scratch, using: &a)
        Dirichlet.draw(alphas, over: filled, into: &sparse.cells, scratch: &scratch, using: &b)
        XCTAssertEqual(dense.cells, sparse.cells)
        let full = CountMetrics(counts: dense, classes: classes, positive: nil)
        let few = CountMetrics(counts: sparse, classes: classes, positive: nil, filled: filled)
        for metric in MetricName.multiclass where !metric.isRanking {
          XCTAssertEqual(
            full.value(metric).number?.bitPattern, few.value(metric).number?.bitPattern,
            "\(metric) on \(size) classes")
        }
      }
    }
  }
}
