import CandorModel
import CandorTestSupport
import CandorWorkspace
import XCTest

/// Every error the contract lists for predictions files, with the exact message a user sees.
final class PredictionsErrorTests: XCTestCase {
  let file = "clients/acme/weeks/2026-W48/evaluations/engine-failure/holdout.csv"

  func loadError(_ csv: String, yaml: String? = nil) -> String {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: ["weeks/2026-W48/evaluations/engine-failure/holdout.csv": csv])
    if let yaml { workspace.write("clients/acme/client.yaml", yaml) }
    do {
      let client = try ClientWorkspace.open(try Workspace(path: workspace.root), id: "acme")
      _ = try client.load(client.weeks[0])
      return "no error"
    } catch let error as InputErrors {
      return error.errors.map(\.description).joined(separator: "\n")
    } catch {
      return "\(error)"
    }
  }

  /// Contract: a ragged row names the file, the line and the column.
  func testRaggedRowNamesTheColumnItLacksOrTheFieldBeyondTheHeader() {
    XCTAssertEqual(
      loadError("label,prediction\nfailure,failure\nok\n"),
      "\(file):3: column 'prediction': is missing; this row has 1 field, the header 2 columns")
    XCTAssertEqual(
      loadError("label,prediction,score\nfailure,failure,0.9\nok,ok\n"),
      "\(file):3: column 'score': is missing; this row has 2 fields, the header 3 columns")
    XCTAssertEqual(
      loadError("label,prediction,\nfailure,failure,\nok,ok\n"),
      "\(file):3: column 3 (unnamed in the header): is missing; this row has 2 fields, the header 3 columns"
    )
    XCTAssertEqual(
      loadError("label,prediction\nfailure,failure,0.9,x\n"),
      "\(file):2: field 3: has no column in the header; this row has 4 fields, the header 2 columns"
    )
  }

  func testUnknownLabelInThirdClass() {
    XCTAssertEqual(
      loadError("label,prediction\nfailure,ok\nok,ok\nbroken,ok\n"),
      "\(file):4: column 'label': 'broken' is a third class, but the task is binary and its files already hold 'ok' and 'failure' (the positive class); if 'ok' is the stray value, classes: [broken, failure] in client.yaml makes it the error instead"
    )
  }

  func testUndeclaredClass() {
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "positive_label: failure",
      with: "positive_label: failure\n    classes: [no-failure, failure]")
    XCTAssertEqual(
      loadError("label,prediction\nfailure,no-failure\nok,failure\n", yaml: yaml),
      "\(file):3: column 'label': 'ok' is not one of the task's classes ('no-failure', 'failure')")
  }

  func testNonNumericScore() {
    XCTAssertEqual(
      loadError("label,score\nfailure,0.9\nok,abc\n"),
      "\(file):3: column 'score': 'abc' is not a number")
  }

  func testNaNScore() {
    XCTAssertEqual(
      loadError("label,score\nfailure,0.9\nok,nan\n"),
      "\(file):3: column 'score': 'nan' is not a finite number")
  }

  func testInfiniteScore() {
    XCTAssertEqual(
      loadError("label,score\nfailure,inf\n"),
      "\(file):2: column 'score': 'inf' is not a finite number")
  }

  func testMissingLabelColumn() {
    XCTAssertEqual(
      loadError("truth,prediction\nfailure,failure\n"),
      "\(file):1: column 'label': is missing; every predictions file needs the true class in 'label'"
    )
  }

  func testMissingPredictionAndScore() {
    XCTAssertEqual(
      loadError("id,label\n1,failure\n"),
      "\(file):1: column 'prediction': is missing; a binary task needs 'prediction', or 'score' to apply the threshold to"
    )
  }

  func testDuplicateID() {
    XCTAssertEqual(
      loadError("id,label,prediction\na,failure,failure\nb,ok,ok\na,ok,ok\n"),
      "\(file):4: column 'id': 'a' is a duplicate id (first seen on line 2); ids must be unique within a file"
    )
  }

  func testEmptyFile() {
    XCTAssertEqual(
      loadError(""),
      "\(file):1: is empty; expected a header row with at least 'label' and 'prediction'")
  }

  func testHeaderOnly() {
    XCTAssertEqual(
      loadError("label,prediction\n"),
      "\(file):1: has a header but no rows; a set with no examples cannot be reported")
  }

  func testInvalidUTF8() {
    let workspace = FixtureWorkspace()
    var bytes = Data("label,prediction\nfailure,failure\n".utf8)
    bytes.append(contentsOf: [0x6F, 0xFF, 0x6B, 0x2C, 0x6F, 0x6B, 0x0A])
    workspace.binaryClient(files: [:])
    workspace.write("clients/acme/weeks/2026-W48/evaluations/engine-failure/holdout.csv", bytes)
    let client = try! ClientWorkspace.open(try! Workspace(path: workspace.root), id: "acme")
    XCTAssertThrowsError(try client.load(client.weeks[0])) { error in
      XCTAssertEqual(
        (error as? InputErrors)?.errors.map(\.description),
        ["\(file):3: column 'label': is not valid UTF-8"])
    }
  }

  func testUnclosedQuoteNamesTheLineItOpened() {
    XCTAssertEqual(
      loadError("label,prediction\nfailure,failure\n\"ok,ok\nok,ok\n"),
      "\(file):3: a quoted field opened on this line is never closed")
  }

  func testErrorLineCountsPhysicalLinesOfQuotedNewlines() {
    XCTAssertEqual(
      loadError("label,prediction,segment\nfailure,failure,\"two\nlines\"\nok,nope,x\n"),
      "\(file):4: column 'prediction': 'nope' is a third class, but the task is binary and its files already hold 'ok' and 'failure' (the positive class); if 'ok' is the stray value, classes: [nope, failure] in client.yaml makes it the error instead"
    )
  }
}
