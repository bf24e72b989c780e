import CandorAnalysis
import CandorModel
import CandorWorkspace
import XCTest

/// A declared class the set never saw (no true example, never predicted) is outside the macro
/// averages, in the estimate and in every posterior draw: the prior lets a draw "predict" it,
/// and counting that phantom class pulled macro F1's interval below its own estimate and made
/// macro recall's the whole range, while balanced accuracy, the same number, had a real one.
final class AbsentClassIntervalTests: XCTestCase {
  func testMacroAveragesKeepToTheClassesTheSetSaw() throws {
    let matrix = ConfusionCounts([[14, 6, 0], [3, 17, 0], [0, 0, 0]])
    let estimates = Dictionary(
      uniqueKeysWithValues: SetAnalyzer(classes: ["a", "b", "c"], positive: nil).estimates(matrix)
        .map { ($0.name, $0.estimate) })
    let recall = try XCTUnwrap(estimates[.macroRecall])
    let balanced = try XCTUnwrap(estimates[.balancedAccuracy])
    XCTAssertEqual(recall.value, balanced.value)
    XCTAssertEqual(recall.ci95, balanced.ci95)
    let f1 = try XCTUnwrap(estimates[.macroF1])
    let (value, interval) = (try XCTUnwrap(f1.value), try XCTUnwrap(f1.ci95))
    XCTAssertLessThan(interval.lowerBound, value - 0.05, "\(interval)")
    XCTAssertGreaterThan(interval.upperBound, value + 0.05, "\(interval)")
  }
}
