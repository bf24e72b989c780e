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

  func testEachDeLongTermIsCorrectedForItsOwnClassSize() throws {
    XCTAssertEqual(SetAnalyzer.smallSampleFactor(4), 2)
    XCTAssertEqual(SetAnalyzer.smallSampleFactor(20), 1.25)
    XCTAssertEqual(SetAnalyzer.smallSampleFactor(1000), 1000.0 / 996, accuracy: 1e-15)
    // Few positives among many negatives: the positives' term decides, and so do their
    // degrees of freedom; two equal terms from 20 examples each count as 38.
    XCTAssertEqual(SetAnalyzer.welchDegreesOfFreedom(0.01, 20, 0, 980), 19)
    XCTAssertEqual(SetAnalyzer.welchDegreesOfFreedom(0.01, 20, 0.01, 20), 38)
    XCTAssertEqual(SetAnalyzer.welchDegreesOfFreedom(0, 1, 0.01, 50), 0)
    // 20 positives spread among 980 negatives: the positives' term decides, and the interval
    // is wider than plain DeLong's would be at the same spread.
    let ranking = RankingMetrics(
      scores: (0..<1000).map { (index: Int) -> Double in
        index < 20 ? (Double(index) + 0.5) / 20 : Double(index % 97) / 97
      },
      isPositive: (0..<1000).map { $0 < 20 })
    let plain = SetAnalyzer.logitInterval(
      try XCTUnwrap(ranking.rocAUC),
      standardError: try XCTUnwrap(ranking.rocAUCVariance).squareRoot(), fallbackTrials: 20)
    let interval = try XCTUnwrap(SetAnalyzer.rocEstimate(ranking).ci95)
    XCTAssertLessThan(interval.lowerBound, plain.lowerBound)
    XCTAssertGreaterThan(interval.upperBound, plain.upperBound)
  }
}
