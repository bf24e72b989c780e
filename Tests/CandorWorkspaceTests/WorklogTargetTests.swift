import CandorModel
import CandorTestSupport
import CandorWorkspace
import XCTest

/// Contract 1.1: a worklog item may carry `target: {task, metric, value}`.
final class WorklogTargetTests: XCTestCase {
  let evaluations = "weeks/2026-W48/evaluations/engine-failure"

  func load(_ target: String, probabilities: Bool = false) throws -> WorklogItem? {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: [
      "\(evaluations)/holdout.csv": "label,prediction\nok,ok\n",
      "weeks/2026-W48/worklog.yaml":
        "items:\n  - title: Labels\n    horizon: long-term\n    status: in-progress\n    target: \(target)\n",
    ])
    if probabilities {
      workspace.write(
        "clients/acme/client.yaml",
        FixtureWorkspace.binaryClientYAML.replacingOccurrences(
          of: "primary_metric: recall", with: "primary_metric: recall\n    score_kind: probability")
      )
    }
    let opened = try ClientWorkspace.open(try Workspace(path: workspace.root), id: "acme")
    return try opened.load(opened.weeks[0]).worklog?.items.first
  }

  func testTargetIsRead() throws {
    let item = try load("{task: engine-failure, metric: recall, value: 0.8}")
    XCTAssertEqual(item?.target, WorklogTarget(task: "engine-failure", metric: .recall, value: 0.8))
  }

  /// Each metric's own range: MCC from −1, log loss above 1 (where the task has probabilities).
  func testTargetValuesFollowTheMetricsRange() throws {
    XCTAssertEqual(
      try load("{task: engine-failure, metric: mcc, value: -0.2}")?.target?.value, -0.2)
    XCTAssertEqual(
      try load("{task: engine-failure, metric: log_loss, value: 1.5}", probabilities: true)?
        .target?.value, 1.5)
  }

  /// Brier score and log loss need probabilities (`score_kind: probability`).
  func testScoreMetricsNeedProbabilities() {
    XCTAssertThrowsError(try load("{task: engine-failure, metric: brier_score, value: 0.1}")) {
      XCTAssertTrue(
        "\($0)".contains("'brier_score' is not reported for this task; expected one of"), "\($0)")
    }
  }

  func testBadTargetsAreRefusedByName() {
    for (target, problem) in [
      (
        "{task: brakes, metric: recall, value: 0.8}",
        "names task 'brakes', which client.yaml does not declare"
      ),
      ("{task: engine-failure, metric: recal, value: 0.8}", "unknown metric 'recal'"),
      (
        "{task: engine-failure, metric: recall, value: 80}",
        "must be a value recall can take: a number from 0 to 1 (0.8 for 80%), found 80.0"
      ),
      (
        "{task: engine-failure, metric: recall, value: -0.1}",
        "must be a value recall can take: a number from 0 to 1"
      ),
      (
        "{task: engine-failure, metric: macro_f1, value: 0.8}",
        "'macro_f1' is not reported for this task; expected one of accuracy,"
      ),
      (
        "{task: engine-failure, metric: recall, value: 0.8, deadline: 2027-W01}",
        "unknown key 'deadline'"
      ),
    ] {
      XCTAssertThrowsError(try load(target), target) { error in
        XCTAssertTrue("\(error)".contains(problem), "\(error)")
        XCTAssertTrue("\(error)".contains("worklog.yaml"), "\(error)")
      }
    }
  }
}
