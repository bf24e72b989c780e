import CandorTestSupport
import Foundation
import XCTest

/// Issue 12, item 9: a snippet a client understands, a link to the full report, colours that
/// survive dark mode.
final class SnippetTests: XCTestCase {
  static let samples = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Samples").path

  func testSnippetSpeaksPlainly() throws {
    let text = try CandorProcess.run(["snippet", Self.samples, "--client", "acme-motors"]).stdout
    XCTAssertTrue(text.contains("the model caught 85 of 120 'failure' engines"), text)
    XCTAssertTrue(text.contains("On the frozen test set"), "set descriptions, not ids: \(text)")
    XCTAssertFalse(text.contains("holdout-2026q1"), text)
    XCTAssertFalse(text.contains("within noise"), text)
    XCTAssertFalse(text.lowercased().contains("likely"), text)
    XCTAssertFalse(text.contains("down 0."), text)
    XCTAssertTrue(
      text.contains("(macro F1, from 0 to 1)"), "a metric is never named without words: \(text)")
    // Each task's line opens with its status; no promise nobody logged.
    XCTAssertTrue(text.contains("Brake pad wear grade: worse. On the frozen test set"), text)
    XCTAssertTrue(text.contains("Engine failure within 30 days: better."), text)
    XCTAssertFalse(text.contains("investigating"), text)
    let quiet = try CandorProcess.run(["snippet", Self.samples, "--client", "nordic-fleet"]).stdout
    XCTAssertTrue(quiet.contains("too small to tell apart from chance"), quiet)
    XCTAssertFalse(quiet.contains("investigating"), quiet)
    // "Beyond chance" is defined where a line says it, and only there.
    XCTAssertTrue(text.contains("a real improvement, beyond chance"), text)
    XCTAssertTrue(text.contains("\"Beyond chance\" means"), text)
    XCTAssertFalse(quiet.lowercased().contains("beyond chance"), quiet)
  }

  /// `unit` is a plural noun, so one case is said without it ("the only 'failure' case"),
  /// never "the only one 'failure' examples" nor "1 of 1".
  func testASinglePositiveIsSaidAsOne() throws {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: [
      "weeks/2026-W48/evaluations/engine-failure/holdout.csv":
        "label,prediction\nfailure,failure\nok,ok\nok,ok\n"
    ])
    for (locale, expected) in [
      ("en", "the model caught the only 'failure' case, with 0 false alarms"),
      ("de", "erkannte das Modell den einzigen „failure“-Fall, bei 0 Fehlalarmen"),
    ] {
      let text = try CandorProcess.run([
        "snippet", workspace.root, "--client", "acme", "--locale", locale,
      ]).stdout
      XCTAssertTrue(text.contains(expected), text)
      XCTAssertFalse(
        text.contains("the only one") || text.contains("1 of 1") || text.contains("1 von 1"), text)
    }
  }

  /// "How often the hardest class was recognised" is a phrase of its own (German needs the
  /// dative), and there is no hardest class when every class is recognised every time.
  func testTheHardestClassReadsForNoneAndIsLeftOutWhenNoneIsMissed() throws {
    func snippet(_ rows: String, _ locale: String) throws -> String {
      let workspace = FixtureWorkspace()
      workspace.write(
        "clients/acme/client.yaml",
        "name: Acme\ntasks:\n  - id: t\n    name: Grade\nvalidation_sets:\n  - id: s\n    description: Holdout\n    role: test\n"
      )
      workspace.write(
        "clients/acme/weeks/2026-W48/evaluations/t/s.csv", "label,prediction\n" + rows)
      let run = try CandorProcess.run([
        "snippet", workspace.root, "--client", "acme", "--locale", locale,
      ])
      XCTAssertEqual(run.status, 0, run.stderr)
      return run.stdout
    }
    let missed = "a,a\na,a\nb,b\nb,b\nc,a\nc,b\n"
    XCTAssertTrue(
      try snippet(missed, "en").contains("'c', it recognised in none of its 2 cases."))
    XCTAssertTrue(try snippet(missed, "de").contains("„c“, erkannte es in keinem der 2 Fälle."))
    let perfect = "a,a\nb,b\nc,c\n"
    for locale in ["en", "de"] {
      let text = try snippet(perfect, locale)
      XCTAssertFalse(text.contains("hardest") || text.contains("schwersten"), text)
    }
  }

  func testReportURLMakesFullReportALinkOnEveryCommand() throws {
    let base = "https://reports.example.com/candor/"
    let html = try CandorProcess.run([
      "snippet", Self.samples, "--client", "tiny-lake", "--format", "html", "--report-url", base,
    ])
    XCTAssertEqual(html.status, 0, html.stderr)
    XCTAssertTrue(
      html.stdout.contains(
        "<a href=\"https://reports.example.com/candor/tiny-lake/2026-W49/report.html\""),
      html.stdout)
    let text = try CandorProcess.run([
      "snippet", Self.samples, "--client", "tiny-lake", "--report-url", base,
    ]).stdout
    XCTAssertTrue(
      text.contains(
        "Full report: https://reports.example.com/candor/tiny-lake/2026-W49/report.html"), text)
    let out = CandorProcess.temporaryFolder()
    let report = try CandorProcess.run([
      "report", Self.samples, "--client", "tiny-lake", "--out", out, "--report-url",
      "http://r.example",
    ])
    XCTAssertEqual(report.status, 0, report.stderr)
    XCTAssertTrue(
      String(decoding: CandorProcess.tree(out)["tiny-lake/2026-W49/snippet.html"]!, as: UTF8.self)
        .contains("href=\"http://r.example/tiny-lake/2026-W49/report.html\""))
    let batchOut = CandorProcess.temporaryFolder()
    let batch = try CandorProcess.run([
      "batch", Self.samples, "--out", batchOut, "--quiet", "--jobs", "2", "--report-url", base,
    ])
    XCTAssertEqual(batch.status, 0, batch.stderr)
    XCTAssertTrue(
      String(
        decoding: CandorProcess.tree(batchOut)["nordic-fleet/2026-W48/snippet.txt"]!, as: UTF8.self
      )
      .contains("Full report: https://reports.example.com/candor/nordic-fleet/2026-W48/report.html")
    )
    // Without the flag there is no link.
    let plain = try CandorProcess.run([
      "snippet", Self.samples, "--client", "tiny-lake", "--format", "html",
    ]).stdout
    XCTAssertFalse(plain.contains("<a "), plain)
  }

  func testReportURLAcceptsHTTPAndHTTPSOnly() throws {
    for bad in [
      "ftp://example.com/r", "javascript:alert(1)", "example.com/r", "https://",
      "https://ex ample.com", "https://e.com/\"><b>",
    ] {
      for command in [
        ["snippet", Self.samples, "--client", "acme-motors"],
        [
          "report", Self.samples, "--client", "acme-motors", "--out",
          CandorProcess.temporaryFolder(),
        ],
        ["batch", Self.samples, "--out", CandorProcess.temporaryFolder()],
      ] {
        let result = try CandorProcess.run(command + ["--report-url", bad])
        XCTAssertEqual(result.status, 2, "\(command[0]) \(bad): \(result.stderr)")
        XCTAssertTrue(result.stderr.contains("--report-url"), result.stderr)
      }
    }
    // The report's path goes after the base: a query or fragment would swallow it.
    for bad in ["https://r.example/x?a=1", "https://r.example/x#top"] {
      let result = try CandorProcess.run([
        "snippet", Self.samples, "--client", "acme-motors", "--report-url", bad,
      ])
      XCTAssertEqual(result.status, 2, bad)
      XCTAssertTrue(
        result.stderr.hasPrefix(
          "error: --report-url '\(bad)' has a query or fragment (after ? or #); give the base folder only"
        ), result.stderr)
    }
  }

  func testSnippetColoursSurviveDarkModeInA600PixelTable() throws {
    let html = try CandorProcess.run([
      "snippet", Self.samples, "--client", "acme-motors", "--format", "html",
    ]).stdout
    // A fixed 600px width (what Outlook's Word engine honours), shrinking on phones; no
    // obsolete attributes, so the fragment validates.
    XCTAssertTrue(
      html.hasPrefix("<table role=\"presentation\" style=\"width:600px;max-width:100%;"), html)
    XCTAssertNil(
      html.range(
        of: #"\s(width|bgcolor|cellpadding|cellspacing|border)="#, options: .regularExpression),
      html)
    // Every element that sets a text colour sits in a cell that sets its background too.
    XCTAssertTrue(html.contains("background-color:#ffffff;color:#1f2328;"))
    XCTAssertTrue(
      html.contains("<td style=\"padding:16px;background-color:#ffffff;color:#1f2328;"), html)
    XCTAssertFalse(html.contains("<style"), "inline styles only")
  }
}

/// On a terminal the snippet goes through the escaping every printed line does; redirected to
/// a file it is the product, byte for byte.
final class SnippetTerminalTests: XCTestCase {
  func testBidiControlsInAClientNameAreEscapedOnATerminalOnly() throws {
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/script") else {
      throw XCTSkip("no script(1) to give candor a terminal")
    }
    let workspace = FixtureWorkspace()
    // Client text refuses direction controls (HostileInputTests); a class is the files' own.
    workspace.binaryClient(files: [
      "weeks/2026-W48/evaluations/engine-failure/holdout.csv":
        "label,prediction\nfail\u{202E}eru,fail\u{202E}eru\nok,ok\n"
    ])
    workspace.write(
      "clients/acme/client.yaml",
      FixtureWorkspace.binaryClientYAML.replacingOccurrences(
        of: "positive_label: failure", with: "positive_label: \"fail\u{202E}eru\""))
    let piped = try CandorProcess.run(["snippet", workspace.root, "--client", "acme"])
    XCTAssertTrue(piped.stdout.contains("fail\u{202E}eru"), piped.stdout)
    let command = ([CandorProcess.executable, "snippet", workspace.root, "--client", "acme"])
      .map { "'\($0)'" }.joined(separator: " ")
    let terminal = try CandorProcess.run(
      ["-qec", command, "/dev/null"], executable: "/usr/bin/script")
    XCTAssertTrue(terminal.stdout.contains("fail\\u{202E}eru"), terminal.stdout)
    XCTAssertFalse(terminal.stdout.contains("\u{202E}"), terminal.stdout)
  }
}
