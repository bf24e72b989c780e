@testable import CandorAnalysis
@testable import CandorWorkspace
import XCTest

/// Does "95%" mean 95%, and does "significant" mean what it says? Checked by simulation
/// with fixed seeds, so the outcome is the same on every run.
final class StatisticalSelfCheckTests: XCTestCase {
    /// A binary set drawn from true rates: each positive caught with `recall`, each negative
    /// falsely flagged with `falseAlarm`. Ids are 0..<n, so two weeks pair up.
    static func binarySet(positives: Int, negatives: Int, recall: Double, falseAlarm: Double,
                          random: inout RandomSource) -> EvaluationSet {
        var labels: [UInt16] = [], predictions: [UInt16] = []
        var matrix = [[0, 0], [0, 0]]
        for index in 0..<(positives + negatives) {
            let isPositive = index < positives
            let flagged = random.uniform() < (isPositive ? recall : falseAlarm)
            let label = isPositive ? 1 : 0, prediction = flagged ? 1 : 0
            matrix[label][prediction] += 1
            labels.append(UInt16(label))
            predictions.append(UInt16(prediction))
        }
        return EvaluationSet(setID: "s", file: "s.csv", source: .predictions, matrix: matrix, segments: [], scored: nil,
                             keyed: KeyedExamples(idHashes: (0..<UInt64(positives + negatives)).map { $0 &* 0x9E37_79B9_7F4A_7C15 },
                                                  labels: labels, predictions: predictions),
                             histogram: nil)
    }

    let analyzer = SetAnalyzer(classes: ["ok", "failure"], positive: 1)

    func coverage(positives: Int, trials: Int, metric: MetricName, truth: Double, recall: Double, falseAlarm: Double) -> Double {
        var random = RandomSource(seed: UInt64(positives) &* 7919 &+ UInt64(metric.rawValue.count))
        var covered = 0
        for _ in 0..<trials {
            let set = Self.binarySet(positives: positives, negatives: positives * 9, recall: recall, falseAlarm: falseAlarm, random: &random)
            let counts = ConfusionCounts(set.matrix)
            let interval: ClosedRange<Double>
            if metric == .recall {
                interval = Proportions.wilson(counts[1, 1], counts.support(1))
            } else {
                let value = CountMetrics(counts: counts, classes: analyzer.classes, positive: 1).value(metric).number!
                interval = Bootstrap.percentile(analyzer.bootstrapDistributions(counts, [metric])[metric]!, containing: value)
            }
            if interval.contains(truth) { covered += 1 }
        }
        return Double(covered) / Double(trials)
    }

    func testRecallIntervalCoversTheTruthNinetyFivePercentOfTheTime() {
        for positives in [30, 300] {
            let rate = coverage(positives: positives, trials: 2000, metric: .recall, truth: 0.7, recall: 0.7, falseAlarm: 0.05)
            XCTAssert((0.93...0.97).contains(rate), "recall coverage at \(positives) positives: \(rate)")
        }
    }

    func testF1IntervalCoversTheTruthNinetyFivePercentOfTheTime() {
        // Expected counts per example: TP = 0.1·0.7, FN = 0.1·0.3, FP = 0.9·0.05.
        let tp = 0.07, fn = 0.03, fp = 0.045
        let truth = 2 * tp / (2 * tp + fp + fn)
        for positives in [30, 300] {
            let rate = coverage(positives: positives, trials: 300, metric: .f1, truth: truth, recall: 0.7, falseAlarm: 0.05)
            XCTAssert((0.93...0.97).contains(rate), "F1 coverage at \(positives) positives: \(rate)")
        }
    }

    /// One report's worth of comparisons (every metric of two sets) between two weeks.
    func anySignificant(recallBefore: Double, recallAfter: Double, positives: Int, random: inout RandomSource) -> (any: Bool, recall: Bool) {
        var tasks: [TaskAnalysis] = []
        var sets: [SetResult] = []
        for name in ["holdout", "recent"] {
            let before = Self.binarySet(positives: positives, negatives: positives * 4, recall: recallBefore, falseAlarm: 0.1, random: &random)
            let after = Self.binarySet(positives: positives, negatives: positives * 4, recall: recallAfter, falseAlarm: 0.1, random: &random)
            let a = analyzer.analyze(before), b = analyzer.analyze(after)
            sets.append(SetResult(config: ValidationSetConfig(id: name, description: "", role: .validation), analysis: b,
                                  changes: ChangeAnalyzer().compare(before: (before, a), after: (after, b))))
        }
        let task = TaskConfig(id: "t", name: "t", positiveLabel: "failure", classes: nil, primaryMetric: .recall, owner: nil, threshold: 0.5, unit: "examples")
        tasks.append(TaskAnalysis(task: task, classes: ["ok", "failure"], positive: 1, sets: sets, primaryMetric: .recall,
                                  primaryReason: "", primaryIsConfigured: true))
        _ = WeekAnalyzer().applyHolm(&tasks)
        let changes = tasks[0].sets.flatMap { $0.changes ?? [] }
        return (changes.contains { $0.significant }, tasks[0].sets[0].change(.recall)!.significant)
    }

    func testNoChangeRarelyRaisesAnyAlarmAcrossTheWholeReport() {
        var random = RandomSource(seed: 2026)
        let trials = 120
        let alarms = (0..<trials).filter { _ in anySignificant(recallBefore: 0.6, recallAfter: 0.6, positives: 100, random: &random).any }.count
        XCTAssertLessThanOrEqual(Double(alarms) / Double(trials), 0.05, "\(alarms) of \(trials) unchanged reports had a false alarm")
    }

    func testARealTenPointMoveInRecallIsFound() {
        var random = RandomSource(seed: 48)
        let trials = 60
        let found = (0..<trials).filter { _ in anySignificant(recallBefore: 0.6, recallAfter: 0.7, positives: 500, random: &random).recall }.count
        XCTAssertGreaterThanOrEqual(Double(found) / Double(trials), 0.8, "found \(found) of \(trials)")
    }
}
