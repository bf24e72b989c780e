import XCTest

@testable import CandorAnalysis

/// The reliability diagram's bins and the rule behind "does a 30% risk mean about 30%?",
/// each side of each boundary.
final class ReliabilityTests: XCTestCase {
  /// `count` examples at probability `p`, `events` of which happened.
  func bin(_ p: Double, _ count: Int, _ events: Int) -> (probabilities: [Double], happened: [Bool])
  {
    (
      [Double](repeating: p, count: count),
      (0..<count).map { $0 < events }
    )
  }

  func reliability(_ bins: [(probabilities: [Double], happened: [Bool])]) -> Reliability {
    Reliability(
      probabilities: bins.flatMap(\.probabilities), happened: bins.flatMap(\.happened))
  }

  func testTenEqualBinsTheLastClosed() {
    let r = Reliability(
      probabilities: [0, 0.0999, 0.1, 0.95, 1.0], happened: [false, false, true, true, true])
    XCTAssertEqual(r.bins.count, 10)
    XCTAssertEqual(r.bins.map(\.examples), [2, 1, 0, 0, 0, 0, 0, 0, 0, 2])
    XCTAssertEqual(r.bins[9].observedRate, 1)
    XCTAssertEqual(r.bins[1].meanPredicted, 0.1)
    XCTAssertNil(r.bins[5].meanPredicted)
    XCTAssertEqual(r.bins[0].low, 0)
    XCTAssertEqual(r.bins[9].high, 1)
  }

  func testWithinFivePointsAgrees() {
    // 35 of 100 at 30%: five points off, the tolerance itself.
    XCTAssertEqual(reliability([bin(0.3, 100, 35)]).verdict, .trustworthy(binsChecked: 1))
    // 350 of 1,000: still five points, though chance alone would not explain it.
    XCTAssertEqual(reliability([bin(0.3, 1000, 350)]).verdict, .trustworthy(binsChecked: 1))
    // 360 of 1,000: six points, and 30% is outside its Wilson interval (33.1% to 39.0%).
    XCTAssertEqual(reliability([bin(0.3, 1000, 360)]).verdict, .off(bin: 3))
  }

  func testWithinChanceAgreesOnFewExamples() {
    // 40 of 100 at 30%: ten points off, and outside its Wilson interval (30.9% to 49.8%).
    XCTAssertEqual(reliability([bin(0.3, 100, 40)]).verdict, .off(bin: 3))
    // 38 of 100: eight points off, but within chance: Wilson 29.1% to 47.8% holds 30%.
    XCTAssertEqual(reliability([bin(0.3, 100, 38)]).verdict, .trustworthy(binsChecked: 1))
  }

  func testOnlyBinsWithThirtyExamplesAreJudged() {
    // 29 examples, all wrong: too few to judge.
    XCTAssertEqual(reliability([bin(0.9, 29, 0)]).verdict, .tooFew)
    XCTAssertEqual(reliability([bin(0.9, 30, 0)]).verdict, .off(bin: 9))
    // A small bad bin beside a large good one: only the large one counts.
    XCTAssertEqual(
      reliability([bin(0.9, 29, 0), bin(0.5, 200, 100)]).verdict, .trustworthy(binsChecked: 1))
  }

  func testTheWorstBinIsNamed() {
    XCTAssertEqual(
      reliability([bin(0.15, 300, 90), bin(0.85, 300, 120), bin(0.55, 300, 165)]).verdict,
      .off(bin: 8))
  }
}
