import CandorTestSupport
import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorWorkspace

/// The average-precision interval on many score levels, where its standard error comes from
/// the delta method: does "95%" still mean 95%? (Fewer levels use the bootstrap, which the
/// self-check table covers.)
final class AveragePrecisionCoverageTests: SelfCheckCase {
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

  /// The change of average precision on many levels, as large unpaired sets (or paired sets
  /// above the joint bootstrap's limit) test it: weeks without ids, so nothing pairs them.
  func testTheDeltaMethodChangeKeepsItsErrorRateAndCoverage() {
    let reps = 200
    let positives = 3_000
    let prevalence = 0.1
    let negatives = Int(Double(positives) * (1 - prevalence) / prevalence)
    let before = SimulatedModel(recall: 0.6, specificity: 0.95, stability: 0.97)
    let after = SimulatedModel(recall: 0.65, specificity: 0.95, stability: 0.97)
    let analyzer = SetAnalyzer(classes: ["ok", "failure"], positive: 1)
    let trueChange =
      after.averagePrecision(prevalence: prevalence)
      - before.averagePrecision(prevalence: prevalence)
    // (false alarm when nothing changed, interval covers the true change when something did)
    let outcomes = SelfCheckTable.parallel(reps) { rep -> (Bool, Bool) in
      var random = RandomSource(seed: 0xAD_0000 + UInt64(rep))
      func week(_ model: SimulatedModel) -> (EvaluationSet, SetAnalysis) {
        var set = model.week(
          latent: SimulatedModel.latent(count: positives + negatives, random: &random),
          positives: positives, random: &random)
        set.keyed = nil
        return (set, analyzer.analyze(set))
      }
      func prAUC(_ x: (EvaluationSet, SetAnalysis), _ y: (EvaluationSet, SetAnalysis))
        -> MetricChange
      {
        let change = ChangeAnalyzer().compare(before: x, after: y).first { $0.metric == .prAUC }!
        precondition(change.test == .delta)
        return change
      }
      let null = prAUC(week(before), week(before))
      let moved = prAUC(week(before), week(after))
      return (null.pValue! < 0.05, moved.ci95!.contains(trueChange))
    }
    let falseAlarms = outcomes.filter(\.0).count
    let covered = outcomes.filter(\.1).count
    print(
      "average precision change, delta method: \(falseAlarms) of \(reps) false alarms, "
        + "\(covered) of \(reps) intervals cover")
    // One Monte Carlo standard error at 200 repetitions: 1.5 points.
    XCTAssertLessThanOrEqual(Double(falseAlarms) / Double(reps), 0.085)
    XCTAssertEqual(Double(covered) / Double(reps), 0.95, accuracy: 0.035)
  }
}
