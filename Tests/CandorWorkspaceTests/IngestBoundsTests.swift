import CandorModel
import CandorTestSupport
import CandorWorkspace
import Foundation
import XCTest

/// Reliability, third round: what client.yaml and worklog.yaml accepted silently, or accepted
/// and then failed on far from the cause. Each case was reproduced on main before its fix.
final class IngestBoundsTests: XCTestCase {
  let evaluations = "weeks/2026-W48/evaluations/engine-failure"
  let yamlFile = "clients/acme/client.yaml"

  func error(_ yaml: String, files: [String: String]? = nil) -> String {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(
      files: files ?? ["\(evaluations)/holdout.csv": "label,prediction\nok,ok\n"])
    workspace.write(yamlFile, yaml)
    return LoadedTask.loadingError(root: workspace.root)
  }

  func appended(_ line: String) -> String { FixtureWorkspace.binaryClientYAML + "\n" + line + "\n" }

  func testExplicitTagsAreRefusedNotIgnored() {
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "name: Acme Motors", with: "name: !!binary QWNtZQ==")
    XCTAssertEqual(
      error(yaml),
      "\(yamlFile):1: uses the YAML tag '!!binary'; Candor reads every value as the text written, so remove the tag"
    )
    let set = error(appended("csv: !!set {delimiter: \";\"}"))
    XCTAssertTrue(set.hasPrefix("\(yamlFile):14: uses the YAML tag '!!set'"), set)
    // `!!str` says what Candor does anyway.
    XCTAssertEqual(
      error(
        FixtureWorkspace.binaryClientYAML.replacingOccurrences(
          of: "name: Acme Motors", with: "name: !!str Acme")), "no error")
  }

  func testEscapedControlCharactersAreRefusedWithTheirLine() {
    for (escape, code) in [
      ("\\e[31m", "U+001B"), ("\\0", "U+0000"), ("\\r", "U+000D"), ("\\x85", "U+0085"),
    ] {
      let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
        of: "name: Acme Motors", with: "name: \"Acme\(escape) Motors\"")
      XCTAssertEqual(
        error(yaml),
        "\(yamlFile):1: contains the control character \(code) (written as an escape); Candor's text allows tabs and line breaks only"
      )
    }
    let tabbed = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "name: Acme Motors", with: "name: \"Acme\\tMotors\"")
    XCTAssertEqual(error(tabbed), "no error")
  }

  func testControlCharacterInAClassNameIsRefused() {
    XCTAssertEqual(
      error(
        FixtureWorkspace.binaryClientYAML,
        files: ["\(evaluations)/holdout.csv": "label,prediction\nok,ok\nfail\u{1B}ure,ok\n"]),
      "clients/acme/\(evaluations)/holdout.csv:3: column 'label': 'fail\\u{1B}ure' holds the control character U+001B; a class name is text a report shows, so remove it"
    )
  }

  func testEmptyCSVAndLocaleAreRefused() {
    XCTAssertEqual(
      error(appended("csv: ~")),
      "\(yamlFile):14: key 'csv': has no value; give one or remove the key")
    XCTAssertEqual(
      error(appended("csv: {}")),
      "\(yamlFile):14: key 'csv': names neither delimiter nor decimal; write one (csv: {delimiter: \";\"}) or remove csv:"
    )
    XCTAssertEqual(
      error(appended("locale:")),
      "\(yamlFile):14: key 'locale': has no value; give one or remove the key")
    XCTAssertEqual(error(appended("locale: ''")).contains("unknown locale ''"), true)
  }

  func testALookalikeDelimiterIsRefusedAsNotASCII() {
    XCTAssertEqual(
      error(appended("csv: {delimiter: \"\u{037E}\"}")),
      "\(yamlFile):14: key 'csv.delimiter': '\u{037E}' holds the non-ASCII character U+037E, which only looks like a delimiter Candor reads; expected \",\", \";\", \"\\t\" (tab) or \"|\""
    )
    XCTAssertEqual(error(appended("csv: {delimiter: \",\"}")), "no error")
  }

  func testTheClassLimitAppliesToDeclaredClasses() {
    func declaring(_ count: Int) -> String {
      FixtureWorkspace.binaryClientYAML.replacingOccurrences(
        of: "    positive_label: failure\n    primary_metric: recall\n",
        with: "    classes: [\((0..<count).map { "c\($0)" }.joined(separator: ", "))]\n")
    }
    let csv = ["\(evaluations)/holdout.csv": "label,prediction\nc0,c1\n"]
    XCTAssertEqual(error(declaring(255), files: csv), "no error")
    XCTAssertEqual(
      error(declaring(256), files: csv),
      "\(yamlFile):5: key 'tasks[0].classes': lists 256 classes; Candor reports on at most 255 classes per task"
    )
  }

  func testTaskAndSetCountsAreBoundedInClientYAML() {
    let tasks = (0..<17).map { "  - id: t\($0)\n    name: T\($0)\n    positive_label: yes\n" }
      .joined()
    let yaml = "name: Many\ntasks:\n\(tasks)validation_sets:\n  - id: holdout\n    description: H\n"
    XCTAssertEqual(
      error(yaml).split(separator: "\n").first,
      "\(yamlFile):3: key 'tasks': lists 17 tasks; one client's report covers at most 16")
    let sets = (0..<13).map { "  - id: s\($0)\n    description: S\($0)\n" }.joined()
    let manySets =
      "name: Many\ntasks:\n  - id: engine-failure\n    name: E\n    positive_label: failure\nvalidation_sets:\n\(sets)"
    XCTAssertEqual(
      error(manySets),
      "\(yamlFile):7: key 'validation_sets': lists 13 validation sets; one client's report covers at most 12"
    )
  }

  func worklog(_ yaml: String) -> String {
    error(
      FixtureWorkspace.binaryClientYAML,
      files: [
        "\(evaluations)/holdout.csv": "label,prediction\nok,ok\n",
        "weeks/2026-W48/worklog.yaml": yaml,
      ])
  }

  func testWorklogItemsAreBoundedAndEachSaysSomething() {
    let item = "  - {title: Retrain, horizon: short-term, status: shipped}\n"
    XCTAssertEqual(worklog("items:\n" + String(repeating: item, count: 100)), "no error")
    XCTAssertEqual(
      worklog("items:\n" + String(repeating: item, count: 101)),
      "clients/acme/weeks/2026-W48/worklog.yaml:2: key 'items': lists 101 items; one week's worklog holds at most 100 (the report tells each)"
    )
    XCTAssertEqual(
      worklog("items:\n  - {title: '  ', horizon: short-term, status: shipped}\n"),
      "clients/acme/weeks/2026-W48/worklog.yaml:2: key 'items[0].title': is empty; an item needs a title the client can read"
    )
    XCTAssertEqual(
      worklog(
        "items:\n  - {title: Retrain, horizon: short-term, status: shipped, tasks: [engine-failure, engine-failure]}\n"
      ),
      "clients/acme/weeks/2026-W48/worklog.yaml:2: key 'items[0].tasks': names task 'engine-failure' twice; name each task once"
    )
  }

  func testWeeksBeforeTheGregorianCalendarAreNotISOWeeks() {
    XCTAssertNil(ISOWeek("0001-W01"))
    XCTAssertNil(ISOWeek("1582-W52"))
    XCTAssertEqual(ISOWeek("1583-W01")?.description, "1583-W01")
    XCTAssertEqual(ISOWeek("1583-W01")?.mondayDescription, "1583-01-03")
  }

  func testAColumnNameWithALookalikeLetterSaysSo() {
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "    positive_label: failure\n",
      with: "    positive_label: failure\n    columns: {label: l\u{0430}bel}\n")
    let message = error(yaml)
    XCTAssertTrue(
      message.hasSuffix(
        "(client.yaml's column name holds the non-ASCII character U+0430, which may only look like a letter of the header's; retype it)"
      ), message)
  }
}
