import CandorTestSupport
import CandorWorkspace
import XCTest

/// Contract 1.1: a worklog item may carry `target: {task, metric, value}`.
final class WorklogTargetTests: XCTestCase {
  let evaluations = "weeks/2026-W48/evaluations/engine-failure"

  func load(_ target: String) throws -> WorklogItem? {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: [
      "\(evaluations)/holdout.csv": "label,prediction\nok,ok\n",
      "weeks/2026-W48/worklog.yaml":
        "items:\n  - title: Labels\n    horizon: long-term\n    status: in-progress\n    target: \(target)\n",
    ])
    let opened = try ClientWorkspace.open(try Workspace(path: workspace.root), id: "acme")
    return try opened.load(opened.weeks[0]).worklog?.items.first
  }

  func testTargetIsRead() throws {
    let item = try load("{task: engine-failure, metric: recall, value: 0.8}")
    XCTAssertEqual(item?.target, WorklogTarget(task: "engine-failure", metric: .recall, value: 0.8))
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
        "must be the metric's value as a number from -1 to 1"
      ),
    ] {
      XCTAssertThrowsError(try load(target), target) { error in
        XCTAssertTrue("\(error)".contains(problem), "\(error)")
        XCTAssertTrue("\(error)".contains("worklog.yaml"), "\(error)")
      }
    }
  }
}
