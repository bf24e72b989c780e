import CandorTestSupport
import Foundation
import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorWorkspace

/// Every metric against numbers scikit-learn computed (Scripts/sklearn_fixtures.py), to 1e-9,
/// including which values are undefined (`null` where scikit-learn divides 0 by 0).
final class SklearnReferenceTests: XCTestCase {
  static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  struct ConfusionCase: Decodable {
    var name: String
    var kind: String
    var labels: [String]
    var positiveLabel: String?
    var matrix: [[Int]]
    var expected: [String: Double?]

    enum CodingKeys: String, CodingKey {
      case name, kind, labels, matrix, expected
      case positiveLabel = "positive_label"
    }
  }

  struct RankingCase: Decodable {
    var name: String
    var labels: [Int]
    var scores: [Double]
    var expected: [String: Double?]
  }

  struct File<Case: Decodable>: Decodable { var cases: [Case] }

  func load<Case: Decodable>(_ name: String, as: Case.Type) throws -> [Case] {
    try JSONDecoder().decode(
      File<Case>.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent(name))
    ).cases
  }

  func testConfusionMetricsMatchScikitLearn() throws {
    let cases = try load("sklearn-confusion.json", as: ConfusionCase.self)
    XCTAssertGreaterThan(cases.count, 300)
    var checked = 0
    for testCase in cases {
      let positive = testCase.positiveLabel.flatMap { testCase.labels.firstIndex(of: $0) }
      let metrics = CountMetrics(
        counts: ConfusionCounts(testCase.matrix), classes: testCase.labels, positive: positive)
      for (key, expected) in testCase.expected {
        let name = try XCTUnwrap(MetricName(rawValue: key), key)
        let actual = metrics.value(name)
        switch (expected, actual) {
        case (.some(let value), .value(let number)):
          XCTAssertEqual(number, value, accuracy: 1e-9, "\(testCase.name) \(key)")
        case (.none, .undefined(let reason)):
          XCTAssertFalse(testWords.reason(reason).isEmpty, "\(testCase.name) \(key)")
        default:
          XCTFail(
            "\(testCase.name) \(key): scikit-learn \(String(describing: expected)), Candor \(actual)"
          )
        }
        checked += 1
      }
    }
    XCTAssertGreaterThan(checked, 2500)
  }

  func testRankingMetricsMatchScikitLearnWithTies() throws {
    let cases = try load("sklearn-ranking.json", as: RankingCase.self)
    XCTAssertGreaterThan(cases.count, 50)
    for testCase in cases {
      let ranking = RankingMetrics(
        scores: testCase.scores, isPositive: testCase.labels.map { $0 == 1 })
      for (key, expected) in testCase.expected {
        let actual = key == "roc_auc" ? ranking.rocAUC : ranking.averagePrecision
        switch (expected, actual) {
        case (.some(let value), .some(let number)):
          XCTAssertEqual(number, value, accuracy: 1e-9, "\(testCase.name) \(key)")
        case (.none, .none):
          break
        default:
          XCTFail(
            "\(testCase.name) \(key): scikit-learn \(String(describing: expected)), Candor \(String(describing: actual))"
          )
        }
      }
    }
  }

  /// Every interval Candor reports contains its value, on every fixture matrix.
  func testEveryIntervalContainsItsValue() throws {
    for testCase in try load("sklearn-confusion.json", as: ConfusionCase.self).prefix(120) {
      let positive = testCase.positiveLabel.flatMap { testCase.labels.firstIndex(of: $0) }
      for (name, estimate) in SetAnalyzer(classes: testCase.labels, positive: positive).estimates(
        ConfusionCounts(testCase.matrix))
      {
        guard let value = estimate.value else {
          XCTAssertNil(estimate.ci95)
          continue
        }
        let interval = try XCTUnwrap(estimate.ci95, "\(testCase.name) \(name)")
        XCTAssertTrue(
          interval.contains(value), "\(testCase.name) \(name): \(value) outside \(interval)")
      }
    }
  }
}

extension SklearnReferenceTests {
  /// A histogram whose bins each hold one distinct score gives the exact values; coarser
  /// bins treat a bin as tied scores (the documented approximation).
  func testHistogramRankingIsExactWhenBinsSeparateScores() throws {
    for testCase in try load("sklearn-ranking.json", as: RankingCase.self)
    where testCase.name.contains("tie") || testCase.name.contains("three-values")
      || testCase.name.contains("grid")
    {
      let distinct = Array(Set(testCase.scores)).sorted()
      let edges = distinct + [distinct.last! + 1]
      var positive = [Int](repeating: 0, count: distinct.count)
      var negative = positive
      for (score, label) in zip(testCase.scores, testCase.labels) {
        let bin = distinct.firstIndex(of: score)!
        if label == 1 { positive[bin] += 1 } else { negative[bin] += 1 }
      }
      let binned = RankingMetrics(
        histogram: ScoreHistogram(edges: edges, positive: positive, negative: negative))
      let exact = RankingMetrics(
        scores: testCase.scores, isPositive: testCase.labels.map { $0 == 1 })
      XCTAssertEqual(binned.rocAUC ?? -1, exact.rocAUC ?? -1, accuracy: 1e-12, testCase.name)
      XCTAssertEqual(
        binned.averagePrecision ?? -1, exact.averagePrecision ?? -1, accuracy: 1e-12, testCase.name)
      XCTAssertTrue(binned.isApproximate)
    }
  }
}
