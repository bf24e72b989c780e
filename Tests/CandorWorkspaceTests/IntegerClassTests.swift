import CandorModel
import CandorTestSupport
import CandorWorkspace
import XCTest

/// Contract 1.1: when every class of a task is a whole number, `1.0` is the class `1` (pandas
/// writes integer labels as floats once a column held a missing value); `1.5` stays an error.
final class IntegerClassTests: XCTestCase {
  let file = "clients/acme/weeks/2026-W48/evaluations/engine-failure/holdout.csv"

  func yaml(positive: String = "1", classes: String? = nil) -> String {
    var task = "positive_label: \"\(positive)\""
    if let classes { task += "\n    classes: \(classes)" }
    return FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "positive_label: failure", with: task)
  }

  /// The fixture client made multiclass (no positive_label, primary metric dropped).
  func multiclassYAML(classes: String? = nil) -> String {
    FixtureWorkspace.binaryClientYAML
      .replacingOccurrences(
        of: "    positive_label: failure\n", with: classes.map { "    classes: \($0)\n" } ?? ""
      )
      .replacingOccurrences(of: "    primary_metric: recall\n", with: "")
  }

  func load(_ csv: String, yaml: String, counts: String? = nil) throws -> TaskEvaluation {
    try LoadedTask.load(
      csv, yaml: yaml,
      files: counts.map { ["weeks/2026-W48/evaluations/engine-failure/recent.counts.json": $0] }
        ?? [:])
  }

  func loadError(_ csv: String, yaml: String) -> String {
    LoadedTask.error { try load(csv, yaml: yaml) }
  }

  // MARK: - Accepted

  func testFloatCellsAreTheDeclaredIntegerClasses() throws {
    let task = try load(
      "label,prediction\n1.0,1.00\n0.0,1\n0,0.0\n", yaml: yaml(classes: "[\"0\", \"1\"]"))
    XCTAssertEqual(task.classes, ["0", "1"])
    XCTAssertEqual(task.sets[0].matrix, [[1, 1], [0, 1]])
  }

  func testBinaryWithoutClassesReportsTheIntegerNotTheFloat() throws {
    // Only floats in the file: the classes are the integers the contract says they are.
    let task = try load("label,prediction\n1.0,1.0\n0.0,1.0\n0.0,0.0\n", yaml: yaml())
    XCTAssertEqual(task.classes, ["0", "1"])
    XCTAssertEqual(task.positiveIndex, 1)
    XCTAssertEqual(task.sets[0].matrix, [[1, 1], [0, 1]])
  }

  func testOneAndOnePointZeroAreOneClassWithoutClasses() throws {
    let task = try load("label,prediction\n1,1.0\n2.0,2\n7.00,1\n7,7.0\n", yaml: multiclassYAML())
    XCTAssertEqual(task.classes, ["1", "2", "7"])
    XCTAssertEqual(task.sets[0].matrix, [[1, 0, 0], [0, 1, 0], [1, 0, 1]])
  }

  func testCountsLabelsFollowTheSameRule() throws {
    let counts = #"{"labels": ["0.0", "1.0"], "matrix": [[3, 1], [0, 2]]}"#
    let task = try load("label,prediction\n1,1\n0,0\n", yaml: yaml(), counts: counts)
    XCTAssertEqual(task.classes, ["0", "1"])
    XCTAssertEqual(task.sets.map(\.matrix), [[[1, 0], [0, 1]], [[3, 1], [0, 2]]])
  }

  func testTextClassesAreReadAsWritten() throws {
    // Not every class is a whole number, so '1.0' is a class of its own, as under contract 1.0.
    let task = try load("label,prediction\ncat,1.0\n1.0,cat\n", yaml: multiclassYAML())
    XCTAssertEqual(task.classes, ["1.0", "cat"])
    let declared = try load(
      "label,prediction\n1.0,1\n1,1\n", yaml: multiclassYAML(classes: "[\"1\", \"1.0\"]"))
    XCTAssertEqual(declared.sets[0].matrix, [[1, 0], [1, 0]])
  }

  // MARK: - Errors

  func testFractionInADeclaredIntegerTask() {
    XCTAssertEqual(
      loadError("label,prediction\n1.0,1\n1.5,0\n", yaml: yaml(classes: "[\"0\", \"1\"]")),
      "\(file):3: column 'label': '1.5' is not one of the task's classes ('0', '1')")
    XCTAssertEqual(
      loadError("label,prediction\n1.0,2.0\n", yaml: yaml(classes: "[\"0\", \"1\"]")),
      "\(file):2: column 'prediction': '2.0' is not one of the task's classes ('0', '1')")
  }

  func testFractionInABinaryTaskWithoutClasses() {
    XCTAssertEqual(
      loadError("label,prediction\n1.0,0.0\n0.0,1.5\n", yaml: yaml()),
      "\(file):3: column 'prediction': '1.5' is a third class, but the task is binary and its files already hold '0' and '1' (the positive class); if '0' is the stray value, classes: [1.5, 1] in client.yaml makes it the error instead"
    )
  }

  func testNonIntegerAfterAFloatWasReadAsAnInteger() {
    XCTAssertEqual(
      loadError("label,prediction\n1.0,2\n1.5,2\n", yaml: multiclassYAML()),
      "\(file):3: column 'label': '1.5' is not a whole number, but an earlier '1.0' was read as the class '1' (the task's classes were all whole numbers); list the task's classes: in client.yaml to read every value as written"
    )
  }

  func testLeadingZerosAndSignsAreNotWholeNumberForms() {
    XCTAssertEqual(
      loadError("label,prediction\n1,01.0\n", yaml: yaml(classes: "[\"0\", \"1\"]")),
      "\(file):2: column 'prediction': '01.0' is not one of the task's classes ('0', '1')")
    XCTAssertEqual(
      loadError("label,prediction\n1,+1.0\n", yaml: yaml(classes: "[\"0\", \"1\"]")),
      "\(file):2: column 'prediction': '+1.0' is not one of the task's classes ('0', '1')")
    XCTAssertEqual(
      loadError("label,prediction\n1,1.\n", yaml: yaml(classes: "[\"0\", \"1\"]")),
      "\(file):2: column 'prediction': '1.' is not one of the task's classes ('0', '1')")
  }
}
