import CandorTestSupport
import Foundation
import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorWorkspace

/// The README's shape on a task's test set, the hierarchy's gate: a 10-point recall gain on 100
/// positives at 10% prevalence, the same examples both weeks (scores correlating about 0.94).
/// The gate is tested at the full 5%, so its power and size are those of one test: mid-p
/// sign-flip (McNemar) when paired, mid-p permutation when not, each together with the
/// posterior interval's own p-value. The same shape unpaired (other examples each week) too. 400
/// repetitions per cell (`CANDOR_GATE_REPS`): Monte Carlo error about 2 points for power and 1
/// for size.
final class GatePowerCheck: SelfCheckCase {
  static let reps = Int(ProcessInfo.processInfo.environment["CANDOR_GATE_REPS"] ?? "") ?? 400

  static func calledReal(gain: Double, reps: Int, paired: Bool = true) -> Double {
    let outcomes = SelfCheckTable.parallel(reps) { index -> Bool in
      var random = RandomSource(
        seed: UInt64(index) &* 7919 &+ (gain > 0 ? 1 : 0) &+ (paired ? 0 : 2))
      let before = SimulatedModel(recall: 0.7 - gain, specificity: 0.95, stability: 0.97)
      let after = SimulatedModel(recall: 0.7, specificity: 0.95, stability: 0.97)
      let (x, y) = SelfCheckTable.weeks(
        before, after, positives: 100, prevalence: 0.1, paired: paired, random: &random)
      let analyzer = SelfCheckTable.analyzer
      let change = ChangeAnalyzer().compare(
        before: (x, analyzer.analyze(x)), after: (y, analyzer.analyze(y))
      ).first { $0.metric == .recall }!
      return (change.pValue ?? 1) < Thresholds.alpha
    }
    return Double(outcomes.filter { $0 }.count) / Double(reps)
  }

  func testTheGateHasThePowerAndSizeAsked() {
    let reps = Self.reps
    let power = Self.calledReal(gain: 0.10, reps: reps)
    let size = Self.calledReal(gain: 0, reps: reps)
    let unpaired = Self.calledReal(gain: 0.10, reps: reps, paired: false)
    let unpairedSize = Self.calledReal(gain: 0, reps: reps, paired: false)
    func error(_ rate: Double) -> Double { (rate * (1 - rate) / Double(reps)).squareRoot() }
    print(
      String(
        format:
          "gate, README shape (+10 points recall, 100 positives, paired): power %.1f%% ± %.1f, false alarms %.1f%% ± %.1f (%d repetitions each)",
        100 * power, 100 * error(power), 100 * size, 100 * error(size), reps))
    print(
      String(
        format:
          "gate, README shape unpaired (other examples each week): power %.1f%% ± %.1f, false alarms %.1f%% ± %.1f",
        100 * unpaired, 100 * error(unpaired), 100 * unpairedSize, 100 * error(unpairedSize)))
    XCTAssertGreaterThanOrEqual(power + 2 * error(power), 0.80, "power on the test set")
    XCTAssertLessThanOrEqual(size - 2 * error(size), 0.05, "false alarms on the test set")
    XCTAssertGreaterThanOrEqual(unpaired + 2 * error(unpaired), 0.35, "power, unpaired")
    XCTAssertLessThanOrEqual(unpairedSize - 2 * error(unpairedSize), 0.05, "false alarms, unpaired")
  }
}
