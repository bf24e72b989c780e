import CandorTestSupport
import Foundation
import XCTest

/// Contract 1.1 input formats, end to end: the sample automaker's files gzip-compressed, or
/// exported as a German spreadsheet would, give the very bytes of its reviewed golden report.
final class InputFormatReportTests: XCTestCase {
  let golden =
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().path
    + "/Golden/batch/samples/acme-motors"

  /// A workspace holding a copy of the sample automaker.
  func sampleCopy() throws -> FixtureWorkspace {
    let workspace = FixtureWorkspace()
    try FileManager.default.copyItem(
      atPath: CandorProcess.repository + "/Samples/clients/acme-motors",
      toPath: workspace.path("clients/acme-motors"))
    return workspace
  }

  /// The predictions files of the copy, workspace-relative.
  func predictionFiles(_ workspace: FixtureWorkspace) -> [String] {
    let base = "clients/acme-motors"
    let files = FileManager.default.enumerator(atPath: workspace.path(base))!
    return files.compactMap { $0 as? String }.filter { $0.hasSuffix(".csv") }.sorted()
      .map { "\(base)/\($0)" }
  }

  func assertReportMatchesGolden(_ workspace: FixtureWorkspace) throws {
    let out = CandorProcess.temporaryFolder()
    let result = try CandorProcess.run([
      "report", workspace.root, "--client", "acme-motors", "--out", out,
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    let produced = CandorProcess.tree(out + "/acme-motors")
    let expected = CandorProcess.tree(golden)
    XCTAssertEqual(produced.keys.sorted(), expected.keys.sorted())
    for (path, data) in expected { XCTAssertEqual(produced[path], data, path) }
  }

  func testGzipFilesGiveTheSameReport() throws {
    let workspace = try sampleCopy()
    let files = predictionFiles(workspace)
    XCTAssertEqual(files.count, 24)
    for file in files where file.contains("/engine-failure/") {
      let text = try String(contentsOfFile: workspace.path(file), encoding: .utf8)
      try FileManager.default.removeItem(atPath: workspace.path(file))
      workspace.writeGzipped(file + ".gz", text)
    }
    try assertReportMatchesGolden(workspace)
  }

  func testASpreadsheetExportWithCsvKeyGivesTheSameReport() throws {
    let workspace = try sampleCopy()
    for file in predictionFiles(workspace) {
      let text = try String(contentsOfFile: workspace.path(file), encoding: .utf8)
      workspace.write(file, Self.spreadsheetExport(text))
    }
    let yaml = try String(
      contentsOfFile: workspace.path("clients/acme-motors/client.yaml"), encoding: .utf8)
    // Without csv: the first file read says what to add.
    let refused = try CandorProcess.run([
      "report", workspace.root, "--client", "acme-motors", "--out", CandorProcess.temporaryFolder(),
    ])
    XCTAssertEqual(refused.status, 1)
    XCTAssertTrue(
      refused.stderr.contains("add csv: {delimiter: \";\", decimal: \",\"} to client.yaml"),
      refused.stderr)
    workspace.write(
      "clients/acme-motors/client.yaml", yaml + "csv: {delimiter: \";\", decimal: \",\"}\n")
    try assertReportMatchesGolden(workspace)
  }

  /// What a spreadsheet set to German writes: `;` between fields, decimal commas (the sample's
  /// only points are in numbers; quoted fields are kept as written).
  static func spreadsheetExport(_ text: String) -> String {
    var out = ""
    var quoted = false
    for character in text {
      switch character {
      case "\"": quoted.toggle()
      case "," where !quoted:
        out += ";"
        continue
      case "." where !quoted:
        out += ","
        continue
      default: break
      }
      out.append(character)
    }
    return out
  }
}
