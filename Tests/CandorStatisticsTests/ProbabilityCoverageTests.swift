import Foundation
import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorWorkspace

/// Monte Carlo check of the contract 1.1 score metrics: how often the 95% intervals of Brier
/// score, log loss, top-2 accuracy and multiclass ROC AUC hold the true value, and how often a
/// week-over-week change is called real when nothing changed (paired and unpaired).
///
/// The model: each example has a true risk (binary) or true class probabilities (three
/// classes); the outcome is drawn from them; the model reports them with logit noise that is
/// drawn again each week, so two weeks of the same examples differ but not in quality.
/// Sizes 30 and 300 run the randomisation tests as well; 5,000 the normal tests alone.
/// `CANDOR_MC_REPS` sets the repetitions per cell (default 100).
final class ProbabilityCoverageTests: SelfCheckCase {
  static let reps = Int(ProcessInfo.processInfo.environment["CANDOR_MC_REPS"] ?? "") ?? 100

  struct Example {
    var label: Int
    var truth: [Double]
  }

  static func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }

  static func softmax(_ z: [Double]) -> [Double] {
    let m = z.max()!
    let e = z.map { exp($0 - m) }
    let s = e.reduce(0, +)
    return e.map { $0 / s }
  }

  /// `classes` 2: binary (truth = [1 − r, r]); 3: three classes.
  static func population(_ n: Int, classes: Int, random: inout RandomSource) -> [Example] {
    (0..<n).map { _ in
      let truth =
        classes == 2
        ? {
          let r = sigmoid(-1 + 1.2 * random.normal())
          return [1 - r, r]
        }()
        : softmax((0..<classes).map { _ in 1.3 * random.normal() })
      let u = random.uniform()
      var label = 0
      var cumulative = truth[0]
      while label < classes - 1 && u >= cumulative {
        label += 1
        cumulative += truth[label]
      }
      return Example(label: label, truth: truth)
    }
  }

  /// One week's evaluation set: the model's probabilities are the truth with logit noise.
  static func week(_ examples: [Example], ids: Bool, random: inout RandomSource) -> EvaluationSet {
    let k = examples[0].truth.count
    var set = EvaluationSet(
      setID: "s", file: "f", source: .predictions, matrix: [], segments: [], scored: nil,
      keyed: nil, histogram: nil)
    var matrix = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
    let hashes = ids ? examples.indices.map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 } : nil
    var rows: [Double] = []
    for example in examples {
      let noisy = softmax(example.truth.map { log(max($0, 1e-12)) + 0.3 * random.normal() })
      rows += noisy
      let predicted = noisy.indices.max { (noisy[$0], -$0) < (noisy[$1], -$1) }!
      matrix[example.label][predicted] += 1
    }
    set.matrix = matrix
    if k == 2 {
      let p = stride(from: 1, to: rows.count, by: 2).map { rows[$0] }
      let positive = examples.map { $0.label == 1 }
      set.scored = ScoredExamples(scores: p, isPositive: positive)
      if let hashes {
        set.keyed = KeyedExamples(
          idHashes: hashes, labels: examples.map { UInt16($0.label) },
          predictions: p.map { $0 >= 0.5 ? 1 : 0 }, scores: p)
      }
    } else {
      set.classScores = ClassScores(
        classes: k, labels: examples.map { UInt8($0.label) }, scores: rows, idHashes: hashes)
    }
    return set
  }

  static func metrics(_ set: EvaluationSet, classes: Int) -> ScoreMetrics {
    ScoreMetrics(
      set: set, classes: (0..<classes).map { "c\($0)" }, positive: classes == 2 ? 1 : nil,
      probabilities: true, sortedRank: Array(0..<classes))
  }

  /// The metric on a very large sample of the same model: the value the intervals aim at.
  static func truth(classes: Int) -> [MetricName: Double] {
    var random = RandomSource(seed: 99 + UInt64(classes))
    let examples = population(400_000, classes: classes, random: &random)
    let set = week(examples, ids: false, random: &random)
    return Dictionary(
      uniqueKeysWithValues: metrics(set, classes: classes).estimates.compactMap { name, estimate in
        estimate.value.map { (name, $0) }
      })
  }

  func testCoverageAndFalseAlarms() {
    var table = [
      "| metric | classes | examples | coverage of the 95% interval | false alarms, paired | false alarms, unpaired |",
      "|---|---:|---:|---:|---:|---:|",
    ]
    var worstCoverage = 1.0
    var worstAlarm = 0.0
    for classes in [2, 3] {
      let truth = Self.truth(classes: classes)
      for n in [30, 300, 5000] {
        var covered: [MetricName: Int] = [:]
        var alarmsPaired: [MetricName: Int] = [:]
        var alarmsUnpaired: [MetricName: Int] = [:]
        var random = RandomSource(seed: UInt64(n * 10 + classes))
        for _ in 0..<Self.reps {
          let examples = Self.population(n, classes: classes, random: &random)
          let before = Self.week(examples, ids: true, random: &random)
          let after = Self.week(examples, ids: true, random: &random)
          let fresh = Self.week(
            Self.population(n, classes: classes, random: &random), ids: false, random: &random)
          let a = Self.metrics(before, classes: classes)
          let b = Self.metrics(after, classes: classes)
          let c = Self.metrics(fresh, classes: classes)
          for (name, estimate) in b.estimates {
            guard let ci = estimate.ci95, let target = truth[name] else { continue }
            if ci.contains(target) { covered[name, default: 0] += 1 }
            let value = estimate.value!
            guard let x = a.perExample[name], let y = b.perExample[name],
              let z = c.perExample[name],
              let before = a.estimates.first(where: { $0.name == name })?.estimate.value,
              let other = c.estimates.first(where: { $0.name == name })?.estimate.value
            else { continue }
            if let (test, _, _) = ExampleChanges.compare(
              before: x, after: y, delta: value - before), test.p < 0.05
            {
              alarmsPaired[name, default: 0] += 1
            }
            var unpairedBefore = x
            unpairedBefore.idHashes = nil
            if let (test, _, _) = ExampleChanges.compare(
              before: unpairedBefore, after: z, delta: other - before), test.p < 0.05
            {
              alarmsUnpaired[name, default: 0] += 1
            }
          }
        }
        for name in [MetricName.brierScore, .logLoss, .top2Accuracy, .rocAUC]
        where truth[name] != nil {
          let coverage = Double(covered[name] ?? 0) / Double(Self.reps)
          let paired = Double(alarmsPaired[name] ?? 0) / Double(Self.reps)
          let unpaired = Double(alarmsUnpaired[name] ?? 0) / Double(Self.reps)
          worstCoverage = min(worstCoverage, coverage)
          worstAlarm = max(worstAlarm, paired, unpaired)
          table.append(
            "| \(name.rawValue) | \(classes) | \(n) | \(String(format: "%.1f", 100 * coverage)) | \(String(format: "%.1f", 100 * paired)) | \(String(format: "%.1f", 100 * unpaired)) |"
          )
        }
      }
    }
    print(table.joined(separator: "\n"))
    print("repetitions per cell: \(Self.reps)")
    // Loose bounds: with 100 repetitions one Monte Carlo standard error is 2.2 points.
    XCTAssertGreaterThanOrEqual(worstCoverage, 0.85)
    XCTAssertLessThanOrEqual(worstAlarm, 0.11)
  }
}
