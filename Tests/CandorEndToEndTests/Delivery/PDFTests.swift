import CandorTestSupport
import Foundation
import XCTest

/// `--pdf`: report.pdf printed by headless Chromium, or a clear error when there is none.
final class PDFTests: XCTestCase {
  func workspace() -> FixtureWorkspace {
    let workspace = FixtureWorkspace()
    var rows = "id,label,prediction\n"
    for index in 0..<200 {
      rows +=
        "e\(index),\(index % 5 == 0 ? "failure" : "ok"),\(index % 7 == 0 ? "failure" : "ok")\n"
    }
    workspace.binaryClient(files: ["weeks/2026-W48/evaluations/engine-failure/holdout.csv": rows])
    return workspace
  }

  let noBrowser =
    "error: --pdf prints report.html with a headless Chromium, and none was found (looked on PATH for chromium, chromium-browser, google-chrome, google-chrome-stable); install one (Debian and Ubuntu: apt-get install chromium) or set CANDOR_CHROMIUM to its path\n"

  func testWithoutABrowserSaysWhatToInstallAndWritesNothing() throws {
    let fixture = workspace()
    let bare = ["PATH": "/nonexistent", "CANDOR_CHROMIUM": ""]
    for command in [
      ["report", fixture.root, "--client", "acme", "--pdf"], ["batch", fixture.root, "--pdf"],
      ["email", fixture.root, "--client", "acme", "--attach", "pdf"],
    ] {
      let out = CandorProcess.temporaryFolder()
      let result = try CandorProcess.run(command + ["--out", out], environment: bare)
      XCTAssertEqual(result.status, 1, command.joined(separator: " "))
      XCTAssertEqual(result.stderr, noBrowser)
      XCTAssertTrue(CandorProcess.tree(out).isEmpty)
    }
    let result = try CandorProcess.run(
      [
        "report", fixture.root, "--client", "acme", "--pdf", "--out",
        CandorProcess.temporaryFolder(),
      ],
      environment: ["CANDOR_CHROMIUM": "/nonexistent/chromium"])
    XCTAssertEqual(
      result.stderr,
      "error: CANDOR_CHROMIUM is '/nonexistent/chromium', which is not an executable file; set it to a Chromium or Chrome binary, or unset it to search PATH\n"
    )
  }

  func testPrintsTheReportSameBytesOnRerunOnTheChosenPaper() throws {
    let path = ProcessInfo.processInfo.environment["PATH"] ?? ""
    guard
      path.split(separator: ":").contains(where: {
        FileManager.default.isExecutableFile(atPath: "\($0)/chromium")
      })
    else { throw XCTSkip("no chromium on PATH") }
    let fixture = workspace()
    var pdfs: [Data] = []
    for _ in 0..<2 {
      let out = CandorProcess.temporaryFolder()
      let result = try CandorProcess.run([
        "report", fixture.root, "--client", "acme", "--pdf", "--out", out,
      ])
      XCTAssertEqual(result.status, 0, result.stderr)
      pdfs.append(CandorProcess.tree(out)["acme/2026-W48/report.pdf"] ?? Data())
    }
    XCTAssertTrue(pdfs[0].starts(with: Array("%PDF-".utf8)))
    XCTAssertEqual(pdfs[0], pdfs[1], "the same report prints to the same bytes")
    let text = String(decoding: pdfs[0], as: UTF8.self)
    XCTAssertTrue(text.contains("/CreationDate (D:20261130080000+00'00')"), "dated by the week")
    XCTAssertTrue(text.contains("/MediaBox [0 0 594.95996 841.91998]"), "A4 by default")

    let out = CandorProcess.temporaryFolder()
    XCTAssertEqual(
      try CandorProcess.run([
        "report", fixture.root, "--client", "acme", "--pdf", "--paper", "letter", "--out", out,
      ]).status, 0)
    let letter = String(
      decoding: CandorProcess.tree(out)["acme/2026-W48/report.pdf"]!, as: UTF8.self)
    XCTAssertTrue(letter.contains("/MediaBox [0 0 612 792]"))
  }
}
