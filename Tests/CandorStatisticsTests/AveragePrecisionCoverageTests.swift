import CandorTestSupport
import XCTest

@testable import CandorAnalysis
@testable import CandorWorkspace

/// The average-precision interval on many score levels, where its standard error comes from
/// the delta method: does "95%" still mean 95%? (Fewer levels use the bootstrap, which the
/// self-check table covers.)
final class AveragePrecisionCoverageTests: XCTestCase {
  func testTheDeltaMethodIntervalCoversTheTrueAveragePrecision() {
    let reps = 200
    let positives = 3_000
    let prevalence = 0.1
    let model = SimulatedModel(recall: 0.6, specificity: 0.95, stability: 0.97)
    let truth = model.averagePrecision(prevalence: prevalence)
    let negatives = Int(Double(positives) * (1 - prevalence) / prevalence)
    let covered = SelfCheckTable.parallel(reps) { rep -> Bool in
      var random = RandomSource(seed: 0xA9_0000 + UInt64(rep))
      let latent = SimulatedModel.latent(count: positives + negatives, random: &random)
      let set = model.week(latent: latent, positives: positives, random: &random)
      let ranking = RankingMetrics(set.scored!)
      let estimate = SetAnalyzer.averagePrecisionEstimate(ranking, positiveName: "failure")
      precondition(estimate.method == "logit-delta")
      return estimate.ci95!.contains(truth)
    }
    let rate = Double(covered.filter { $0 }.count) / Double(reps)
    print(
      "average precision, delta method: \(covered.filter { $0 }.count) of \(reps) intervals cover")
    // One Monte Carlo standard error at 200 repetitions is 1.5 points.
    XCTAssertEqual(rate, 0.95, accuracy: 0.035, "coverage \(rate)")
  }
}
