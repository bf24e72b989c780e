import CandorModel
import CandorTestSupport
import CandorWorkspace
import XCTest

/// Contract 1.1 `columns:` on a task: the file's own header names for the contract's columns.
final class ColumnMappingTests: XCTestCase {
  let file = "clients/acme/weeks/2026-W48/evaluations/engine-failure/holdout.csv"

  /// The fixture client with `columns:` (flow mapping text) on its task.
  func yaml(_ columns: String) -> String {
    FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "primary_metric: recall", with: "primary_metric: recall\n    columns: \(columns)")
  }

  func load(_ csv: String, yaml: String) throws -> TaskEvaluation {
    try LoadedTask.load(csv, yaml: yaml)
  }

  func loadError(_ csv: String, yaml: String) -> String {
    LoadedTask.error { try load(csv, yaml: yaml) }
  }

  // MARK: - Accepted

  func testMappedNamesAreRead() throws {
    let csv =
      ",row_id,y_true,y_pred,proba_1,region\n0,a,failure,failure,0.9,north\n1,b,ok,failure,0.6,south\n2,c,ok,ok,0.1,north\n"
    let task = try load(
      csv,
      yaml: yaml("{label: y_true, prediction: y_pred, score: proba_1, id: row_id, segment: region}")
    )
    let set = task.sets[0]
    XCTAssertEqual(task.classes, ["ok", "failure"])
    XCTAssertEqual(set.matrix, [[1, 1], [0, 1]])
    XCTAssertEqual(set.segments.map(\.name), ["north", "south"])
    XCTAssertEqual(set.keyed?.idHashes.count, 3)
    // With ids the scores are kept once, in id order, and split by class when needed.
    XCTAssertNil(set.scored)
    XCTAssertEqual(set.scoresByClass(positive: 1)?.positives, [0.9])
    XCTAssertEqual(set.scoresByClass(positive: 1)?.negatives, [0.1, 0.6])
  }

  func testUnmappedColumnsKeepTheirContractNames() throws {
    let csv = "y_true,prediction,id\nfailure,failure,a\nok,failure,b\n"
    let set = try load(csv, yaml: yaml("{label: y_true}")).sets[0]
    XCTAssertEqual(set.matrix, [[0, 1], [0, 1]])
    XCTAssertEqual(set.keyed?.idHashes.count, 2)
  }

  func testMappedScoreDrivesTheThreshold() throws {
    let set = try load("y_true,p\nfailure,0.5\nok,0.4\n", yaml: yaml("{label: y_true, score: p}"))
      .sets[0]
    XCTAssertEqual(set.matrix, [[1, 0], [0, 1]])
  }

  func testSwappingContractNamesFollowsTheMapping() throws {
    // The mapping decides: here the file's 'prediction' column holds the true class.
    let set = try load(
      "label,prediction\nok,failure\nok,failure\n",
      yaml: yaml("{label: prediction, prediction: label}")
    ).sets[0]
    XCTAssertEqual(set.matrix, [[0, 0], [2, 0]])
  }

  // MARK: - Errors in the file

  func testMappedLabelMissing() {
    XCTAssertEqual(
      loadError("truth,prediction\nfailure,failure\n", yaml: yaml("{label: y_true}")),
      "\(file):1: column 'y_true' (label): is missing; every predictions file needs the true class in 'y_true'"
    )
  }

  func testContractNameIsNotReadWhereAMappingExists() {
    XCTAssertEqual(
      loadError("label,prediction\nfailure,failure\n", yaml: yaml("{label: y_true}")),
      "\(file):1: column 'y_true' (label): is missing; every predictions file needs the true class in 'y_true' (the file's 'label' column is not read: client.yaml maps label to 'y_true')"
    )
  }

  func testMappedPredictionAndScoreMissing() {
    XCTAssertEqual(
      loadError(
        "y_true,prediction\nfailure,failure\n",
        yaml: yaml("{label: y_true, prediction: y_pred, score: proba_1}")),
      "\(file):1: column 'y_pred' (prediction): is missing; a binary task needs 'y_pred', or 'proba_1' to apply the threshold to (the file's 'prediction' column is not read: client.yaml maps prediction to 'y_pred')"
    )
  }

  func testMappedColumnTwiceInTheHeader() {
    XCTAssertEqual(
      loadError(
        "y_true,y_pred,y_true\nfailure,failure,ok\n",
        yaml: yaml("{label: y_true, prediction: y_pred}")),
      "\(file):1: column 'y_true' (label): appears twice in the header")
  }

  func testRowErrorsNameTheMappedColumn() {
    XCTAssertEqual(
      loadError(
        "y_true,y_pred\nfailure,failure\nok,broken\n",
        yaml: yaml("{label: y_true, prediction: y_pred}")),
      "\(file):3: column 'y_pred' (prediction): 'broken' is a third class, but the task is binary and its files already hold 'ok' and 'failure' (the positive class); if 'ok' is the stray value, classes: [broken, failure] in client.yaml makes it the error instead"
    )
    XCTAssertEqual(
      loadError("y_true,p\nfailure,abc\n", yaml: yaml("{label: y_true, score: p}")),
      "\(file):2: column 'p' (score): 'abc' is not a number")
    XCTAssertEqual(
      loadError("key,label,prediction\na,ok,ok\na,ok,ok\n", yaml: yaml("{id: key}")),
      "\(file):3: column 'key' (id): 'a' is a duplicate id (first seen on line 2); ids must be unique within a file"
    )
  }

  // MARK: - Errors in client.yaml

  func testUnknownSubKeyNamesTheNearest() {
    XCTAssertEqual(
      loadError("label,prediction\nok,ok\n", yaml: yaml("{lable: y_true}")),
      "clients/acme/client.yaml:7: key 'tasks[0].columns': unknown key 'lable' (did you mean 'label'?)"
    )
  }

  func testEmptyOrNonTextValueIsRefused() {
    XCTAssertEqual(
      loadError("label,prediction\nok,ok\n", yaml: yaml("{label: \"\"}")),
      "clients/acme/client.yaml:7: key 'tasks[0].columns.label': is empty; expected the name of the file's column for label"
    )
    XCTAssertEqual(
      loadError("label,prediction\nok,ok\n", yaml: yaml("{label: }")),
      "clients/acme/client.yaml:7: key 'tasks[0].columns.label': is empty; expected the name of the file's column for label"
    )
    XCTAssertEqual(
      loadError("label,prediction\nok,ok\n", yaml: yaml("{label: [a, b]}")),
      "clients/acme/client.yaml:7: key 'tasks[0].columns.label': expected a single value")
    XCTAssertEqual(
      loadError("label,prediction\nok,ok\n", yaml: yaml("[label]")),
      "clients/acme/client.yaml:7: key 'tasks[0].columns': expected a mapping of keys to values")
  }

  func testTwoContractColumnsFromOneFileColumnAreRefused() {
    XCTAssertEqual(
      loadError("label,prediction\nok,ok\n", yaml: yaml("{label: y, prediction: y}")),
      "clients/acme/client.yaml:7: key 'tasks[0].columns.prediction': 'y' is already the column for label; two columns of the contract cannot be read from one column of the file"
    )
    // An unmapped column keeps its own name, so mapping another onto that name collides too.
    XCTAssertEqual(
      loadError("label,prediction\nok,ok\n", yaml: yaml("{score: label}")),
      "clients/acme/client.yaml:7: key 'tasks[0].columns.score': 'label' is already the column for label; two columns of the contract cannot be read from one column of the file"
    )
  }
}
