import CandorTestSupport
import Foundation
import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorWorkspace

/// A task's verdict is its own: the README's shape on the test set (+10 points of recall, 100
/// positives at 10%, paired) decided alone, and again beside three monitoring sets of noise and
/// five more tasks of noise, through the weekly report's hierarchy. 200 simulated weeks
/// (`CANDOR_INDEPENDENCE_REPS`); every one must give the same verdict both ways.
final class VerdictIndependenceCheck: SelfCheckCase {
  static let reps =
    Int(ProcessInfo.processInfo.environment["CANDOR_INDEPENDENCE_REPS"] ?? "") ?? 200

  /// One set's changes between two simulated weeks.
  static func changes(
    _ before: SimulatedModel, _ after: SimulatedModel, random: inout RandomSource
  ) -> [MetricChange] {
    let (x, y) = SelfCheckTable.weeks(
      before, after, positives: 100, prevalence: 0.1, paired: true, random: &random)
    let analyzer = SelfCheckTable.analyzer
    return ChangeAnalyzer().compare(
      before: (x, analyzer.analyze(x)), after: (y, analyzer.analyze(y)))
  }

  func testATasksVerdictIsTheSameAloneAndBesideNoise() {
    let gained = (
      SimulatedModel(recall: 0.6, specificity: 0.95, stability: 0.97),
      SimulatedModel(recall: 0.7, specificity: 0.95, stability: 0.97)
    )
    let still = SimulatedModel(recall: 0.7, specificity: 0.95, stability: 0.97)
    // Noise sets: a pool of weeks with nothing changed, drawn from per replicate (the verdict
    // can depend on them only through their p-values, whose spread the pool carries).
    let pool = SelfCheckTable.parallel(40) { index -> [MetricChange] in
      var random = RandomSource(seed: UInt64(index) &* 7_919 &+ 4_242)
      return Self.changes(still, still, random: &random)
    }
    let outcomes = SelfCheckTable.parallel(Self.reps) { index -> (alone: Bool, crowded: Bool) in
      var random = RandomSource(seed: UInt64(index) &* 104_729 &+ 17)
      let test = Self.changes(gained.0, gained.1, random: &random)
      func noise() -> [MetricChange] { pool[Int(random.next() % UInt64(pool.count))] }
      var alone = [AnalysisFixture.task(id: "one", sets: [("holdout", .test, test)])]
      var sets: [(id: String, role: SetRole, changes: [MetricChange])] = [("holdout", .test, test)]
      for monitor in 1...3 { sets.append(("monitor-\(monitor)", .monitoring, noise())) }
      var crowded = [AnalysisFixture.task(id: "one", sets: sets)]
      for other in 1...5 {
        crowded.append(
          AnalysisFixture.task(
            id: "other-\(other)",
            sets: [("holdout", .test, noise()), ("recent", .validation, noise())]))
      }
      ChangeHierarchy.apply(to: &alone)
      ChangeHierarchy.apply(to: &crowded)
      func verdict(_ tasks: [TaskAnalysis]) -> Bool {
        tasks[0].sets.first { $0.config.id == "holdout" }!.change(.recall)!.significant
      }
      return (verdict(alone), verdict(crowded))
    }
    let same = outcomes.filter { $0.alone == $0.crowded }.count
    let real = outcomes.filter(\.alone).count
    print(
      "verdict independence, README shape on the test set alone and beside 3 monitoring sets and 5 tasks of noise: \(same) of \(Self.reps) weeks the same verdict (called real \(real) times alone)"
    )
    XCTAssertEqual(same, Self.reps, "a verdict moved with unrelated tasks or sets")
  }
}
