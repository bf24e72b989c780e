import CandorTestSupport
import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorWorkspace

/// Each finding on both sides of its threshold, and a healthy set that earns no warning.
final class FindingTests: XCTestCase {
  static func task(
    _ matrices: [String: [[Int]]], classes: [String] = ["ok", "failure"], positive: Int? = 1,
    roles: [String: SetRole] = [:], primary: MetricName = .recall
  ) -> TaskAnalysis {
    AnalysisFixture.task(
      matrices, classes: classes, positive: positive, roles: roles, primary: primary)
  }

  static func codes(_ task: TaskAnalysis, previous: [TaskAnalysis] = []) -> [String] {
    AnalysisFixture.codes(task, previous: previous)
  }

  func testClassImbalanceAtTenPercent() {
    // 9.9% failures: rare. 10.1%: not (the 10% share rule); 40/60: plainly not.
    XCTAssertTrue(Self.codes(Self.task(["s": [[901, 0], [0, 99]]])).contains("class-imbalance"))
    XCTAssertFalse(
      Self.codes(Self.task(["s": [[899, 0], [0, 101]]])).contains("class-imbalance"))
    XCTAssertFalse(
      Self.codes(Self.task(["s": [[600, 0], [0, 400]]])).contains("class-imbalance"))
  }

  func testClassImbalanceNeedsUnderHalfAnEvenShare() {
    // Twelve classes: an even share is 8.3%, half of it 4.2%. A class at 5% is not rare here.
    let classes = (0..<12).map { "c\($0)" }
    func matrix(smallest: Int) -> [[Int]] {
      (0..<12).map { row in
        (0..<12).map { $0 == row ? (row == 0 ? smallest : (1000 - smallest) / 11) : 0 }
      }
    }
    XCTAssertFalse(
      Self.codes(
        Self.task(["s": matrix(smallest: 50)], classes: classes, positive: nil, primary: .macroF1)
      ).contains("class-imbalance"))
    XCTAssertTrue(
      Self.codes(
        Self.task(["s": matrix(smallest: 30)], classes: classes, positive: nil, primary: .macroF1)
      ).contains("class-imbalance"))
  }

  func testAccuracyMisleadingNearBaseline() {
    // 1% failures, none caught: accuracy 99.0% equals the baseline.
    let finding = FindingDetectors.accuracyMisleading(
      Self.task(["s": [[9900, 0], [100, 0]]]), Self.task(["s": [[9900, 0], [100, 0]]]).sets[0])
    XCTAssertEqual(finding.map(\.code.rawValue), ["accuracy-misleading"])
    XCTAssertTrue(
      finding[0].message.contains("a model that always said 'ok' would be 99.0% accurate"),
      finding[0].message)
    // Far above the baseline, every class recalled well: no finding.
    XCTAssertFalse(
      Self.codes(Self.task(["s": [[480, 20], [25, 475]]])).contains("accuracy-misleading"))
  }

  func testAccuracyMisleadingHighAccuracyLowRecall() {
    // 85% negatives; accuracy 93.5% is 8.5 points above baseline, but recall is 40% (6 of 15 per 100).
    let task = Self.task(["s": [[850, 0], [90, 60]]])
    XCTAssertTrue(Self.codes(task).contains("accuracy-misleading"))
    // Same baseline, recall 60%: no.
    XCTAssertFalse(
      Self.codes(Self.task(["s": [[850, 0], [60, 90]]])).contains("accuracy-misleading"))
  }

  func testSmallSampleWhenTheIntervalIsWiderThanTwentyPoints() {
    XCTAssertTrue(Self.codes(Self.task(["s": [[900, 0], [10, 20]]])).contains("small-sample"))
    XCTAssertFalse(Self.codes(Self.task(["s": [[900, 0], [30, 70]]])).contains("small-sample"))
  }

  func testSetsDisagreeOnlyBeyondNoise() {
    XCTAssertTrue(
      Self.codes(Self.task(["a": [[500, 0], [100, 400]], "b": [[500, 0], [300, 200]]])).contains(
        "sets-disagree"))
    XCTAssertFalse(
      Self.codes(Self.task(["a": [[500, 0], [100, 400]], "b": [[500, 0], [110, 390]]])).contains(
        "sets-disagree"))
  }

  func testPrevalenceShiftBetweenWeeks() {
    let now = Self.task(["s": [[900, 0], [0, 100]]])
    XCTAssertTrue(
      Self.codes(now, previous: [Self.task(["s": [[960, 0], [0, 40]]])]).contains(
        "prevalence-shift"))
    XCTAssertFalse(
      Self.codes(now, previous: [Self.task(["s": [[905, 0], [0, 95]]])]).contains(
        "prevalence-shift"))
  }

  func testAverageHidesWeakClass() {
    let classes = ["a", "b", "c"]
    let weak = Self.task(
      ["s": [[300, 0, 0], [0, 300, 0], [0, 60, 40]]], classes: classes, positive: nil,
      primary: .macroF1)
    XCTAssertTrue(Self.codes(weak).contains("average-hides-weak-class"))
    let fine = Self.task(
      ["s": [[300, 0, 0], [0, 300, 0], [0, 40, 60]]], classes: classes, positive: nil,
      primary: .macroF1)
    XCTAssertFalse(Self.codes(fine).contains("average-hides-weak-class"))
  }

  func testTestSetOverlapAndReuse() {
    let task = Self.task(["h": [[400, 0], [0, 400]]], roles: ["h": .test])
    let context = FindingContext(
      tasks: [task], previous: [], comparedTo: nil, overlaps: ["t": [("h", "v", 12)]],
      testSetWeeks: ["t/h": 4])
    let findings = FindingDetectors.all(context)
    XCTAssertEqual(
      findings.filter { $0.code.rawValue == "test-set-overlap" }.map(\.message),
      [
        "12 examples of the test set 'h' also appear in 'v'. A test set must be kept apart from the data used to build and tune the model; otherwise its score is too optimistic."
      ])
    XCTAssertTrue(findings.contains { $0.code.rawValue == "test-set-reused" })
    let fresh = FindingContext(
      tasks: [task], previous: [], comparedTo: nil, overlaps: [:], testSetWeeks: ["t/h": 3])
    XCTAssertFalse(
      FindingDetectors.all(fresh).contains {
        $0.code.rawValue == "test-set-reused" || $0.code.rawValue == "test-set-overlap"
      })
  }

  func testABalancedWellRecalledSetGetsNoWarning() {
    let findings = FindingDetectors.all(
      FindingContext(
        tasks: [Self.task(["a": [[900, 100], [80, 920]], "b": [[880, 120], [90, 910]]])],
        previous: [], comparedTo: nil, overlaps: [:], testSetWeeks: [:]))
    XCTAssertEqual(findings.map(\.code.rawValue), [])
  }

  func testRankingHidesPrecision() {
    var task = Self.task(["s": [[900, 60], [10, 30]]])
    task.sets[0].analysis.metrics.append((.rocAUC, .point(0.93)))
    XCTAssertTrue(Self.codes(task).contains("ranking-hides-precision"))
    task.sets[0].analysis.metrics[task.sets[0].analysis.metrics.count - 1] = (.rocAUC, .point(0.80))
    XCTAssertFalse(Self.codes(task).contains("ranking-hides-precision"))
  }
}

extension FindingTests {
  func change(_ metric: MetricName, from: Double, to: Double, significant: Bool) -> MetricChange {
    MetricChange(
      metric: metric, previous: from, current: to, delta: to - from,
      ci95: (to - from - 0.05)...(to - from + 0.05),
      test: .permutation, pValue: significant ? 0.001 : 0.4,
      adjustedPValue: significant ? 0.01 : 1, significant: significant)
  }

  func testChangeFindings() {
    var task = Self.task(["s": [[900, 0], [30, 70]]])
    task.sets[0].changes = [change(.recall, from: 0.8, to: 0.7, significant: true)]
    XCTAssertEqual(
      FindingDetectors.changes(task, task.sets[0]).map(\.code.rawValue), ["significant-regression"])
    XCTAssertEqual(FindingDetectors.changes(task, task.sets[0]).first?.severity, .critical)
    XCTAssertEqual(
      FindingDetectors.changes(task, task.sets[0]).first?.message,
      "Recall on 's' fell by 10.0 points, from 80.0% to 70.0% (95% interval for the change: −15.0 points to −5.0 points). This drop is larger than week-to-week noise explains."
    )
    task.sets[0].changes = [change(.recall, from: 0.72, to: 0.7, significant: false)]
    XCTAssertEqual(
      FindingDetectors.changes(task, task.sets[0]).map(\.code.rawValue), ["change-not-significant"])
    task.sets[0].changes = [change(.precision, from: 0.72, to: 0.7, significant: false)]
    XCTAssertEqual(
      FindingDetectors.changes(task, task.sets[0]).map(\.code.rawValue), [],
      "noise on a secondary metric is not worth a finding")
    task.sets[0].changes = [change(.precision, from: 0.9, to: 0.7, significant: true)]
    XCTAssertEqual(
      FindingDetectors.changes(task, task.sets[0]).map { "\($0.code.rawValue) \($0.severity)" },
      ["significant-regression warning"])
  }
}
