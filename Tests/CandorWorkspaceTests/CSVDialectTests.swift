import CandorTestSupport
import Foundation
import XCTest

@testable import CandorIngest
@testable import CandorModel
@testable import CandorWorkspace

/// Contract 1.1 `csv: {delimiter, decimal}` in client.yaml, for files exported by spreadsheets
/// set to German or French (`;` between fields, `0,8125`).
final class CSVDialectTests: XCTestCase {
  let file = "clients/acme/weeks/2026-W48/evaluations/engine-failure/holdout.csv"

  /// The fixture client with `positive_label: 1` and the given top-level `csv:` line.
  func yaml(_ csvLine: String?) -> String {
    let base = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "positive_label: failure", with: "positive_label: \"1\"")
    return csvLine.map { base + "\n" + $0 + "\n" } ?? base
  }

  func load(_ csv: String, yaml: String) throws -> TaskEvaluation {
    try LoadedTask.load(csv, yaml: yaml)
  }

  func loadError(_ csv: String, yaml: String) -> String {
    LoadedTask.error { try load(csv, yaml: yaml) }
  }

  // MARK: - Read

  func testSemicolonsAndDecimalCommasReadLikeTheStandardFile() throws {
    // What pandas writes with to_csv(sep=";", decimal=","): the index, float labels, scores.
    let european =
      ";y;p\n0;1,0;0,8125\n1;0,0;\"0,35\"\n2;0,0;1,5e-05\n3;1,0;0,30000000000000004\n"
    let standard = ",y,p\n0,1.0,0.8125\n1,0.0,0.35\n2,0.0,1.5e-05\n3,1.0,0.30000000000000004\n"
    let columns = "columns: {label: y, score: p}"
    func mapped(_ csvLine: String?) -> String {
      yaml(csvLine).replacingOccurrences(of: "primary_metric: recall", with: columns)
    }
    let read = try load(european, yaml: mapped("csv: {delimiter: \";\", decimal: \",\"}")).sets[0]
    let expected = try load(standard, yaml: mapped(nil)).sets[0]
    XCTAssertEqual(read.matrix, [[2, 0], [1, 1]])
    XCTAssertEqual(read.matrix, expected.matrix)
    XCTAssertEqual(read.scored?.positives, [0.30000000000000004, 0.8125])
    XCTAssertEqual(read.scored?.positives, expected.scored?.positives)
    XCTAssertEqual(read.scored?.negatives, expected.scored?.negatives)
  }

  /// Contract 1.2: a task's `csv:` changes the keys it names; the client's gives the rest.
  func testATasksCsvKeyOverridesTheClientsKeyByKey() throws {
    let client = yaml("csv: {delimiter: \";\", decimal: \",\"}")
    let task = client.replacingOccurrences(
      of: "primary_metric: recall", with: "primary_metric: recall\n    csv: {decimal: \".\"}")
    let read = try load("label;prediction;score\n1;1;0.75\n0;1;0.5\n", yaml: task).sets[0]
    XCTAssertEqual(read.matrix, [[0, 1], [0, 1]])
    XCTAssertEqual(read.scored?.positives, [0.75])
    // Without the task's key, the client's decimal comma reads the point as an error.
    XCTAssertTrue(
      loadError("label;prediction;score\n1;1;0.75\n0;1;0.5\n", yaml: client).contains("0.75"))
  }

  func testTabAndPipeDelimiters() throws {
    for (written, delimiter) in [("\"\\t\"", "\t"), ("\"|\"", "|")] {
      let csv = ["label,prediction", "1,1", "0,1"].map {
        $0.replacingOccurrences(of: ",", with: delimiter)
      }.joined(separator: "\n")
      let set = try load(csv, yaml: yaml("csv: {delimiter: \(written)}")).sets[0]
      XCTAssertEqual(set.matrix, [[0, 1], [0, 1]], written)
    }
  }

  func testTheDecimalCommaParsesExactlyAsTheDecimalPoint() {
    // Fast path (up to 15 digits) and strtod (more digits, exponents) alike.
    let values = [
      "0.1", "0.8125", "-0.7", "123456.789012345", "0.30000000000000004", "1.5e-05",
      "2.2250738585072014e-308", "9007199254740993.0", "1e3", "+.5",
    ]
    for value in values {
      let comma = value.replacingOccurrences(of: ".", with: ",")
      XCTAssertEqual(
        NumberParsing.double(Array(comma.utf8), decimal: UInt8(ascii: ",")),
        NumberParsing.double(Array(value.utf8)), value)
      XCTAssertEqual(NumberParsing.double(Array(value.utf8)), Double(value), value)
    }
    // With a decimal comma, a point is not a decimal mark (nor a thousands separator).
    XCTAssertNil(NumberParsing.double(Array("0.5".utf8), decimal: UInt8(ascii: ",")))
    XCTAssertNil(NumberParsing.double(Array("1.234,5".utf8), decimal: UInt8(ascii: ",")))
    XCTAssertNil(NumberParsing.double(Array("0,5".utf8)))
  }

  func testAPointInADecimalCommaFileIsNotANumber() {
    XCTAssertEqual(
      loadError(
        "label;score\n1;0,5\n0;0.5\n", yaml: yaml("csv: {delimiter: \";\", decimal: \",\"}")),
      "\(file):3: column 'score': '0.5' is not a number")
  }

  func testFloatLabelWithADecimalCommaThatIsNotWhole() {
    XCTAssertEqual(
      loadError(
        "label;prediction\n1,0;1\n1,5;1\n", yaml: yaml("csv: {delimiter: \";\", decimal: \",\"}")),
      "\(file):3: column 'label': '1,5' is not a whole number, but an earlier '1,0' was read as the class '1' (the task's classes were all whole numbers); list the task's classes: in client.yaml to read every value as written"
    )
  }

  // MARK: - Refused in client.yaml

  func testDelimiterAndDecimalValuesAreChecked() {
    let row = "label,prediction\n1,1\n"
    XCTAssertEqual(
      loadError(row, yaml: yaml("csv: {delimiter: \":\"}")),
      "clients/acme/client.yaml:14: key 'csv.delimiter': ':' is not a delimiter Candor reads; expected \",\", \";\", \"\\t\" (tab) or \"|\""
    )
    XCTAssertEqual(
      loadError(row, yaml: yaml("csv: {delimiter: \";\", decimal: \"·\"}")),
      "clients/acme/client.yaml:14: key 'csv.decimal': '·' is not a decimal mark Candor reads; expected \".\" or \",\""
    )
    XCTAssertEqual(
      loadError(row, yaml: yaml("csv: {decimal: \",\"}")),
      "clients/acme/client.yaml:14: key 'csv.decimal': the delimiter and the decimal mark are both ','; they must differ (spreadsheet exports in German or French use csv: {delimiter: \";\", decimal: \",\"})"
    )
    XCTAssertEqual(
      loadError(row, yaml: yaml("csv: {separator: \";\"}")),
      "clients/acme/client.yaml:14: key 'csv': unknown key 'separator'; expected one of delimiter, decimal"
    )
    XCTAssertEqual(
      loadError(row, yaml: yaml("csv: \";\"")),
      "clients/acme/client.yaml:14: key 'csv': expected a mapping of keys to values")
  }

  // MARK: - The hint

  func testASemicolonHeaderReadAsStandardCSVSuggestsTheCsvKey() {
    XCTAssertEqual(
      loadError("label;prediction\n1;1\n", yaml: yaml(nil)),
      "\(file):1: column 'label': is missing; every predictions file needs the true class in 'label' (the header is separated by ';', not ',': for files exported by a spreadsheet in German or French, add csv: {delimiter: \";\", decimal: \",\"} to client.yaml)"
    )
  }

  func testNoHintWhereTheHeaderHasCommasOrTheClientReadsSemicolons() {
    XCTAssertEqual(
      loadError("label,prediction\n1;1\n", yaml: yaml(nil)),
      "\(file):2: column 'prediction': is missing; this row has 1 field, the header 2 columns")
    XCTAssertEqual(
      loadError("y;prediction\n1;1\n", yaml: yaml("csv: {delimiter: \";\", decimal: \",\"}")),
      "\(file):1: column 'label': is missing; every predictions file needs the true class in 'label'"
    )
  }
}
