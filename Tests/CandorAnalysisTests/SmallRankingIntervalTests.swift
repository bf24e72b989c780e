import CandorTestSupport
import XCTest

@testable import CandorAnalysis

/// Ranking intervals on few positives: studentised with the smaller class's count, and never
/// narrower than that count allows (the self-check measures their coverage).
final class SmallRankingIntervalTests: XCTestCase {
  func testTheTQuantileMatchesScipy() {
    // scipy.stats.t.ppf(0.975, df)
    for (df, expected) in [
      (1, 12.706205), (3, 3.182446), (30, 2.042272), (31, 2.039513), (50, 2.008559),
      (119, 1.980100), (1000, 1.962339),
    ] {
      XCTAssertEqual(
        StudentT.quantile975(degreesOfFreedom: df), expected, accuracy: 2e-6, "df \(df)")
    }
  }

  func testFourTiedPositivesAreNotCalledCertain() {
    // AP 0.037 with a resampling error of 0.0025: 1.96 gave 0.032 to 0.042.
    let tied = SetAnalyzer.logitInterval(0.037, standardError: 0.0025, fallbackTrials: 4)
    XCTAssertLessThan(tied.lowerBound, 0.01)
    XCTAssertGreaterThan(tied.upperBound, 0.15)
    XCTAssertTrue(tied.contains(0.037))
    // On many positives the observed spread decides, as before (t is then 1.96 to two places).
    let many = SetAnalyzer.logitInterval(0.8, standardError: 0.01, fallbackTrials: 2000)
    XCTAssertEqual(many.lowerBound, 0.7799, accuracy: 0.0005)
    XCTAssertEqual(many.upperBound, 0.8187, accuracy: 0.0005)
  }
}
