import CandorTestSupport
import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorWorkspace

/// Over thousands of random small workspaces: every interval can be true (within the range of
/// what it measures, never of zero width, containing its estimate), an interval for a change
/// excludes zero exactly when its test says "beyond noise", and metrics that carry the same
/// information never get different verdicts.
final class IntervalPropertyTests: SelfCheckCase {
  struct Tally: CustomStringConvertible {
    var workspaces = 0, intervals = 0, outside = 0, zeroWidth = 0, missingEstimate = 0,
      testDisagrees = 0
    var recallPairs = 0, recallContradictions = 0, macroPairs = 0, macroContradictions = 0
    var description: String {
      "\(workspaces) workspaces, \(intervals) intervals: \(outside) outside their range, \(zeroWidth) of zero width, "
        + "\(missingEstimate) missing their estimate, \(testDisagrees) disagreeing with their test; "
        + "balanced accuracy vs recall (only positives changed): \(recallContradictions) contradictions in \(recallPairs); "
        + "balanced accuracy vs macro recall: \(macroContradictions) contradictions in \(macroPairs)"
    }

    mutating func check(
      _ interval: ClosedRange<Double>?, value: Double?, range: ClosedRange<Double>,
      context: @autoclosure () -> String
    ) {
      guard let interval, let value else { return }
      intervals += 1
      if interval.lowerBound < range.lowerBound || interval.upperBound > range.upperBound {
        outside += 1
        print("outside: \(context()) \(interval)")
      }
      if interval.upperBound - interval.lowerBound <= 0 {
        zeroWidth += 1
        print("zero width: \(context()) \(interval)")
      }
      if !interval.contains(value) {
        missingEstimate += 1
        print("misses estimate: \(context()) \(value) \(interval)")
      }
    }

    mutating func check(_ analysis: SetAnalysis, _ changes: [MetricChange]) {
      for (name, estimate) in analysis.metrics {
        check(
          estimate.ci95, value: estimate.value,
          range: name == .mcc || name == .cohenKappa ? -1...1 : 0...1, context: "\(name)")
      }
      for change in changes {
        check(
          change.ci95, value: change.delta, range: change.metric.changeRange,
          context: "change of \(change.metric)")
        if let p = change.pValue, let ci = change.ci95, (p < Thresholds.alpha) == ci.contains(0) {
          testDisagrees += 1
          print("test and interval disagree: \(change.metric) p=\(p) \(ci)")
        }
      }
    }
  }

  static func set(_ matrix: [[Int]], keyed: KeyedExamples?, scored: ScoredExamples? = nil)
    -> EvaluationSet
  {
    EvaluationSet(
      setID: "s", file: "s.csv", source: .predictions, matrix: matrix, segments: [], scored: scored,
      keyed: keyed, histogram: nil)
  }

  /// A small binary set: `answers[i]` is example i's prediction, `scores[i]` its score.
  static func binary(positives: Int, answers: [Bool], scores: [Double]) -> EvaluationSet {
    var matrix = [[0, 0], [0, 0]]
    for (index, answer) in answers.enumerated() {
      matrix[index < positives ? 1 : 0][answer ? 1 : 0] += 1
    }
    let labels = answers.indices.map { UInt16($0 < positives ? 1 : 0) }
    return set(
      matrix,
      keyed: KeyedExamples(
        idHashes: answers.indices.map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }, labels: labels,
        predictions: answers.map { $0 ? 1 : 0 }, scores: scores),
      scored: ScoredExamples(scores: scores, isPositive: answers.indices.map { $0 < positives }))
  }

  func testThousandsOfSmallWorkspacesGiveFeasibleIntervalsAndOneVerdictPerChange() {
    var random = RandomSource(seed: 20_261_128)
    var tally = Tally()
    let analyzer = SetAnalyzer(classes: ["ok", "failure"], positive: 1)
    for round in 0..<1500 {
      tally.workspaces += 1
      if round % 3 == 2 {
        checkMulticlass(&random, &tally)
        continue
      }
      // Binary, paired, only the positives' answers (and scores) change.
      let positives = Int.random(in: 1...30, using: &random)
      let negatives = Int.random(in: 1...120, using: &random)
      let recallBefore = Double.random(in: 0...1, using: &random)
      let recallAfter = Double.random(in: 0...1, using: &random)
      let falseAlarm = Double.random(in: 0...0.5, using: &random)
      var before: [Bool] = []
      var after: [Bool] = []
      var scoresBefore: [Double] = []
      var scoresAfter: [Double] = []
      for index in 0..<(positives + negatives) {
        let positive = index < positives
        let b = Double.random(in: 0..<1, using: &random) < (positive ? recallBefore : falseAlarm)
        let a = positive ? Double.random(in: 0..<1, using: &random) < recallAfter : b
        before.append(b)
        after.append(a)
        // Scores on a coarse grid, so ties are common.
        let s = (Double.random(in: 0..<1, using: &random) * 10).rounded() / 10
        scoresBefore.append(b ? 0.5 + s / 2 : s / 2)
        scoresAfter.append(positive ? (a ? 0.5 + s / 2 : s / 2) : scoresBefore[index])
      }
      let x = Self.binary(positives: positives, answers: before, scores: scoresBefore)
      let y = Self.binary(positives: positives, answers: after, scores: scoresAfter)
      let ax = analyzer.analyze(x)
      let ay = analyzer.analyze(y)
      let primary: MetricName = round % 2 == 0 ? .recall : .balancedAccuracy
      var members = [
        ChangeFamilies.Member(
          primary: primary, changes: ChangeAnalyzer().compare(before: (x, ax), after: (y, ay)))
      ]
      ChangeFamilies.apply(&members)
      let changes = members[0].changes
      tally.check(ay, changes)
      if let recall = changes.first(where: { $0.metric == .recall }),
        let balanced = changes.first(where: { $0.metric == .balancedAccuracy }),
        recall.pValue != nil, balanced.pValue != nil
      {
        tally.recallPairs += 1
        if recall.significant != balanced.significant
          || (recall.delta! > 0) != (balanced.delta! > 0) && recall.delta != 0
        {
          tally.recallContradictions += 1
          print("recall vs balanced accuracy: \(recall) \(balanced)")
        }
      }
    }
    print("property: \(tally)")
    XCTAssertEqual(tally.outside, 0)
    XCTAssertEqual(tally.zeroWidth, 0)
    XCTAssertEqual(tally.missingEstimate, 0)
    XCTAssertEqual(tally.testDisagrees, 0)
    XCTAssertEqual(tally.recallContradictions, 0)
    XCTAssertEqual(tally.macroContradictions, 0)
    XCTAssertGreaterThan(tally.recallPairs, 500)
    XCTAssertGreaterThan(tally.macroPairs, 200)
  }

  func checkMulticlass(_ random: inout RandomSource, _ tally: inout Tally) {
    let k = Int.random(in: 3...5, using: &random)
    let n = Int.random(in: 5...150, using: &random)
    let classes = (0..<k).map { "c\($0)" }
    let paired = Bool.random(using: &random)
    func draw() -> ([UInt16], [UInt16]) {
      let labels = (0..<n).map { _ in UInt16.random(in: 0..<UInt16(k), using: &random) }
      let skill = Double.random(in: 0...1, using: &random)
      let predictions = labels.map {
        Double.random(in: 0..<1, using: &random) < skill
          ? $0 : UInt16.random(in: 0..<UInt16(k), using: &random)
      }
      return (labels, predictions)
    }
    func evaluation(_ labels: [UInt16], _ predictions: [UInt16]) -> EvaluationSet {
      var matrix = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
      for (l, p) in zip(labels, predictions) { matrix[Int(l)][Int(p)] += 1 }
      return Self.set(
        matrix,
        keyed: paired
          ? KeyedExamples(
            idHashes: (0..<n).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 },
            labels: labels, predictions: predictions) : nil)
    }
    let (labels, first) = draw()
    var (otherLabels, second) = draw()
    if paired {
      otherLabels = labels
      second = zip(first, second).map { Bool.random(using: &random) ? $0 : $1 }
    }
    let x = evaluation(labels, first)
    let y = evaluation(otherLabels, second)
    let analyzer = SetAnalyzer(classes: classes, positive: nil)
    let ax = analyzer.analyze(x)
    let ay = analyzer.analyze(y)
    var members = [
      ChangeFamilies.Member(
        primary: Bool.random(using: &random) ? .macroF1 : .balancedAccuracy,
        changes: ChangeAnalyzer().compare(before: (x, ax), after: (y, ay)))
    ]
    ChangeFamilies.apply(&members)
    let changes = members[0].changes
    tally.check(ay, changes)
    if let a = changes.first(where: { $0.metric == .balancedAccuracy }),
      let b = changes.first(where: { $0.metric == .macroRecall }),
      a.pValue != nil, b.pValue != nil, a.delta == b.delta
    {
      tally.macroPairs += 1
      if a.significant != b.significant || a.pValue != b.pValue {
        tally.macroContradictions += 1
        print("balanced accuracy vs macro recall: \(a) \(b)")
      }
    }
  }
}
