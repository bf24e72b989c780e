import CandorTestSupport
import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorWorkspace

/// Average precision's standard error: the delta method, used on many score levels, must be
/// the bootstrap's limit, and each side of the switch must use the method it names.
final class AveragePrecisionErrorTests: XCTestCase {
  func ranking(positives: Int, prevalence: Double, decimals: Double = 1e6, seed: UInt64)
    -> RankingMetrics
  {
    var random = RandomSource(seed: seed)
    let model = SimulatedModel(recall: 0.6, specificity: 0.95, stability: 0.97)
    let negatives = Int(Double(positives) * (1 - prevalence) / prevalence)
    let latent = SimulatedModel.latent(count: positives + negatives, random: &random)
    let scored = model.week(latent: latent, positives: positives, random: &random).scored!
    // Coarser scores make ties: fewer levels, many examples on each.
    let round = { (score: Double) in (score * decimals).rounded() / decimals }
    return RankingMetrics(
      ScoredExamples(
        positives: scored.positives.map(round), negatives: scored.negatives.map(round)))
  }

  func testTheDeltaMethodAgreesWithTheBootstrapItReplaces() {
    // 400 bootstrap draws estimate a standard error to about ±3.5% (one standard error), so
    // agreement within 8% is what the bootstrap itself can promise. (Measured: within 2%.)
    let cases: [(positives: Int, prevalence: Double, decimals: Double)] = [
      (1_000, 0.02, 1e6), (3_000, 0.1, 1e6), (3_000, 0.1, 1e2), (1_000, 0.5, 1e3),
    ]
    for (index, item) in cases.enumerated() {
      let levels = ranking(
        positives: item.positives, prevalence: item.prevalence, decimals: item.decimals,
        seed: UInt64(index + 1)
      ).levels
      let delta = levels.deltaStandardError()
      let bootstrap = levels.bootstrapStandardError(seed: 99)
      XCTAssertEqual(delta / bootstrap, 1, accuracy: 0.08, "\(item): \(delta) vs \(bootstrap)")
    }
  }

  func testManyLevelsUseTheDeltaMethodAndFewTheBootstrap() {
    let cases: [(positives: Int, method: String)] = [
      (1_500, "logit-bootstrap"), (3_000, "logit-delta"),
    ]
    for item in cases {
      let metrics = ranking(positives: item.positives, prevalence: 0.1, seed: 7)
      XCTAssertEqual(
        metrics.levels.positives.count > AveragePrecisionLevels.drawnLevelLimit,
        item.method == "logit-delta")
      let estimate = SetAnalyzer.averagePrecisionEstimate(metrics, positiveName: "failure")
      XCTAssertEqual(estimate.method, item.method)
      let ci = try! XCTUnwrap(estimate.ci95)
      XCTAssertTrue(ci.contains(estimate.value!))
      XCTAssertGreaterThan(ci.upperBound - ci.lowerBound, 0)
    }
  }

  func testAPerfectRankingHasNoSpreadAndFallsBackToWilson() {
    // Every positive above every negative: AP is 1, the gradient is zero, and the interval
    // comes from the Wilson fallback rather than a zero width.
    let levels = AveragePrecisionLevels(
      ascending: [RankingMetrics.Group(positives: 0, negatives: 50)]
        + (0..<2_500).map { _ in RankingMetrics.Group(positives: 1, negatives: 0) })
    XCTAssertEqual(levels.deltaStandardError(), 0, accuracy: 1e-12)
  }
}
