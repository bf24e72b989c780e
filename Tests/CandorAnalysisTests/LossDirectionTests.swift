import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorWorkspace

/// Brier score and log loss are losses: a fall is an improvement, while `delta` keeps its sign
/// (after − before), in the diff's verdicts as everywhere.
final class LossDirectionTests: XCTestCase {
  func change(_ metric: MetricName, _ delta: Double, significant: Bool) -> MetricChange {
    var change = MetricChange(
      metric: metric, previous: 0.5, current: 0.5 + delta, significant: significant)
    change.delta = delta
    change.adjustedPValue = significant ? 0.01 : 0.5
    return change
  }

  func testAFallingLossIsAnImprovement() {
    XCTAssertEqual(change(.logLoss, -0.1, significant: true).gain, 0.1)
    XCTAssertEqual(change(.logLoss, -0.1, significant: true).delta, -0.1)
    XCTAssertEqual(DiffAnalyzer.verdict(change(.logLoss, -0.1, significant: true)), .improved)
    XCTAssertEqual(DiffAnalyzer.verdict(change(.brierScore, 0.02, significant: true)), .regressed)
    XCTAssertEqual(DiffAnalyzer.verdict(change(.brierScore, 0.02, significant: false)), .unchanged)
  }

  func testARisingRateIsStillAnImprovement() {
    XCTAssertEqual(change(.top2Accuracy, 0.1, significant: true).gain, 0.1)
    XCTAssertEqual(DiffAnalyzer.verdict(change(.top2Accuracy, 0.1, significant: true)), .improved)
    XCTAssertEqual(DiffAnalyzer.verdict(change(.recall, -0.1, significant: true)), .regressed)
  }
}
