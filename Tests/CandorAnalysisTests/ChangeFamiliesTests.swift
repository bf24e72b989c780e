import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorWorkspace

/// `family` names a metric's role, as the contract defines it: `primary` is each task's
/// primary metric on each set, nothing else.
final class ChangeFamiliesTests: XCTestCase {
  func change(_ metric: MetricName, p: Double, group: Int? = nil) -> MetricChange {
    var change = MetricChange(
      metric: metric, previous: 0.6, current: 0.7, delta: 0.1, ci95: 0.05...0.15,
      test: .signFlip, pValue: p, adjustedPValue: nil, significant: false)
    change.evidenceGroup = group
    return change
  }

  /// One set whose primary is macro recall, with its twin balanced accuracy (one evidence
  /// group) and accuracy, after adjustment; by metric, with the families' sizes.
  func adjusted(primaryP: Double, accuracyP: Double) -> (
    [MetricName: MetricChange], (primary: Int, supporting: Int)
  ) {
    var members = [
      ChangeFamilies.Member(
        primary: .macroRecall,
        changes: [
          change(.macroRecall, p: primaryP, group: 7),
          change(.balancedAccuracy, p: primaryP, group: 7), change(.accuracy, p: accuracyP),
        ])
    ]
    let counts = ChangeFamilies.apply(&members)
    return (Dictionary(uniqueKeysWithValues: members[0].changes.map { ($0.metric, $0) }), counts)
  }

  /// Balanced accuracy is macro recall on a resampled matrix: one hypothesis, one verdict,
  /// counted once in the primary family, but only macro recall is labelled `primary`.
  func testATwinOfThePrimarySharesItsVerdictButIsLabelledSupporting() {
    let (byMetric, counts) = adjusted(primaryP: 0.01, accuracyP: 0.2)
    XCTAssertEqual(counts.primary, 1)
    XCTAssertEqual(counts.supporting, 1)
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
    let (byMetric, _) = adjusted(primaryP: 0.07, accuracyP: 0.07)
    XCTAssertEqual(byMetric[.macroRecall]?.isSuggestive, true)
    XCTAssertEqual(byMetric[.balancedAccuracy]?.isSuggestive, true)
    XCTAssertEqual(
      byMetric[.accuracy]?.isSuggestive, false, "a supporting metric is never 'likely'")
  }
}
