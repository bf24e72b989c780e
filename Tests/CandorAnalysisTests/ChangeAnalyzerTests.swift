import CandorTestSupport
import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorWorkspace

/// Week-over-week changes: the right test for the data, and honest nulls.
final class ChangeAnalyzerTests: XCTestCase {
  let analyzer = SetAnalyzer(classes: ["ok", "failure"], positive: 1)

  func set(_ matrix: [[Int]], keyed: KeyedExamples? = nil) -> EvaluationSet {
    EvaluationSet(
      setID: "s", file: "s.csv", source: .predictions, matrix: matrix, segments: [], scored: nil,
      keyed: keyed, histogram: nil)
  }

  func compare(_ before: EvaluationSet, _ after: EvaluationSet) -> [MetricName: MetricChange] {
    let changes = ChangeAnalyzer().compare(
      before: (before, analyzer.analyze(before)), after: (after, analyzer.analyze(after)))
    return Dictionary(uniqueKeysWithValues: changes.map { ($0.metric, $0) })
  }

  func testUndefinedEarlierValueGivesNullDeltaWithReason() {
    // No failure at all in the earlier week: its recall is undefined.
    let changes = compare(set([[100, 5], [0, 0]]), set([[100, 5], [3, 7]]))
    XCTAssertNil(changes[.recall]?.delta)
    XCTAssertEqual(
      changes[.recall]?.reason, .earlierUndefined(.noExample(label: "failure", metric: .recall)))
    XCTAssertEqual(
      changes[.recall]?.reason.map(testWords.reason),
      "the earlier week's value is undefined — the set has no 'failure' example, so recall has nothing to measure"
    )
    XCTAssertNotNil(changes[.accuracy]?.delta)
  }

  /// A declared class neither week saw stays out of macro averages in the posterior draws too,
  /// so the change's interval surrounds the change (see `AbsentClassIntervalTests`).
  func testAClassNeitherWeekSawStaysOutOfTheChangeInterval() throws {
    let analyzer = SetAnalyzer(classes: ["a", "b", "c"], positive: nil)
    let before = set([[14, 6, 0], [5, 15, 0], [0, 0, 0]])
    let after = set([[17, 3, 0], [4, 16, 0], [0, 0, 0]])
    let changes = ChangeAnalyzer().compare(
      before: (before, analyzer.analyze(before)), after: (after, analyzer.analyze(after)))
    let byMetric = Dictionary(uniqueKeysWithValues: changes.map { ($0.metric, $0) })
    let recall = try XCTUnwrap(byMetric[.macroRecall])
    let balanced = try XCTUnwrap(byMetric[.balancedAccuracy])
    XCTAssertEqual(recall.ci95, balanced.ci95)
    let f1 = try XCTUnwrap(byMetric[.macroF1])
    let (delta, interval) = (try XCTUnwrap(f1.delta), try XCTUnwrap(f1.ci95))
    XCTAssertLessThan(interval.lowerBound, delta - 0.05, "\(interval)")
    XCTAssertGreaterThan(interval.upperBound, delta + 0.05, "\(interval)")
  }

  func testUnpairedChangesUseAPermutationTestWithAnIntervalThatAgrees() {
    let changes = compare(set([[900, 20], [40, 40]]), set([[900, 20], [20, 60]]))
    XCTAssertEqual(changes[.recall]?.test?.name, "permutation")
    XCTAssertEqual(changes[.f1]?.test?.name, "permutation")
    XCTAssertEqual(changes[.recall]!.delta!, 0.25, accuracy: 1e-12)
    let ci = changes[.recall]!.ci95!
    XCTAssertTrue(ci.contains(0.25))
    // 40 of 80 against 60 of 80: well beyond noise, and the interval says so too.
    XCTAssertLessThan(changes[.recall]!.pValue!, 0.01)
    XCTAssertGreaterThan(ci.lowerBound, 0)
  }

  func testSharedIDsUseMcNemarOnTheExamplesThatChanged() {
    // 10 failures; the earlier model caught ids 0-3, the later one ids 0-8.
    let ids = (0..<UInt64(110)).map { $0 &* 0x9E37_79B9_7F4A_7C15 }
    func keyed(caught: Int) -> KeyedExamples {
      KeyedExamples(
        idHashes: ids, labels: (0..<110).map { $0 < 10 ? 1 : 0 },
        predictions: (0..<110).map { $0 < caught ? 1 : 0 })
    }
    let before = set([[100, 0], [6, 4]], keyed: keyed(caught: 4))
    let after = set([[100, 0], [1, 9]], keyed: keyed(caught: 9))
    let changes = compare(before, after)
    let recall = changes[.recall]!
    XCTAssertEqual(recall.test?.name, "sign-flip-exact")
    XCTAssertEqual(recall.pairedExamples, 110)
    // Mid-p McNemar with 5 improved, 0 worsened: nothing is more extreme, and the tie (all
    // five one way, either way) has probability 2 · 0.5^5, counted half: 0.03125, beyond noise
    // (the exact test's 0.0625 could not reject with fewer than six discordant pairs).
    XCTAssertEqual(recall.pValue!, 0.03125, accuracy: 1e-12)
    XCTAssertGreaterThan(recall.ci95!.lowerBound, 0)
    // Only failures' answers changed: balanced accuracy carries the same information.
    XCTAssertEqual(changes[.balancedAccuracy]!.pValue!, 0.03125, accuracy: 1e-12)
    XCTAssertEqual(changes[.balancedAccuracy]!.evidenceGroup, recall.evidenceGroup)
    // Four improved, none worsened: mid-p 0.0625, within noise, and the interval reaches zero.
    let four = compare(before, set([[100, 0], [2, 8]], keyed: keyed(caught: 8)))[.recall]!
    XCTAssertEqual(four.pValue!, 0.0625, accuracy: 1e-12)
    XCTAssertEqual(four.ci95!.lowerBound, 0)
  }

  /// On a very large change the normal tail underflows; a p-value of 0 would read as "impossible".
  func testAVeryLargeChangeHasATinyButPositivePValue() {
    let changes = compare(
      set([[100_000, 0], [50_000, 50_000]]), set([[100_000, 0], [0, 100_000]]))
    XCTAssertGreaterThan(changes[.recall]!.pValue!, 0)
    XCTAssertLessThan(changes[.recall]!.pValue!, 1e-100)
  }
}
