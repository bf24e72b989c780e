import CandorAnalysis
import CandorBuiltinTemplates
import CandorModel
import CandorTestSupport
import CandorWorkspace
import Foundation
import XCTest

@testable import CandorReport

/// Every finding code has its words in every language, and no template speaks for a code that
/// does not exist: `FindingCode` is the one list.
final class FindingCodeTests: XCTestCase {
  func testEveryCodeHasWordingInEveryLanguageAndEveryTemplateACode() {
    let names = BuiltinTemplates.mustache.keys.map { TemplateLibrary.name(ofPath: $0).name }
    for prefix in ["", "de/"] {
      let worded = Set(
        names.filter { $0.hasPrefix(prefix + "findings/") }.map {
          String($0.dropFirst((prefix + "findings/").count))
        })
      XCTAssertEqual(worded, Set(FindingCode.allCases.map(\.rawValue)), "\(prefix)findings/")
    }
  }

  /// Changes are ranked by their own rules; every standing condition has a place among the news.
  func testStandingConditionsAreRanked() {
    for code in StandingConditions.codes {
      XCTAssertNotNil(code.standingRank, code.rawValue)
    }
    for code in FindingCode.changes { XCTAssertNil(code.standingRank, code.rawValue) }
  }
}

/// One layout for every language: its words are the layout catalogue's, key for key.
final class LayoutLabelTests: XCTestCase {
  func testEveryLabelHasWordsInEveryLanguageAndTheCatalogueNoOthers() throws {
    let library = try TemplateLibrary(sources: [BuiltinTemplates.mustache])
    for locale in ReportLocale.allCases {
      let labels = Words(templates: library, locale: locale).layoutLabels()
      for label in LayoutLabel.allCases {
        XCTAssertFalse(labels[label.rawValue, default: ""].isEmpty, "\(locale): \(label)")
      }
      let path = "words/\(locale.code)/layout"
      let text = try XCTUnwrap(BuiltinTemplates.mustache[path], path)
      let keys = text.split(separator: "\n").compactMap { line -> String? in
        guard line.hasPrefix("{{#"), let end = line.firstIndex(of: "}") else { return nil }
        return String(line[line.index(line.startIndex, offsetBy: 3)..<end])
      }
      XCTAssertEqual(Set(keys), Set(LayoutLabel.allCases.map(\.rawValue)), path)
    }
    XCTAssertNotEqual(
      Words(templates: library, locale: .german).layoutLabels()["howSure"],
      Words(templates: library, locale: .english).layoutLabels()["howSure"])
  }

  /// No layout file is written twice: a language has words, never a layout of its own.
  func testTheLayoutIsOneForEveryLanguage() {
    let paths = BuiltinTemplates.mustache.keys
    XCTAssertTrue(paths.allSatisfy { $0.hasPrefix("layout/") || $0.hasPrefix("words/") })
    XCTAssertTrue(
      paths.filter { $0.hasPrefix("words/") }.allSatisfy {
        let rest = $0.split(separator: "/").dropFirst(2).joined(separator: "/")
        return rest == "phrases" || rest == "layout" || rest.hasPrefix("narrative/")
          || rest.hasPrefix("findings/")
      })
  }

  func testOldOverridePathsAreReadUnderTheirNamesAndNamedForTheirNewPlace() {
    XCTAssertEqual(TemplateLibrary.name(ofPath: "layout/report/task").name, "report/task")
    XCTAssertEqual(TemplateLibrary.name(ofPath: "words/de/phrases").name, "de/phrases")
    XCTAssertEqual(TemplateLibrary.name(ofPath: "words/en/findings/x").name, "findings/x")
    XCTAssertTrue(TemplateLibrary.name(ofPath: "report/task").isLegacy)
    XCTAssertEqual(TemplateLibrary.currentPath(ofLegacy: "report/task"), "layout/report/task")
    XCTAssertEqual(
      TemplateLibrary.currentPath(ofLegacy: "de/narrative/task"), "words/de/narrative/task")
    XCTAssertEqual(TemplateLibrary.currentPath(ofLegacy: "phrases"), "words/en/phrases")
  }
}

/// An override written where templates lived before 1.2 still rewords the report, for one more
/// minor version, and the run says where the file belongs now.
final class LegacyOverrideTests: XCTestCase {
  func testAnOldPathStillOverridesWithAWarningNamingTheNewPlace() throws {
    let fixture = FixtureWorkspace()
    fixture.binaryClient(files: [
      "weeks/2026-W48/evaluations/engine-failure/holdout.csv":
        "label,prediction\nfailure,failure\nok,ok\nok,ok\n"
    ])
    fixture.write(
      "clients/acme/templates/narrative/snippet.mustache",
      try XCTUnwrap(BuiltinTemplates.mustache["words/en/narrative/snippet"]).replacingOccurrences(
        of: "{{#title}}{{client}}: model quality, week {{week}}{{/title}}",
        with: "{{#title}}Old place: {{client}}{{/title}}"))
    let out = NSTemporaryDirectory() + "candor-out-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: out) }
    let run = try CandorProcess.run(["report", fixture.root, "--client", "acme", "--out", out])
    XCTAssertEqual(run.status, 0, run.stderr)
    XCTAssertEqual(
      run.stderr,
      "warning: clients/acme/templates/narrative/snippet.mustache: templates now live in layout/ (no words) and words/<language>/ (phrases, findings, narrative); move it to clients/acme/templates/words/en/narrative/snippet.mustache (the old place is read until 1.3)\n"
    )
    let snippet = try String(contentsOfFile: out + "/acme/2026-W48/snippet.txt", encoding: .utf8)
    XCTAssertTrue(snippet.hasPrefix("Old place: Acme Motors\n"), snippet)
  }
}
