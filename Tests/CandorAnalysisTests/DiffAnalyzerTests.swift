import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorWorkspace

/// Constructed before/after runs where the truth is known.
final class DiffAnalyzerTests: XCTestCase {
  func task(_ id: String, recall: Double, positives: Int, random: inout RandomSource)
    -> TaskEvaluation
  {
    var set = Self.binarySet(
      positives: positives, negatives: positives * 4, recall: recall, falseAlarm: 0.1,
      random: &random)
    set.setID = "holdout"
    let config = TaskConfig(
      id: id, name: id, positiveLabel: "failure", classes: ["ok", "failure"],
      primaryMetric: .recall,
      owner: "team-\(id)", threshold: 0.5, unit: "examples")
    return TaskEvaluation(task: config, classes: ["ok", "failure"], positiveIndex: 1, sets: [set])
  }

  /// A binary set drawn from true rates: each positive caught with `recall`, each negative
  /// falsely flagged with `falseAlarm`. Ids are 0..<n, so two runs pair up.
  static func binarySet(
    positives: Int, negatives: Int, recall: Double, falseAlarm: Double, random: inout RandomSource
  ) -> EvaluationSet {
    var labels: [UInt16] = []
    var predictions: [UInt16] = []
    var matrix = [[0, 0], [0, 0]]
    for index in 0..<(positives + negatives) {
      let isPositive = index < positives
      let flagged = random.uniform() < (isPositive ? recall : falseAlarm)
      matrix[isPositive ? 1 : 0][flagged ? 1 : 0] += 1
      labels.append(isPositive ? 1 : 0)
      predictions.append(flagged ? 1 : 0)
    }
    return EvaluationSet(
      setID: "s", file: "s.csv", source: .predictions, matrix: matrix, segments: [], scored: nil,
      keyed: KeyedExamples(
        idHashes: (0..<UInt64(positives + negatives)).map { $0 &* 0x9E37_79B9_7F4A_7C15 },
        labels: labels, predictions: predictions),
      histogram: nil)
  }

  func testRealRegressionAndRealImprovementAreClassifiedRight() {
    var random = RandomSource(seed: 8)
    let base = [
      task("engine", recall: 0.6, positives: 400, random: &random),
      task("brakes", recall: 0.8, positives: 400, random: &random),
    ]
    let candidate = [
      task("engine", recall: 0.75, positives: 400, random: &random),
      task("brakes", recall: 0.65, positives: 400, random: &random),
    ]
    let diff = DiffAnalyzer().diff(
      base: base, candidate: candidate, baseName: "main", candidateName: "branch")
    XCTAssertEqual(diff.tasks.map(\.task.id), ["engine", "brakes"])
    XCTAssertEqual(
      diff.tasks[0].sets[0].verdicts[
        diff.tasks[0].sets[0].changes.firstIndex { $0.metric == .recall }!], .improved)
    XCTAssertEqual(diff.tasks[1].verdict, .regressed)
    XCTAssertEqual(diff.verdict, .regressed)
    let flips = diff.tasks[1].sets[0].flips!
    XCTAssertGreaterThan(flips.becameWrong, flips.becameRight)
    XCTAssertEqual(flips.wrongSamples.count, DiffAnalyzer.sampleCount)
  }

  /// With nothing changed, "improved" or "regressed" is a false alarm: at most 5% (Holm over
  /// the primary metrics); "possible regression", a looser bar, about 5% more (the worse half
  /// of a 10% two-sided bar).
  func testPureNoiseIsUnchangedWithinNoise() {
    var random = RandomSource(seed: 95)
    let trials = 200
    var alarms = 0
    var possible = 0
    for _ in 0..<trials {
      let base = [task("engine", recall: 0.7, positives: 150, random: &random)]
      let candidate = [task("engine", recall: 0.7, positives: 150, random: &random)]
      let diff = DiffAnalyzer().diff(
        base: base, candidate: candidate, baseName: "a", candidateName: "b")
      if diff.verdict == .improved || diff.verdict == .regressed { alarms += 1 }
      if diff.verdict == .possibleRegression { possible += 1 }
    }
    // Binomial(200, 0.05) exceeds 17 with probability under 3%.
    XCTAssertLessThanOrEqual(alarms, 17, "\(alarms) of \(trials)")
    XCTAssertLessThanOrEqual(possible, 17, "\(possible) of \(trials)")
  }

  func testPossibleRegressionIsALooserBarThanRegression() {
    func change(p: Double, delta: Double, significant: Bool) -> MetricChange {
      MetricChange(
        metric: .recall, previous: 0.7, current: 0.7 + delta, delta: delta, test: .permutation,
        pValue: p / 4,
        adjustedPValue: p, significant: significant)
    }
    XCTAssertEqual(
      DiffAnalyzer.verdict(change(p: 0.06, delta: -0.03, significant: false)), .possibleRegression)
    XCTAssertEqual(
      DiffAnalyzer.verdict(change(p: 0.2, delta: -0.03, significant: false)), .unchanged)
    XCTAssertEqual(
      DiffAnalyzer.verdict(change(p: 0.06, delta: 0.03, significant: false)), .unchanged)
    XCTAssertEqual(
      DiffAnalyzer.verdict(change(p: 0.0001, delta: -0.03, significant: true)), .regressed)
  }
}
