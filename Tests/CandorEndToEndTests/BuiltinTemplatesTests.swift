import CandorBuiltinTemplates
import CandorTestSupport
import Foundation
import XCTest

@testable import CandorCLI
@testable import CandorPipeline

/// The default templates travel inside the binary, and always as they are in Templates/.
final class BuiltinTemplatesTests: XCTestCase {
  func testTheEmbeddedSetIsExactlyTheTemplatesFolder() throws {
    let folder = CandorProcess.repository + "/Templates"
    var onDisk: [String: String] = [:]
    let walk = try XCTUnwrap(FileManager.default.enumerator(atPath: folder))
    for case let path as String in walk {
      var isDirectory: ObjCBool = false
      _ = FileManager.default.fileExists(atPath: folder + "/" + path, isDirectory: &isDirectory)
      if !isDirectory.boolValue {
        onDisk[path] = try String(contentsOfFile: folder + "/" + path, encoding: .utf8)
      }
    }
    XCTAssertFalse(onDisk.isEmpty)
    let embedded = BuiltinTemplates.files
    XCTAssertEqual(
      Set(embedded.keys).subtracting(onDisk.keys).sorted(), [],
      "embedded but no longer in Templates/")
    XCTAssertEqual(
      Set(onDisk.keys).subtracting(embedded.keys).sorted(), [],
      "in Templates/ but not embedded: rebuild")
    for (path, text) in onDisk where embedded[path] != nil {
      XCTAssertTrue(
        embedded[path] == text, "Templates/\(path) differs from its embedded copy: rebuild")
    }
  }

  func testTheLookupOrderIsFlagThenVariableThenBuiltIn() throws {
    let folder = CandorProcess.temporaryFolder()
    try "{{% CONTENT_TYPE: MARKDOWN}}\nfrom a folder\n".write(
      toFile: folder + "/report.md.mustache", atomically: true, encoding: .utf8)
    XCTAssertEqual(
      try TemplateSources.base(explicit: nil, environment: [:]), BuiltinTemplates.mustache)
    XCTAssertEqual(
      try TemplateSources.base(explicit: nil, environment: ["CANDOR_TEMPLATES": ""]),
      BuiltinTemplates.mustache)
    XCTAssertEqual(
      try TemplateSources.base(explicit: nil, environment: ["CANDOR_TEMPLATES": folder])[
        "report.md"],
      "{{% CONTENT_TYPE: MARKDOWN}}\nfrom a folder\n")
    XCTAssertEqual(
      try TemplateSources.base(explicit: folder, environment: ["CANDOR_TEMPLATES": "/nonexistent"])[
        "report.md"],
      "{{% CONTENT_TYPE: MARKDOWN}}\nfrom a folder\n")
    XCTAssertThrowsError(
      try TemplateSources.base(explicit: nil, environment: ["CANDOR_TEMPLATES": "/nonexistent"])
    ) { error in
      XCTAssertTrue(
        "\(error.localizedDescription)".hasPrefix("CANDOR_TEMPLATES names '/nonexistent'"),
        error.localizedDescription)
    }
  }

  /// The installed case: one file, no checkout, no templates folder, no variable.
  func testABinaryCopiedAloneToAnEmptyFolderWritesACompleteReport() throws {
    let scratch = CandorProcess.temporaryFolder()
    let bin = scratch + "/bin"
    let work = scratch + "/work"
    try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: CandorProcess.executable, toPath: bin + "/candor")
    try FileManager.default.copyItem(
      atPath: CandorProcess.repository + "/Samples", toPath: work + "/Samples")

    let process = Process()
    process.executableURL = URL(fileURLWithPath: bin + "/candor")
    process.arguments = ["report", "Samples", "--client", "acme-motors", "--out", "reports"]
    var environment = ProcessInfo.processInfo.environment
    environment["CANDOR_TEMPLATES"] = nil
    process.environment = environment
    process.currentDirectoryURL = URL(fileURLWithPath: work)
    let err = Pipe()
    process.standardError = err
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0, stderr)

    let written = CandorProcess.tree(work + "/reports")
    XCTAssertEqual(
      Set(written.keys),
      Set(
        [
          "report.html", "report.md", "snippet.txt", "snippet.html", "summary.json", "notes.md",
          "report-team.html",
        ]
        .map { "acme-motors/2026-W48/\($0)" }))
    // The same bytes as a run on the checkout's Templates/ folder.
    let reference = CandorProcess.temporaryFolder()
    let checked = try CandorProcess.run([
      "report", CandorProcess.repository + "/Samples", "--client", "acme-motors", "--out",
      reference,
    ])
    XCTAssertEqual(checked.status, 0, checked.stderr)
    XCTAssertEqual(written, CandorProcess.tree(reference))
  }
}
