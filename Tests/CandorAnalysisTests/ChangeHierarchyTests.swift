import CandorTestSupport
import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorWorkspace

/// The weekly report's pre-declared order: the test set's primary at the full 5%, the task's
/// other sets only behind it, named supporting metrics behind their set's primary, every other
/// metric without a verdict.
final class ChangeHierarchyTests: XCTestCase {
  func change(_ metric: MetricName, p: Double, delta: Double = 0.1) -> MetricChange {
    MetricChange(
      metric: metric, previous: 0.6, current: 0.6 + delta, delta: delta,
      ci95: (delta - 0.05)...(delta + 0.05), test: .signFlip, pValue: p, adjustedPValue: nil,
      significant: false)
  }

  /// Sets in order (the first the gate), each with its primary (recall) p-value, F1 and MCC.
  func decide(_ primary: [Double], f1: Double = 0.001, supporting: [MetricName] = [.f1])
    -> [[MetricChange]]
  {
    var task = ChangeHierarchy.TaskChanges(
      primary: .recall, supporting: supporting, gate: 0,
      sets: primary.map { [change(.recall, p: $0), change(.f1, p: f1), change(.mcc, p: 0.001)] })
    ChangeHierarchy.apply(&task)
    return task.sets.map { $0! }
  }

  func testTheGateIsTestedAtTheFullLevelAndTheOtherSetsOnlyBehindIt() {
    let open = decide([0.04, 0.01, 0.03])
    XCTAssertEqual(open.map { $0[0].significant }, [true, true, true])
    // Holm between the two others (0.02, 0.03), never below the gate's own p.
    XCTAssertEqual(open[1][0].adjustedPValue!, 0.04, accuracy: 1e-12)
    XCTAssertEqual(open[2][0].adjustedPValue!, 0.04, accuracy: 1e-12)
    let closed = decide([0.06, 0.0001, 0.0001])
    XCTAssertEqual(closed.map { $0[0].significant }, [false, false, false])
  }

  /// A task's verdict on its test set does not depend on how many other sets it has.
  /// Issue 28: the same test-set change gets the same verdict in a one-task client and in one
  /// with three monitoring sets and five more tasks, whatever their p-values.
  func testATasksVerdictDependsOnItsOwnSetsOnly() {
    func task(_ id: String, _ sets: [(String, SetRole, Double)]) -> TaskAnalysis {
      AnalysisFixture.task(
        id: id, sets: sets.map { ($0.0, $0.1, [change(.recall, p: $0.2), change(.f1, p: $0.2)]) })
    }
    for p in [0.001, 0.03, 0.049, 0.051, 0.2] {
      var alone = [task("one", [("holdout", .test, p)])]
      var crowded =
        [
          task(
            "one",
            [
              ("holdout", .test, p), ("m1", .monitoring, 0.001), ("m2", .monitoring, 0.5),
              ("m3", .monitoring, 0.9),
            ])
        ]
        + (1...5).map {
          task("t\($0)", [("holdout", .test, 0.001), ("recent", .validation, 0.02)])
        }
      ChangeHierarchy.apply(to: &alone)
      ChangeHierarchy.apply(to: &crowded)
      let verdict = { (tasks: [TaskAnalysis]) in
        tasks[0].sets.first { $0.config.id == "holdout" }!.change(.recall)!
      }
      XCTAssertEqual(verdict(alone).significant, p < 0.05, "p = \(p) alone")
      XCTAssertEqual(verdict(crowded).significant, verdict(alone).significant, "p = \(p) crowded")
      XCTAssertEqual(verdict(crowded).adjustedPValue, verdict(alone).adjustedPValue, "p = \(p)")
    }
  }

  func testMonitoringSetsDoNotWeakenTheTestSet() {
    let alone = decide([0.045])
    let crowded = decide([0.045, 0.5, 0.7, 0.9])
    XCTAssertTrue(alone[0][0].significant)
    XCTAssertEqual(crowded[0][0].significant, alone[0][0].significant)
    XCTAssertEqual(crowded[0][0].adjustedPValue, alone[0][0].adjustedPValue)
  }

  func testSupportingMetricsFollowTheirSetsPrimaryAndOthersGetNoVerdict() {
    let confirmed = decide([0.01])
    XCTAssertEqual(confirmed[0][1].family, .supporting)
    XCTAssertTrue(confirmed[0][1].significant, "F1 is named and its primary is confirmed")
    XCTAssertEqual(confirmed[0][2].family, ChangeFamily.none)
    XCTAssertFalse(confirmed[0][2].significant, "MCC is not named: an interval, no verdict")
    let unconfirmed = decide([0.2])
    XCTAssertFalse(
      unconfirmed[0][1].significant, "no supporting 'real' while the primary is within noise")
    let unnamed = decide([0.01], supporting: [])
    XCTAssertEqual(unnamed[0][1].family, ChangeFamily.none)
    XCTAssertFalse(unnamed[0][1].significant)
  }

  /// Without a test set the first set declared is the gate.
  func testWithoutAGateTheFirstSetWithAChangeLeads() {
    var task = ChangeHierarchy.TaskChanges(
      primary: .recall, supporting: [], gate: nil,
      sets: [nil, [change(.recall, p: 0.03)], [change(.recall, p: 0.02)]])
    ChangeHierarchy.apply(&task)
    XCTAssertEqual(task.sets[1]![0].adjustedPValue, 0.03)
    XCTAssertEqual(task.sets[2]![0].adjustedPValue!, 0.03, accuracy: 1e-12)
  }

  /// From 0% a drop cannot happen, so the change's interval does not reach below zero.
  func testAChangeIntervalStaysWithinWhatIsPossible() {
    var fromZero = MetricChange(
      metric: .recall, previous: 0, current: 0.75, delta: 0.75, ci95: -0.062...0.837,
      test: .signFlip, pValue: 0.2, adjustedPValue: nil, significant: false)
    fromZero.keepWithinReach()
    XCTAssertEqual(fromZero.ci95, 0...0.837)
    var fromHalf = fromZero
    fromHalf.previous = 0.5
    fromHalf.current = 0.6
    fromHalf.delta = 0.1
    fromHalf.ci95 = -0.2...0.4
    fromHalf.keepWithinReach()
    XCTAssertEqual(fromHalf.ci95, -0.2...0.4, "nothing impossible to remove")
  }
}
