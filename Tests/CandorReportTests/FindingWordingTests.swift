import CandorTestSupport
import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorReport
@testable import CandorWorkspace

/// Issue 12: no finding on a non-event, the continuous accuracy rule, complements and identical
/// metrics said once, and every wording choice tested on both sides of its boundary.
final class FindingWordingTests: XCTestCase {
  typealias F = AnalysisFixture

  func change(_ metric: MetricName, from: Double, to: Double, significant: Bool, p: Double? = nil)
    -> MetricChange
  {
    var change = MetricChange(
      metric: metric, previous: from, current: to, delta: to - from,
      ci95: (to - from - 0.05)...(to - from + 0.05),
      test: .permutation, pValue: p ?? (significant ? 0.001 : 0.4),
      adjustedPValue: significant ? 0.01 : 1,
      significant: significant)
    change.family = .supporting
    return change
  }

  func findings(_ task: TaskAnalysis) -> [Finding] { FindingDetectors.changes(task, task.sets[0]) }

  func testNoFindingOnAZeroChangeOrOneThatRoundsToZero() {
    var task = F.task(["s": [[900, 0], [0, 100]]])
    // "Recall stayed level (100.0% to 100.0%)" is not news.
    task.sets[0].changes = [change(.recall, from: 1, to: 1, significant: false)]
    XCTAssertEqual(findings(task).map(\.code.rawValue), [])
    // 84.002% to 83.998% would print as "−0.00 points": no event, even when a huge set calls it
    // significant.
    task.sets[0].changes = [change(.recall, from: 0.84002, to: 0.83998, significant: true)]
    XCTAssertEqual(findings(task).map(\.code.rawValue), [])
    // Within noise, the same change is still the contract's change-not-significant, in words
    // that say it did not show.
    task.sets[0].changes = [change(.recall, from: 0.84002, to: 0.83998, significant: false)]
    XCTAssertEqual(findings(task).map(\.code.rawValue), ["change-not-significant"])
    XCTAssertTrue(
      findings(task)[0].message.hasPrefix(
        "Recall on 's' stayed at 84.0%, moving less than the precision shown (95% interval"),
      findings(task)[0].message)
    // 84.02% to 83.98% prints as 84.0% both weeks, but its change prints as −0.04 points: an
    // event, its ends written to two decimals so they show it.
    task.sets[0].changes = [change(.recall, from: 0.8402, to: 0.8398, significant: false)]
    XCTAssertEqual(findings(task).map(\.code.rawValue), ["change-not-significant"])
    XCTAssertTrue(
      findings(task)[0].message.hasPrefix(
        "Recall on 's' fell by 0.04 points, from 84.02% to 83.98%"),
      findings(task)[0].message)
    // A score's change prints to 0.001: under that it is no event ("fell by 0.000" never
    // appears); from there it is one, its ends written to the same precision, so that they show
    // the change even where both print as 0.84 ("0.841 to 0.839", not "0.84 to 0.84").
    var multi = F.task(
      ["s": [[300, 0, 0], [0, 300, 0], [0, 10, 90]]], classes: ["a", "b", "c"], positive: nil,
      primary: .macroF1)
    multi.sets[0].changes = [change(.macroF1, from: 0.8412, to: 0.8408, significant: true)]
    XCTAssertEqual(findings(multi).map(\.code.rawValue), [])
    multi.sets[0].changes = [change(.macroF1, from: 0.8412, to: 0.8389, significant: true)]
    XCTAssertEqual(findings(multi).map(\.code.rawValue), ["significant-regression"])
    XCTAssertTrue(
      findings(multi)[0].message.contains("by 0.002, from 0.841 to 0.839"),
      findings(multi)[0].message)
    XCTAssertFalse(findings(multi)[0].message.contains("0.000"), findings(multi)[0].message)
  }

  /// A primary change with p between 5% and 10% (the test set is tested at the full 5%, so
  /// its adjusted p is its own) is "close to confirmed", never "more than noise on this set
  /// alone", which its interval, spanning zero, would contradict; above 10% it is noise.
  func testACloseButUnconfirmedChangeIsNotCalledMoreThanNoise() {
    var task = F.task(["s": [[900, 0], [0, 100]]], primary: .recall)
    for (p, close) in [(0.067, true), (0.2, false)] {
      var move = change(.recall, from: 0.60, to: 0.79, significant: false, p: p)
      move.ci95 = -0.008...0.374
      move.adjustedPValue = p
      move.family = .primary
      move.decidedWithPrimary = true
      task.sets[0].changes = [move]
      let message = findings(task).first { $0.code.rawValue == "change-not-significant" }?.message
      XCTAssertEqual(
        message?.contains("chance alone gives a change this size in fewer than one week in ten"),
        close, message ?? "")
      XCTAssertEqual(message?.contains("within the noise"), !close, message ?? "")
      XCTAssertFalse(message?.contains("more than noise") ?? true, message ?? "")
    }
  }

  /// A validation set's large drop while the test set held still: its own interval leaves out
  /// zero, and the order of tests holds it back. Neither "within noise" nor "too few examples":
  /// more than noise on that set, unconfirmed, a warning; with an interval spanning zero, noise.
  func testAChangeHeldBackByTheOrderOfTestsIsNotCalledNoise() {
    var task = F.task(["s": [[900, 0], [0, 100]]], primary: .recall)
    for (interval, heldBack) in [(-0.443...(-0.356), true), (-0.443...0.05, false)] {
      var move = change(.recall, from: 0.9, to: 0.5, significant: false, p: heldBack ? 1e-50 : 0.3)
      move.ci95 = interval
      move.adjustedPValue = 0.9
      move.family = .primary
      move.decidedWithPrimary = true
      task.sets[0].changes = [move]
      let finding = findings(task).first { $0.code.rawValue == "change-not-significant" }
      let message = finding?.message ?? ""
      XCTAssertEqual(
        message.contains(
          "On this set alone that is more than noise, since its interval leaves out zero"),
        heldBack, message)
      XCTAssertEqual(message.contains("within the noise"), !heldBack, message)
      XCTAssertEqual(finding?.severity, heldBack ? .warning : .info)
    }
  }

  /// A client's unit is a plural: one example is said without it ("Only one 'defect' example",
  /// never "Only 1 'defect' parts are"); two or more keep it. A metric whose name ends in
  /// brackets takes its change inside them.
  func testOneExampleAndABracketedMetricReadAsEnglish() {
    func small(_ total: Int) -> String {
      testWords.message(
        Finding(
          severity: .info, task: "t", set: "s",
          fact: .smallSample(
            SmallClass(
              set: "s", unit: "parts",
              recognised: CaughtCount(label: "defect", caught: total, total: total),
              interval: 0.2...1))))
    }
    XCTAssertTrue(small(1).hasPrefix("Only one 'defect' example is in 's', so"), small(1))
    XCTAssertTrue(small(2).hasPrefix("Only 2 'defect' parts are in 's', so"), small(2))
    let move = MetricMove(
      metric: .prAUC, previous: 0.5, current: 0.702, delta: 0.202, ci95: nil, sameAs: [])
    XCTAssertEqual(testWords.companion(move), "average precision (PR AUC, +0.202)")
  }

  func testAccuracyMisleadingWhenLessThanHalfTheBaselinesErrorsAreRemoved() {
    // The case: a class at exactly 10%, accuracy 92.7% against a 90.0% baseline,
    // recall 67% (the older rules stay silent): the model removes only 27% of the baseline's errors.
    XCTAssertTrue(F.codes(F.task(["s": [[860, 40], [33, 67]]])).contains("accuracy-misleading"))
    // Boundary: 49 errors of the baseline's 100 removed fires, 51 does not.
    XCTAssertTrue(F.codes(F.task(["s": [[895, 5], [46, 54]]])).contains("accuracy-misleading"))
    XCTAssertFalse(F.codes(F.task(["s": [[895, 5], [44, 56]]])).contains("accuracy-misleading"))
    // Balanced data, 40 errors in 100 against the baseline's 500 in 1,000 = 92% removed: silent.
    XCTAssertFalse(
      F.codes(F.task(["s": [[480, 20], [20, 480]]])).contains("accuracy-misleading"))
    // Balanced data, accuracy 70% against 50%: only 40% of errors removed: fires.
    XCTAssertTrue(
      F.codes(F.task(["s": [[350, 150], [150, 350]]])).contains("accuracy-misleading"))
  }

  func testAccuracyChangeOnAMisleadingSetIsNotCritical() {
    var task = F.task(["s": [[860, 40], [33, 67]]], primary: .accuracy)
    task.sets[0].changes = [change(.accuracy, from: 0.96, to: 0.927, significant: true)]
    let found = findings(task)
    XCTAssertEqual(found.map(\.severity), [.warning])
    XCTAssertTrue(found[0].message.contains("says little about the model"), found[0].message)
    var fair = F.task(["s": [[480, 20], [20, 480]]], primary: .accuracy)
    fair.sets[0].changes = [change(.accuracy, from: 0.99, to: 0.96, significant: true)]
    XCTAssertEqual(findings(fair).map(\.severity), [.critical])
  }

  func testZeroCountsAreWordedAsNone() {
    let none = FindingDetectors.accuracyMisleading(
      F.task(["s": [[996, 0], [4, 0]]]), F.task(["s": [[996, 0], [4, 0]]]).sets[0])
    XCTAssertTrue(
      none[0].message.contains("catches none of the 4 'failure' cases"), none[0].message)
    XCTAssertFalse(none[0].message.contains("only 0"))
    let some = FindingDetectors.accuracyMisleading(
      F.task(["s": [[996, 0], [3, 1]]]), F.task(["s": [[996, 0], [3, 1]]]).sets[0])
    XCTAssertTrue(
      some[0].message.contains("catches only 1 of 4 'failure' cases (25.0%)"), some[0].message)
    XCTAssertEqual(testWords.caught(0, of: 4), "none of the 4")
    XCTAssertEqual(testWords.caught(4, of: 4), "all 4")
    XCTAssertEqual(testWords.caught(3, of: 4), "3 of 4")
  }

  func testComplementaryClassesShiftOnceNotTwice() {
    // benign 40% → 75%, malignant 60% → 25%: one finding, not two mirror images.
    let classes = ["benign", "malignant"]
    let before = F.task(
      ["s": [[400, 0], [0, 600]]], classes: classes, positive: nil, primary: .balancedAccuracy)
    let now = F.task(
      ["s": [[750, 0], [0, 250]]], classes: classes, positive: nil, primary: .balancedAccuracy)
    XCTAssertEqual(F.codes(now, previous: [before]).filter { $0 == "prevalence-shift" }.count, 1)
    // Three classes are not complements: each one that moved is named.
    let three = ["a", "b", "c"]
    let before3 = F.task(
      ["s": [[400, 0, 0], [0, 300, 0], [0, 0, 300]]], classes: three, positive: nil,
      primary: .balancedAccuracy)
    let now3 = F.task(
      ["s": [[100, 0, 0], [0, 600, 0], [0, 0, 300]]], classes: three, positive: nil,
      primary: .balancedAccuracy)
    XCTAssertEqual(F.codes(now3, previous: [before3]).filter { $0 == "prevalence-shift" }.count, 2)
  }

  func testIdenticalMetricsAreNeverSaidTwice() {
    var task = F.task(
      ["s": [[300, 0, 0], [0, 300, 0], [0, 10, 90]]], classes: ["a", "b", "c"], positive: nil,
      primary: .macroF1)
    // Primary within noise; balanced accuracy and macro recall are the same number and both fell.
    task.sets[0].changes = [
      change(.macroF1, from: 0.85, to: 0.84, significant: false),
      change(.balancedAccuracy, from: 0.846, to: 0.808, significant: true),
      change(.macroRecall, from: 0.846, to: 0.808, significant: true),
    ]
    let found = findings(task)
    XCTAssertEqual(
      found.map(\.code.rawValue), ["change-not-significant", "significant-regression"])
    XCTAssertTrue(
      found[1].message.contains(
        "Balanced accuracy on 's' (here the same number as macro recall) fell"), found[1].message)
    XCTAssertTrue(found[1].message.contains("did not change beyond noise"), found[1].message)
    // Primary fell too: one finding for the set, naming the supporting metrics once.
    task.sets[0].changes![0] = change(.macroF1, from: 0.85, to: 0.80, significant: true)
    let merged = findings(task)
    XCTAssertEqual(merged.map(\.code.rawValue), ["significant-regression"])
    XCTAssertTrue(
      merged[0].message.contains(
        "Balanced accuracy (−3.8 points; here the same number as macro recall) fell with it"),
      merged[0].message)
    // Different numbers are both named.
    task.sets[0].changes![2] = change(.macroRecall, from: 0.846, to: 0.79, significant: true)
    XCTAssertTrue(
      findings(task)[0].message.contains(
        "Balanced accuracy (−3.8 points) and macro recall (−5.6 points) fell with it"),
      findings(task)[0].message)
  }

  func testLooksHealthyNeverBesideACriticalFinding() {
    let classes = ["a", "b", "c"]
    var task = F.task(
      ["s": [[300, 0, 0], [0, 300, 0], [0, 60, 40]]], classes: classes, positive: nil,
      primary: .macroF1)
    let calm = FindingDetectors.all(
      FindingContext(tasks: [task], previous: [], comparedTo: nil, overlaps: [:], testSetWeeks: [:])
    )
    XCTAssertTrue(
      calm.first { $0.code.rawValue == "average-hides-weak-class" }!.message.contains(
        "looks healthy"))
    task.sets[0].changes = [change(.macroF1, from: 0.9, to: 0.7, significant: true)]
    let alarmed = FindingDetectors.all(
      FindingContext(tasks: [task], previous: [], comparedTo: nil, overlaps: [:], testSetWeeks: [:])
    )
    XCTAssertTrue(alarmed.contains { $0.severity == .critical })
    let weak = alarmed.first { $0.code.rawValue == "average-hides-weak-class" }!
    XCTAssertFalse(weak.message.contains("healthy"), weak.message)
    XCTAssertTrue(weak.message.contains("'c' is recognised in only 40 of 100 cases"), weak.message)
  }
}
