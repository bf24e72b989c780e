import Foundation
import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorWorkspace

/// Multiclass ROC AUC, top-2 accuracy, Brier score and log loss against numbers scikit-learn
/// computed (Scripts/sklearn_score_fixtures.py), to 1e-9: ties, a class never predicted, a
/// class absent from the truth (ROC AUC undefined), two classes and more, clipped certainties.
final class ScoreReferenceTests: XCTestCase {
  struct ScoreCase: Decodable {
    enum Scores: Decodable {
      case rows([[Double]])
      case column([Double])

      init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let rows = try? container.decode([[Double]].self) {
          self = .rows(rows)
        } else {
          self = .column(try container.decode([Double].self))
        }
      }
    }

    var name: String
    var kind: String
    var classes: [String]
    var labels: [Int]
    var scores: Scores
    var expected: [String: Double?]
  }

  struct File: Decodable {
    var sklearnVersion: String
    var cases: [ScoreCase]

    enum CodingKeys: String, CodingKey {
      case cases
      case sklearnVersion = "sklearn_version"
    }
  }

  /// The set a case describes, and the metrics Candor computes on it.
  func analysed(_ testCase: ScoreCase) -> SetAnalysis {
    let k = testCase.classes.count
    var matrix = [[Int]](repeating: [Int](repeating: 0, count: k), count: k)
    var set = EvaluationSet(
      setID: "s", file: "f", source: .predictions, matrix: [], segments: [], scored: nil,
      keyed: nil, histogram: nil)
    switch testCase.scores {
    case .rows(let rows):
      for (label, row) in zip(testCase.labels, rows) {
        let predicted = row.indices.max { (row[$0], -$0) < (row[$1], -$1) }!
        matrix[label][predicted] += 1
      }
      set.classScores = ClassScores(
        classes: k, labels: testCase.labels.map(UInt8.init), scores: rows.flatMap { $0 })
    case .column(let scores):
      for (label, score) in zip(testCase.labels, scores) {
        matrix[label][score >= 0.5 ? 1 : 0] += 1
      }
      set.scored = ScoredExamples(scores: scores, isPositive: testCase.labels.map { $0 == 1 })
    }
    set.matrix = matrix
    let analyzer = SetAnalyzer(
      classes: testCase.classes, positive: testCase.kind == "binary" ? 1 : nil, probabilities: true)
    return analyzer.analyze(set)
  }

  /// Class scores need not sum to 1 (each is checked to lie in [0, 1]), so an example's Brier
  /// score can reach the number of classes: scikit-learn's `brier_score_loss` gives 3.0 on
  /// five rows of [0, 1, 1] with the first class true. The interval keeps to [0, 3] and holds it.
  func testABrierScoreOfRowsThatDoNotSumToOneStaysInItsInterval() throws {
    let testCase = ScoreCase(
      name: "unnormalised", kind: "multiclass", classes: ["a", "b", "c"],
      labels: [0, 0, 0, 0, 0], scores: .rows(Array(repeating: [0, 1, 1], count: 5)),
      expected: [:])
    let estimate = try XCTUnwrap(analysed(testCase).estimate(.brierScore))
    XCTAssertEqual(estimate.value, 3.0)
    let ci = try XCTUnwrap(estimate.ci95)
    XCTAssertTrue(ci.contains(3.0), "\(ci)")
    XCTAssertGreaterThanOrEqual(ci.lowerBound, 0)
    XCTAssertLessThanOrEqual(ci.upperBound, 3)
  }

  func testScoreMetricsMatchScikitLearn() throws {
    let url = SklearnReferenceTests.fixtures.appendingPathComponent("sklearn-scores.json")
    let file = try JSONDecoder().decode(File.self, from: Data(contentsOf: url))
    XCTAssertEqual(file.sklearnVersion, "1.9.1")
    XCTAssertGreaterThanOrEqual(file.cases.count, 16)
    var checked = 0
    for testCase in file.cases {
      let analysis = analysed(testCase)
      for (key, expected) in testCase.expected {
        let name = try XCTUnwrap(MetricName(rawValue: key), key)
        let estimate = try XCTUnwrap(analysis.estimate(name), "\(testCase.name) \(key) missing")
        if let expected {
          let value = try XCTUnwrap(estimate.value, "\(testCase.name) \(key) undefined")
          XCTAssertEqual(value, expected, accuracy: 1e-9, "\(testCase.name) \(key)")
          let ci = try XCTUnwrap(estimate.ci95)
          XCTAssertTrue(ci.contains(value), "\(testCase.name) \(key) \(ci)")
          XCTAssertLessThan(ci.lowerBound, ci.upperBound, "\(testCase.name) \(key) zero width")
          XCTAssertGreaterThanOrEqual(ci.lowerBound, 0)
          // A Brier score over three classes or more lies in [0, 2], as scikit-learn's does.
          let top = name == .brierScore && testCase.classes.count >= 3 ? 2.0 : 1.0
          if name != .logLoss { XCTAssertLessThanOrEqual(ci.upperBound, top) }
        } else {
          XCTAssertNil(estimate.value, "\(testCase.name) \(key)")
          XCTAssertEqual(estimate.reason, .noExample(label: "warm", metric: .rocAUC))
        }
        checked += 1
      }
      // Top-2 accuracy exists only with three classes or more.
      XCTAssertEqual(
        analysis.estimate(.top2Accuracy) != nil,
        testCase.classes.count >= 3 && testCase.kind != "binary",
        testCase.name)
    }
    XCTAssertGreaterThan(checked, 50)
  }

  /// scikit-learn's argsort is stable and reversed: among tied scores the later class ranks
  /// first. With [0.4, 0.3, 0.3] the top two are a and c, so b (tied with c) misses.
  func testTop2TiesGoToTheLaterClass() {
    let scores = ClassScores(
      classes: 3, labels: [1, 2, 0, 0],
      scores: [0.4, 0.3, 0.3, 0.4, 0.3, 0.3, 0.2, 0.4, 0.4, 0.3, 0.3, 0.4])
    // Rows: b with b=c tied below a → miss; c → hit; a at 0.2 below two 0.4s → miss;
    // a tied with b at 0.3 below c: b is later than a, so b takes the second slot → miss.
    XCTAssertEqual(ClassScoreMetrics.top2Hits(scores, sortedRank: [0, 1, 2]), [0, 1, 0, 0])
  }

  /// scikit-learn orders the columns by the sorted labels, whatever `classes:` says: with
  /// `classes: [b, a, c]` and every score tied, the top two are c and b (later in sorted order
  /// first). `top_k_accuracy_score(["b","b","a","c"], P, k=2)` with P all ⅓ is 0.75.
  func testTop2TiesFollowTheSortedClassNamesNotTheDeclaredOrder() {
    let scores = ClassScores(
      classes: 3, labels: [0, 0, 1, 2], scores: [Double](repeating: 1.0 / 3, count: 12))
    let rank = ClassScoreMetrics.sortedRank(["b", "a", "c"])
    XCTAssertEqual(rank, [1, 0, 2])
    XCTAssertEqual(ClassScoreMetrics.top2Hits(scores, sortedRank: rank), [1, 1, 0, 1])
    // Numbers sort as numbers, as pandas' integer classes reach scikit-learn: 9 before 10.
    XCTAssertEqual(ClassScoreMetrics.sortedRank(["10", "9", "2.5"]), [2, 1, 0])
  }

  /// The log loss of a certain, wrong answer is −log(ε), not infinity.
  func testLogLossClipsAtMachineEpsilon() {
    XCTAssertEqual(
      ProbabilityLosses.logLoss(probabilityOfTruth: 0), -log(Double.ulpOfOne), accuracy: 1e-12)
    XCTAssertEqual(
      ProbabilityLosses.logLoss(probabilityOfTruth: 1), -log(1 - Double.ulpOfOne), accuracy: 1e-18)
    XCTAssertEqual(
      ProbabilityLosses.binaryLogLoss(1e-30, positive: false), -log(1 - Double.ulpOfOne),
      accuracy: 1e-18)
  }
}
