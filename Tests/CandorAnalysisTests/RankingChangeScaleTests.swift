import CandorTestSupport
import XCTest

@testable import CandorAnalysis
@testable import CandorWorkspace

/// The ranking changes' shortcuts for large sets give the numbers of the plain definitions.
final class RankingChangeScaleTests: XCTestCase {
  func testPlacementsAgreeWithComparingEveryPair() {
    var random = SeededRandom(seed: 42)
    // Twentieths are written with six decimals and counted; sevenths are not, and are searched.
    for (denominator, counted) in [(20.0, true), (7.0, false)] {
      for count in [2, 7, 500] {
        // Twenty-one score values for hundreds of examples: ties within and across the classes.
        let scores = (0..<count).map { _ in
          Double(Int.random(in: 0...20, using: &random)) / denominator
        }
        var isPositive = (0..<count).map { _ in Bool.random(using: &random) }
        isPositive[0] = true
        isPositive[1] = false
        XCTAssertEqual(DecimalPlacements(scores, isPositive) != nil, counted)
        let (positives, negatives) = ScoredPairs.placements(scores, isPositive)
        let positiveScores = zip(scores, isPositive).filter(\.1).map(\.0)
        let negativeScores = zip(scores, isPositive).filter { !$0.1 }.map(\.0)
        func share(_ x: Double, outranks others: [Double], above: Bool) -> Double {
          let wins = others.filter { above ? $0 < x : $0 > x }.count
          let ties = others.filter { $0 == x }.count
          return (Double(wins) + 0.5 * Double(ties)) / Double(others.count)
        }
        XCTAssertEqual(
          positives, positiveScores.map { share($0, outranks: negativeScores, above: true) })
        XCTAssertEqual(
          negatives, negativeScores.map { share($0, outranks: positiveScores, above: false) })
      }
    }
  }

  func testCountBelowMatchesAScan() {
    let sorted: [Double] = [0.1, 0.2, 0.2, 0.2, 0.5, 0.9]
    sorted.withUnsafeBufferPointer { buffer in
      for x in [0.0, 0.1, 0.15, 0.2, 0.3, 0.5, 0.9, 1.0] {
        XCTAssertEqual(
          ScoredPairs.countBelow(x, in: buffer, orEqual: false), sorted.filter { $0 < x }.count)
        XCTAssertEqual(
          ScoredPairs.countBelow(x, in: buffer, orEqual: true), sorted.filter { $0 <= x }.count)
      }
    }
    [Double]().withUnsafeBufferPointer {
      XCTAssertEqual(ScoredPairs.countBelow(0.5, in: $0, orEqual: true), 0)
    }
  }

  /// Two weeks of one model without ids, so the weeks are compared as different examples.
  func change(positives: Int, seed: UInt64) -> MetricChange {
    var random = RandomSource(seed: seed)
    let model = SimulatedModel(recall: 0.6, specificity: 0.95, stability: 0.97)
    let n = positives * 10
    var weeks = (0..<2).map { _ in
      model.week(
        latent: SimulatedModel.latent(count: n, random: &random), positives: positives,
        random: &random)
    }
    for index in weeks.indices { weeks[index].keyed = nil }
    let analyzer = SetAnalyzer(classes: ["ok", "failure"], positive: 1)
    let changes = ChangeAnalyzer().compare(
      before: (weeks[0], analyzer.analyze(weeks[0])), after: (weeks[1], analyzer.analyze(weeks[1])))
    return changes.first { $0.metric == .prAUC }!
  }

  func testAveragePrecisionChangeOnManyLevelsIsTheDeltaMethodsNormalTest() throws {
    let large = change(positives: 3_000, seed: 5)
    XCTAssertEqual(large.test, "delta")
    let delta = try XCTUnwrap(large.delta)
    let ci = try XCTUnwrap(large.ci95)
    XCTAssertTrue(ci.contains(delta))
    // About ±1.96 × √2 × a week's standard error (near 0.01 at 3,000 positives), not zero.
    XCTAssertEqual((ci.upperBound - ci.lowerBound) / 2, 0.028, accuracy: 0.012)
    // Below the level limit in either week, the weeks are still bootstrapped.
    XCTAssertEqual(change(positives: 1_000, seed: 5).test, "bootstrap")
  }
}
