import CandorTestSupport
import Foundation
import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorWorkspace

/// Weekly ROC AUC and average precision intervals on 4 and 20 positives: does "95%" hold where
/// the spread is estimated from a handful of positives? 400 simulated weeks per cell (one Monte
/// Carlo standard error about 1.1 points at 95%).
final class SmallPositiveRankingCoverage: SelfCheckCase {
  func testRankingIntervalsCoverOnFewPositives() {
    let reps = 400
    var lines: [String] = []
    var short: [String] = []
    for positives in [4, 20] {
      for prevalence in [0.02, 0.1, 0.3] {
        let model = SimulatedModel(recall: 0.7, specificity: 0.95, stability: 0.97)
        let truth = SelfCheckTable.truth(model, prevalence: prevalence)
        let negatives = SelfCheckTable.negatives(positives, prevalence)
        let seed = UInt64(positives * 1000) &+ UInt64(prevalence * 100)
        let covered = SelfCheckTable.parallel(reps) { index -> (Bool, Bool) in
          var random = RandomSource(seed: seed &* 6_364_136_223 &+ UInt64(index))
          let latent = SimulatedModel.latent(count: positives + negatives, random: &random)
          let set = model.week(latent: latent, positives: positives, random: &random)
          let ranking = RankingMetrics(set.scored!)
          let auc = SetAnalyzer.rocEstimate(ranking).ci95?.contains(truth[.rocAUC]!) ?? false
          let ap =
            SetAnalyzer.averagePrecisionEstimate(ranking, positiveName: "failure").ci95?.contains(
              truth[.prAUC]!) ?? false
          return (auc, ap)
        }
        let auc = 100 * Double(covered.filter { $0.0 }.count) / Double(reps)
        let ap = 100 * Double(covered.filter { $0.1 }.count) / Double(reps)
        lines.append(
          String(
            format: "| %d | %.0f%% | %.1f | %.1f |", positives, prevalence * 100, auc, ap))
        for (name, rate) in [("ROC AUC", auc), ("AP", ap)] where rate < 93 - 2.2 {
          short.append("\(name) at \(positives) positives, \(Int(prevalence * 100))%: \(rate)")
        }
      }
    }
    print(
      (["| positives | prevalence | ROC AUC covers (%) | AP covers (%) |", "|---:|---:|---:|---:|"]
        + lines).joined(separator: "\n"))
    XCTAssertTrue(short.isEmpty, "below 93%: \(short)")
  }
}
