import XCTest

@testable import CandorAnalysis
@testable import CandorWorkspace

/// `family` names a metric's role, as the contract defines it: `primary` is each task's
/// primary metric on each set, nothing else.
final class ChangeFamiliesTests: XCTestCase {
  func change(_ metric: MetricName, p: Double, group: Int? = nil) -> MetricChange {
    var change = MetricChange(
      metric: metric, previous: 0.6, current: 0.7, delta: 0.1, ci95: 0.05...0.15,
      test: "sign-flip", pValue: p, adjustedPValue: nil, significant: false)
    change.evidenceGroup = group
    return change
  }

  /// Balanced accuracy is macro recall on a resampled matrix: one hypothesis, one verdict,
  /// counted once in the primary family, but only macro recall is labelled `primary`.
  func testATwinOfThePrimarySharesItsVerdictButIsLabelledSupporting() {
    var members = [
      ChangeFamilies.Member(
        primary: .macroRecall,
        changes: [
          change(.macroRecall, p: 0.01, group: 7), change(.balancedAccuracy, p: 0.01, group: 7),
          change(.accuracy, p: 0.2),
        ])
    ]
    let counts = ChangeFamilies.apply(&members)
    XCTAssertEqual(counts.primary, 1)
    XCTAssertEqual(counts.supporting, 1)
    let byMetric = Dictionary(uniqueKeysWithValues: members[0].changes.map { ($0.metric, $0) })
    XCTAssertEqual(byMetric[.macroRecall]?.family, .primary)
    XCTAssertEqual(byMetric[.balancedAccuracy]?.family, .supporting)
    XCTAssertEqual(byMetric[.accuracy]?.family, .supporting)
    XCTAssertEqual(
      byMetric[.balancedAccuracy]?.adjustedPValue, byMetric[.macroRecall]?.adjustedPValue)
    XCTAssertEqual(byMetric[.balancedAccuracy]?.significant, true)
    XCTAssertEqual(byMetric[.macroRecall]?.significant, true)
    XCTAssertEqual(byMetric[.accuracy]?.significant, false)
  }

  /// "Likely, not yet confirmed" is the primary's verdict too, so its twin says it as well.
  func testATwinOfThePrimaryIsLikelyWhenThePrimaryIs() {
    var members = [
      ChangeFamilies.Member(
        primary: .macroRecall,
        changes: [
          change(.macroRecall, p: 0.07, group: 7), change(.balancedAccuracy, p: 0.07, group: 7),
          change(.accuracy, p: 0.07),
        ])
    ]
    ChangeFamilies.apply(&members)
    let byMetric = Dictionary(uniqueKeysWithValues: members[0].changes.map { ($0.metric, $0) })
    XCTAssertEqual(byMetric[.macroRecall]?.isSuggestive, true)
    XCTAssertEqual(byMetric[.balancedAccuracy]?.isSuggestive, true)
    XCTAssertEqual(
      byMetric[.accuracy]?.isSuggestive, false, "a supporting metric is never 'likely'")
  }
}
