import CandorModel
import CandorTestSupport
import CandorWorkspace
import XCTest

/// client.yaml, names, weeks, counts.json, worklog and symbolic links: every refusal named.
final class WorkspaceErrorTests: XCTestCase {
  let evaluations = "weeks/2026-W48/evaluations/engine-failure"

  func error(_ build: (FixtureWorkspace) -> Void, client: String = "acme") -> String {
    let workspace = FixtureWorkspace()
    build(workspace)
    return LoadedTask.loadingError(root: workspace.root, client: client)
  }

  func testUnknownMetric() {
    let message = error {
      $0.binaryClient(files: [:])
      $0.write(
        "clients/acme/client.yaml",
        FixtureWorkspace.binaryClientYAML.replacingOccurrences(of: "recall", with: "auc"))
    }
    XCTAssertEqual(
      message,
      "clients/acme/client.yaml:6: key 'tasks[0].primary_metric': unknown metric 'auc'; expected one of accuracy, balanced_accuracy, precision, recall, f1, specificity, mcc, cohen_kappa, roc_auc, pr_auc, macro_f1, weighted_f1, macro_recall, brier_score, log_loss, top_2_accuracy"
    )
  }

  func testBinaryMetricOnMulticlassTask() {
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "    positive_label: failure\n", with: "")
    let message = error {
      $0.binaryClient(files: [:])
      $0.write("clients/acme/client.yaml", yaml)
    }
    XCTAssertEqual(
      message,
      "clients/acme/client.yaml:5: key 'tasks[0].primary_metric': 'recall' is not reported for a multiclass (it has no positive_label) task; expected one of accuracy, balanced_accuracy, macro_f1, weighted_f1, macro_recall, mcc, cohen_kappa"
    )
  }

  func testDeclaredClassesMissingPositiveLabel() {
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "positive_label: failure", with: "positive_label: failure\n    classes: [ok, broken]")
    let message = error {
      $0.binaryClient(files: [:])
      $0.write("clients/acme/client.yaml", yaml)
    }
    XCTAssertEqual(
      message,
      "clients/acme/client.yaml:6: key 'tasks[0].classes': does not contain the positive_label 'failure'"
    )
  }

  func testMissingRole() {
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "    role: validation\n", with: ""
    ).replacingOccurrences(of: "    role: validation", with: "")
    let message = error {
      $0.binaryClient(files: [:])
      $0.write("clients/acme/client.yaml", yaml)
    }
    XCTAssertEqual(
      message, "clients/acme/client.yaml:11: key 'validation_sets[1].role': is required but missing"
    )
  }

  func testBadTaskID() {
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "id: engine-failure", with: "id: Engine.Failure")
    let message = error {
      $0.binaryClient(files: [:])
      $0.write("clients/acme/client.yaml", yaml)
    }
    XCTAssertEqual(
      message,
      "clients/acme/client.yaml:3: key 'tasks[0].id': invalid task id 'Engine.Failure'; names must match [a-z0-9][a-z0-9_-]{0,63} (lower-case letters, digits, '-' and '_')"
    )
  }

  func testBadClientName() {
    let message = error({ _ in }, client: "Acme")
    XCTAssertEqual(
      message,
      "clients/Acme: invalid client id; names must match [a-z0-9][a-z0-9_-]{0,63} (lower-case letters, digits, '-' and '_')"
    )
  }

  func testBadSetFileName() {
    let message = error {
      $0.binaryClient(files: ["\(self.evaluations)/Hold Out.csv": "label,prediction\nok,ok\n"])
    }
    XCTAssertEqual(
      message,
      "clients/acme/\(evaluations)/Hold Out.csv: invalid validation set name 'Hold Out'; names must match [a-z0-9][a-z0-9_-]{0,63} (lower-case letters, digits, '-' and '_')"
    )
  }

  func testUndeclaredSetAndTask() {
    XCTAssertEqual(
      error {
        $0.binaryClient(files: ["\(self.evaluations)/winter.csv": "label,prediction\nok,ok\n"])
      },
      "clients/acme/\(evaluations)/winter.csv: validation set 'winter' is not declared in client.yaml"
    )
    XCTAssertEqual(
      error {
        $0.binaryClient(files: [
          "weeks/2026-W48/evaluations/brakes/holdout.csv": "label,prediction\nok,ok\n"
        ])
      },
      "clients/acme/weeks/2026-W48/evaluations/brakes: task 'brakes' is not declared in client.yaml"
    )
  }

  func testInvalidWeeks() {
    XCTAssertEqual(
      error {
        $0.binaryClient(files: [
          "weeks/2026-W54/evaluations/engine-failure/holdout.csv": "label,prediction\nok,ok\n"
        ])
      },
      "clients/acme/weeks/2026-W54: is not an ISO week folder; expected YYYY-Www for a week that exists, from 1583-W01 to 9999-W52, such as 2026-W48"
    )
    // 2026 has 53 ISO weeks; 2025 has 52.
    XCTAssertEqual(
      error {
        $0.binaryClient(files: [
          "weeks/2026-W53/evaluations/engine-failure/holdout.csv": "label,prediction\nok,ok\n"
        ])
      }, "no error")
    XCTAssertEqual(
      error {
        $0.binaryClient(files: [
          "weeks/2025-W53/evaluations/engine-failure/holdout.csv": "label,prediction\nok,ok\n"
        ])
      },
      "clients/acme/weeks/2025-W53: is not an ISO week folder; expected YYYY-Www for a week that exists, from 1583-W01 to 9999-W52, such as 2026-W48"
    )
  }

  func testCountsErrors() {
    func counts(_ json: String) -> String {
      error { $0.binaryClient(files: ["\(self.evaluations)/holdout.counts.json": json]) }
    }
    let file = "clients/acme/\(evaluations)/holdout.counts.json"
    XCTAssertEqual(
      counts(#"{"labels": ["ok", "failure"], "matrix": [[1, 2], [3]]}"#),
      "\(file):1: key 'matrix': row 2 must have 2 counts; the matrix is square and as wide as 'labels'"
    )
    XCTAssertEqual(
      counts("{\"labels\": [\"ok\", \"failure\"],\n \"matrix\": [[1, -2], [3, 4]]}"),
      "\(file):2: key 'matrix': row 1, column 2: -2 is negative; counts cannot be")
    XCTAssertEqual(
      counts(#"{"labels": ["ok", "failure"], "matrix": [[1, 12.0], [3, 4]]}"#),
      "\(file):1: key 'matrix': row 1, column 2: 12.0 is not an integer; counts are written as whole numbers"
    )
    XCTAssertEqual(
      counts(#"{"labels": ["ok", "failure"], "matrix": [[1, 2], [3, 4], [5, 6]]}"#),
      "\(file):1: key 'matrix': expected 2 rows, one per label (rows are actual classes, columns predicted)"
    )
    XCTAssertEqual(
      counts(
        #"{"labels": ["ok", "failure", "maybe"], "matrix": [[1, 2, 3], [3, 4, 5], [1, 1, 1]]}"#),
      "\(file):1: key 'labels': 'maybe' is a third class, but the task is binary and its files already hold 'ok' and 'failure' (the positive class); if 'ok' is the stray value, classes: [maybe, failure] in client.yaml makes it the error instead"
    )
    XCTAssertEqual(
      counts(#"{"labels": ["ok", "failure"], "matrix": [[1, 2], [3, 4]]"#),
      "\(file):1: is not valid JSON: unexpected end of file")
  }

  /// Every problem of a worklog in one run: two in one item, one in another.
  func testWorklogProblemsAreAllSaid() {
    let message = error {
      $0.binaryClient(files: [
        "\(self.evaluations)/holdout.csv": "label,prediction\nok,ok\n",
        "weeks/2026-W48/worklog.yaml":
          "items:\n  - title: Features\n    horizon: soon\n    status: done\n  - title: Labels\n    horizon: long-term\n    status: finished\n",
      ])
    }
    XCTAssertEqual(
      message.split(separator: "\n").map {
        $0.split(separator: ":").dropFirst().prefix(2).joined(separator: ":")
      },
      ["3: key 'items[0].horizon'", "4: key 'items[0].status'", "7: key 'items[1].status'"], message
    )
  }

  func testWorklogUnknownStatus() {
    let message = error {
      $0.binaryClient(files: [
        "\(self.evaluations)/holdout.csv": "label,prediction\nok,ok\n",
        "weeks/2026-W48/worklog.yaml":
          "items:\n  - title: Features\n    horizon: short-term\n    status: done\n",
      ])
    }
    XCTAssertEqual(
      message,
      "clients/acme/weeks/2026-W48/worklog.yaml:4: key 'items[0].status': unknown status 'done'; expected planned, in-progress, shipped or dropped"
    )
  }

  func testSymbolicLinkOutOfTheClientFolderIsRefused() throws {
    let message = error { workspace in
      workspace.binaryClient(files: [:])
      let outside = workspace.write("elsewhere/holdout.csv", "label,prediction\nok,ok\n")
      try! FileManager.default.createDirectory(
        atPath: workspace.path("clients/acme/\(self.evaluations)"),
        withIntermediateDirectories: true)
      try! FileManager.default.createSymbolicLink(
        atPath: workspace.path("clients/acme/\(self.evaluations)/holdout.csv"),
        withDestinationPath: outside)
    }
    XCTAssertEqual(
      message,
      "clients/acme/\(evaluations)/holdout.csv: is a symbolic link that points outside the client's folder; refused (a client's report reads nothing outside it)"
    )
  }

  /// The contract refuses an outward link anywhere in the client's folder, not only one a
  /// report would read (a link to /etc left beside the weeks).
  func testAnOutwardLinkNoReportReadsIsRefusedToo() throws {
    let message = error { workspace in
      workspace.binaryClient(files: [
        "weeks/2026-W48/evaluations/engine-failure/holdout.csv": "label,prediction\nok,ok\n"
      ])
      try! FileManager.default.createSymbolicLink(
        atPath: workspace.path("clients/acme/junk"), withDestinationPath: "/etc")
    }
    XCTAssertEqual(
      message,
      "clients/acme/junk: is a symbolic link that points outside the client's folder; refused (a client's report reads nothing outside it)"
    )
  }

  /// A file among the task folders (a README) is said to be a file, not a bad task name.
  func testAFileAmongTheTaskFoldersIsSaidToBeOne() throws {
    let message = error { workspace in
      workspace.binaryClient(files: [
        "weeks/2026-W48/evaluations/engine-failure/holdout.csv": "label,prediction\nok,ok\n",
        "weeks/2026-W48/evaluations/README.md": "notes\n",
      ])
    }
    XCTAssertEqual(
      message,
      "clients/acme/weeks/2026-W48/evaluations/README.md: is a file; evaluations/ holds one folder per task (<task-id>/<set-id>.csv)"
    )
  }

  func testSymbolicLinkInsideTheClientFolderIsAllowed() throws {
    let message = error { workspace in
      workspace.binaryClient(files: ["shared/holdout.csv": "label,prediction\nok,ok\n"])
      try! FileManager.default.createDirectory(
        atPath: workspace.path("clients/acme/\(self.evaluations)"),
        withIntermediateDirectories: true)
      try! FileManager.default.createSymbolicLink(
        atPath: workspace.path("clients/acme/\(self.evaluations)/holdout.csv"),
        withDestinationPath: "../../../../shared/holdout.csv")
    }
    XCTAssertEqual(message, "no error")
  }

  func testClientFolderItselfMayNotBeALink() throws {
    let message = error({ workspace in
      workspace.binaryClient("real", files: [:])
      try! FileManager.default.createSymbolicLink(
        atPath: workspace.path("clients/acme"), withDestinationPath: workspace.path("clients/real"))
    })
    XCTAssertEqual(
      message, "clients/acme: is a symbolic link; a client's folder must be a real folder")
  }

  func testValuesStayTextInYAML() throws {
    let workspace = FixtureWorkspace()
    workspace.write(
      "clients/acme/client.yaml",
      "name: 2026\ntasks:\n  - id: t\n    positive_label: yes\nvalidation_sets:\n  - id: s\n    role: test\n"
    )
    let client = try ClientWorkspace.open(try Workspace(path: workspace.root), id: "acme")
    XCTAssertEqual(client.config.name, "2026")
    XCTAssertEqual(client.config.tasks[0].positiveLabel, "yes")
  }
}
