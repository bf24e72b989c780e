import CandorTestSupport
import Foundation
import XCTest

/// Contract 1.2: every text the client writes may be given per language; a report reads its
/// own language's text, and notes.md names each one missing rather than switching silently.
final class PerLanguageTextTests: XCTestCase {
  func fixture(worklogNote: String) -> FixtureWorkspace {
    let fixture = FixtureWorkspace()
    fixture.write(
      "clients/clinic/client.yaml",
      """
      name: {en: Harbour Clinic, de: Hafenklinik}
      tasks:
        - id: tumour
          name: {en: Tumour check, de: Tumorbefund}
          unit: {en: scans, de: {nominative: Aufnahmen, dative: Aufnahmen, genitive: Aufnahmen}}
          positive_label: "1"
          class_names: {"0": {en: benign, de: gutartig}, "1": {en: malignant}}
      validation_sets:
        - id: holdout
          description: {en: Scans held back for testing, de: Zurückgehaltene Aufnahmen}
          role: test

      """)
    fixture.write(
      "clients/clinic/weeks/2026-W48/evaluations/tumour/holdout.csv",
      "label,prediction\n1,1\n1,0\n0,0\n0,0\n0,1\n")
    fixture.write(
      "clients/clinic/weeks/2026-W48/worklog.yaml",
      "items:\n  - title: {en: New scanner data, de: Neue Scannerdaten}\n    horizon: short-term\n    status: shipped\n    note: \(worklogNote)\n"
    )
    return fixture
  }

  func report(_ fixture: FixtureWorkspace, locale: String) throws -> (report: String, notes: String)
  {
    let out = CandorProcess.temporaryFolder()
    let run = try CandorProcess.run([
      "report", fixture.root, "--client", "clinic", "--out", out, "--locale", locale,
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    let folder = out + "/clinic/2026-W48/"
    return (
      try String(contentsOfFile: folder + "report.md", encoding: .utf8),
      try String(contentsOfFile: folder + "notes.md", encoding: .utf8)
    )
  }

  func testEachLanguageReadsItsOwnTextAndNotesNameWhatIsMissing() throws {
    let fixture = fixture(worklogNote: "{en: Ten more sites}")
    let german = try report(fixture, locale: "de")
    XCTAssertTrue(german.report.hasPrefix("# Hafenklinik:"), german.report)
    for text in ["Tumorbefund", "Aufnahmen", "gutartig", "Neue Scannerdaten"] {
      XCTAssertTrue(german.report.contains(text), text)
    }
    XCTAssertFalse(german.report.contains("Tumour check"))
    // 'malignant' and the note have no German text: the report reads the English, and says so.
    XCTAssertTrue(
      german.notes.contains(#"clients/clinic/client.yaml: tasks\[0\] (tumour).class\_names.1"#),
      german.notes)
    XCTAssertTrue(
      german.notes.contains(#"clients/clinic/weeks/2026-W48/worklog.yaml: items\[0\].note"#),
      german.notes)
    let english = try report(fixture, locale: "en")
    XCTAssertTrue(english.report.hasPrefix("# Harbour Clinic:"), english.report)
    XCTAssertTrue(english.report.contains("malignant"))
    XCTAssertFalse(english.report.contains("Hafenklinik"))
    XCTAssertFalse(english.notes.contains("has no text"), english.notes)
  }

  /// The portfolio is the account team's page, in English: a German client's report reads
  /// "Hafenklinik", its line in index.html and batch.json "Harbour Clinic", as summary.json.
  func testThePortfolioNamesAClientInEnglish() throws {
    let fixture = fixture(worklogNote: "{en: Ten more sites}")
    fixture.write(
      "clients/clinic/client.yaml",
      try String(contentsOfFile: fixture.path("clients/clinic/client.yaml"), encoding: .utf8)
        + "locale: de\n")
    let out = CandorProcess.temporaryFolder()
    let run = try CandorProcess.run(["batch", fixture.root, "--out", out])
    XCTAssertEqual(run.status, 0, run.stderr)
    let report = try String(contentsOfFile: out + "/clinic/2026-W48/report.md", encoding: .utf8)
    XCTAssertTrue(report.hasPrefix("# Hafenklinik:"), report)
    for file in ["index.html", "batch.json"] {
      let page = try String(contentsOfFile: out + "/" + file, encoding: .utf8)
      XCTAssertTrue(page.contains("Harbour Clinic") && page.contains("Tumour check"), page)
      XCTAssertFalse(page.contains("Hafenklinik") || page.contains("Tumorbefund"), page)
    }
  }

  func testALanguageCodeCandorDoesNotKnowIsAnError() throws {
    let fixture = fixture(worklogNote: "{en: Ten more sites, fr: Dix sites de plus}")
    let run = try CandorProcess.run(["check", fixture.root])
    XCTAssertEqual(run.status, 1)
    XCTAssertTrue(
      run.stdout.contains("worklog.yaml:5: key 'items[0].note': unknown key 'fr'"), run.stdout)
  }

  /// Words the client reads may not be blank or null in any language: the report would open
  /// ": model quality report" or print "~" as the client's name. (An optional key left blank,
  /// a task's `name: ""`, is as if absent.)
  func testClientFacingWordsAreNeverEmpty() throws {
    for (from, to, key) in [
      ("name: Acme Motors", "name: \"\"", "key 'name': is empty"),
      ("name: Acme Motors", "name: {en: \" \", de: Acme}", "key 'name.en': is empty"),
      ("name: Acme Motors", "name: {en: ~, de: Acme}", "key 'name.en': has no value"),
      (
        "name: Engine failure within 30 days", "name: {en: Engines, de: \"\"}",
        "key 'tasks[0].name.de': is empty"
      ),
    ] {
      let fixture = FixtureWorkspace()
      fixture.write(
        "clients/acme/client.yaml",
        FixtureWorkspace.binaryClientYAML.replacingOccurrences(of: from, with: to))
      let run = try CandorProcess.run(["check", fixture.root])
      XCTAssertEqual(run.status, 1, to)
      XCTAssertTrue(run.stdout.contains(key), to + "\n" + run.stdout)
    }
  }

  func testSupportingNamesAtMostTwoOtherMetricsTheTaskReports() throws {
    for (line, message) in [
      ("supporting: [f1, mcc, roc_auc]", "names 3 metrics; at most two get verdicts"),
      ("supporting: [f2]", "unknown metric 'f2'"),
      ("supporting: [macro_f1]", "'macro_f1' is not reported for this task"),
      ("supporting: [f1, f1]", "names 'f1' twice"),
      (
        "supporting: [mcc, matthews_corrcoef]",
        "names 'mcc' twice ('matthews_corrcoef' is another name for it)"
      ),
    ] {
      let fixture = FixtureWorkspace()
      fixture.write(
        "clients/acme/client.yaml",
        FixtureWorkspace.binaryClientYAML.replacingOccurrences(
          of: "primary_metric: recall", with: "primary_metric: recall\n    \(line)"))
      let run = try CandorProcess.run(["check", fixture.root])
      XCTAssertEqual(run.status, 1, line)
      XCTAssertTrue(run.stdout.contains("key 'tasks[0].supporting': \(message)"), run.stdout)
    }
  }
}
