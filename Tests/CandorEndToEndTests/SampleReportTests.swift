import CandorTestSupport
import Foundation
import XCTest

/// The bundled samples, end to end, against reviewed golden files.
final class SampleReportTests: XCTestCase {
  let samples = CandorProcess.repository + "/Samples"
  let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
    "Golden"
  ).path

  func testBatchOnSamplesMatchesGoldenReports() async throws {
    let out = CandorProcess.temporaryFolder()
    let result = await InProcess.run(["batch", samples, "--out", out, "--quiet"])
    XCTAssertEqual(result.status, 0, result.stderr)
    Golden.assertTree(out, matches: golden + "/batch/samples")
    assertSmallAndSelfContained(out)
    // The client's edition ends where a client stops reading: at most 1,500 words each.
    for (path, data) in CandorProcess.tree(out) where path.hasSuffix("/report.md") {
      let words = Self.visibleWords(String(decoding: data, as: UTF8.self))
      XCTAssertLessThanOrEqual(words, 1_500, path)
      XCTAssertGreaterThan(words, 500, path)
    }
  }

  /// Words a reader meets (as Scripts/word-count counts them): text outside charts and markup.
  static func visibleWords(_ markdown: String) -> Int {
    let text = markdown.replacing(/<svg[\s\S]*?<\/svg>/, with: " ").replacing(/<[^>]+>/, with: " ")
    return text.split(whereSeparator: \.isWhitespace).filter {
      $0.contains { $0.isLetter || $0.isNumber }
    }.count
  }

  /// Issue 13: the automaker's report in German (reviewed golden), from Templates/de/, with
  /// German numbers and weeks; the client's own names and labels untouched; summary.json the
  /// same bytes as in English.
  func testGermanReportMatchesGoldenAndSummaryIsLocaleFree() async throws {
    let out = CandorProcess.temporaryFolder()
    let result = await InProcess.run([
      "report", samples, "--client", "acme-motors", "--locale", "de", "--out", out,
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    Golden.assertTree(out, matches: golden + "/report-de")
    let report = try String(
      contentsOfFile: out + "/acme-motors/2026-W48/report.md", encoding: .utf8)
    XCTAssertTrue(report.hasPrefix("# Acme Motors: Bericht zur Modellqualität, KW 48/2026\n"))
    XCTAssertLessThanOrEqual(Self.visibleWords(report), 1_500, "the German edition too")
    XCTAssertTrue(
      report.contains("von 54,17\u{00A0}% auf 70,83\u{00A0}%"), "decimal comma, space before %")
    // The client's own words in German (client.yaml gives them per language), in German quotes.
    XCTAssertTrue(report.contains("„Ausfall“"), "labels as the client wrote them")
    XCTAssertTrue(report.contains("Motorausfall innerhalb von 30 Tagen"))
    let summary = try Data(
      contentsOf: URL(fileURLWithPath: out + "/acme-motors/2026-W48/summary.json"))
    let english = try Data(
      contentsOf: URL(fileURLWithPath: golden + "/batch/samples/acme-motors/2026-W48/summary.json"))
    XCTAssertEqual(summary, english, "summary.json does not depend on the locale")
  }

  /// `locale: de` in client.yaml chooses German without the flag; `--locale en` overrides it.
  func testClientYAMLLocaleAndTheFlagThatOverridesIt() throws {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(
      "acme",
      files: [
        "weeks/2026-W48/evaluations/engine-failure/holdout.csv":
          "label,prediction\nfailure,failure\nfailure,ok\nok,ok\n"
      ])
    let yaml = try String(
      contentsOfFile: workspace.root + "/clients/acme/client.yaml", encoding: .utf8)
    workspace.write("clients/acme/client.yaml", "locale: de\n" + yaml)
    let german = try CandorProcess.run(["snippet", workspace.root, "--client", "acme"])
    XCTAssertEqual(german.status, 0, german.stderr)
    XCTAssertTrue(german.stdout.hasPrefix("Acme Motors: Modellqualität, KW 48/2026"), german.stdout)
    XCTAssertTrue(
      german.stdout.contains("„failure“-Beispiele"),
      "no unit: in client.yaml: the German word: \(german.stdout)")
    let english = try CandorProcess.run([
      "snippet", workspace.root, "--client", "acme", "--locale", "en",
    ])
    XCTAssertTrue(
      english.stdout.hasPrefix("Acme Motors: model quality, week 2026-W48"), english.stdout)
    XCTAssertEqual(
      try CandorProcess.run(["snippet", workspace.root, "--client", "acme", "--locale", "fr"])
        .status, 2)
    workspace.write("clients/acme/client.yaml", "locale: fr\n" + yaml)
    let refused = try CandorProcess.run(["snippet", workspace.root, "--client", "acme"])
    XCTAssertEqual(refused.status, 1)
    XCTAssertTrue(
      refused.stderr.contains("client.yaml:1: key 'locale': unknown locale 'fr'"), refused.stderr)
  }

  /// Each sample's report.html: small, with no script and nothing fetched (one batch serves
  /// this and the goldens).
  func assertSmallAndSelfContained(_ out: String) {
    for (path, data) in CandorProcess.tree(out) where path.hasSuffix("report.html") {
      XCTAssertLessThan(data.count, 300_000, path)
      let html = String(decoding: data, as: UTF8.self)
      XCTAssertFalse(html.contains("<script"), path)
      XCTAssertNil(
        html.range(of: #"(src|href)\s*=\s*"(https?:)?//"#, options: .regularExpression),
        "external reference in \(path)")
      XCTAssertNil(html.range(of: "{{"), "unrendered template tag in \(path)")
    }
  }

  func testTheAutomakerStoryIsTold() async throws {
    let out = CandorProcess.temporaryFolder()
    let result = await InProcess.run(["report", samples, "--client", "acme-motors", "--out", out])
    XCTAssertEqual(result.status, 0, result.stderr)
    let summary =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: out + "/acme-motors/2026-W48/summary.json")))
      as! [String: Any]
    XCTAssertEqual(
      summary["compared_to"] as? String, "2026-W46", "W47 is missing, so W48 compares with W46")
    let findings = (summary["findings"] as! [[String: Any]]).map {
      "\($0["code"]!) \($0["task"]!) \($0["set"] as? String ?? "-")"
    }
    XCTAssertTrue(
      findings.contains("significant-improvement engine-failure holdout-2026q1"), "\(findings)")
    XCTAssertTrue(
      findings.contains("significant-regression brake-wear holdout-2026q1"), "\(findings)")
    XCTAssertTrue(
      findings.contains("accuracy-misleading engine-failure holdout-2026q1"), "\(findings)")
    let markdown = try String(
      contentsOfFile: out + "/acme-motors/2026-W48/report.md", encoding: .utf8)
    XCTAssertTrue(
      markdown.contains(
        "A model that always said 'no-failure', without looking at the data at all, would be right 98.0% of the time."
      ))
    XCTAssertTrue(
      markdown.contains(
        "Of the 120 engines that were really 'failure', the model caught 85 and missed 35."))
  }

  /// A set the client saw last time with no file this week is said in the client's edition
  /// too, not left out of its table silently; with every file there, nothing is said.
  func testASetWithoutAFileThisWeekIsSaidToTheClient() async throws {
    let work = CandorProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: work) }
    try FileManager.default.copyItem(atPath: samples, toPath: work + "/Samples")
    let evaluations = work + "/Samples/clients/acme-motors/weeks/2026-W48/evaluations"
    for complete in [true, false] {
      if !complete {
        try FileManager.default.removeItem(atPath: evaluations + "/engine-failure/recent.csv")
      }
      let out = work + "/out-\(complete)"
      let result = await InProcess.run([
        "report", work + "/Samples", "--client", "acme-motors", "--out", out, "--quiet",
      ])
      XCTAssertEqual(result.status, 0, result.stderr)
      let markdown = try String(
        contentsOfFile: out + "/acme-motors/2026-W48/report.md", encoding: .utf8)
      XCTAssertEqual(
        markdown.contains(
          "- 'recent' was evaluated in 2026-W46 but has no file this week, so it is not compared."),
        !complete, markdown)
    }
  }

  func testCountsOnlyClientGetsApproximateRankingAndAShift() async throws {
    let out = CandorProcess.temporaryFolder()
    let result = await InProcess.run(["report", samples, "--client", "tiny-lake", "--out", out])
    XCTAssertEqual(result.status, 0, result.stderr)
    let text = try String(contentsOfFile: out + "/tiny-lake/2026-W49/summary.json", encoding: .utf8)
    XCTAssertTrue(text.contains("\"ci_method\": \"delong-histogram\""))
    XCTAssertTrue(text.contains("\"code\": \"prevalence-shift\""))
    XCTAssertTrue(text.contains("\"source\": \"counts\""))
  }

  func testDiffBetweenWeeksGatesOnTheBrakeRegression() throws {
    let out = CandorProcess.temporaryFolder()
    let result = try CandorProcess.run([
      "diff", samples, "--client", "acme-motors", "--base", "2026-W46", "--candidate", "2026-W48",
      "--fail-on", "regression", "--out", out,
    ])
    XCTAssertEqual(result.status, 3, result.stderr)
    XCTAssertTrue(result.stdout.contains("engine-failure/holdout-2026q1: improved"), result.stdout)
    XCTAssertTrue(result.stdout.contains("brake-wear/holdout-2026q1: regressed"), result.stdout)
    XCTAssertTrue(result.stdout.contains("owner: Data science, chassis"), result.stdout)
    let never = try CandorProcess.run([
      "diff", samples, "--client", "acme-motors", "--base", "2026-W46", "--candidate", "2026-W48",
      "--fail-on", "never", "--out", out,
    ])
    XCTAssertEqual(never.status, 0)
  }
}
