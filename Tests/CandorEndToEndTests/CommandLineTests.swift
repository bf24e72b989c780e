import ArgumentParser
import CandorTestSupport
import Foundation
import XCTest

@testable import CandorCLI
@testable import CandorPipeline

/// What a user sees from `candor` itself, run in-process: the version, the bare command, and
/// one "error: " prefix on every problem.
final class CommandLineTests: XCTestCase {
  func testVersionNamesCandorAndLibcmark() async throws {
    let outcome = await CandorEntry.run(["--version"])
    XCTAssertEqual(outcome.status, 0)
    XCTAssertEqual(outcome.stderr, "")
    let lines = outcome.stdout.split(separator: "\n").map(String.init)
    XCTAssertEqual(lines.count, 2, outcome.stdout)
    XCTAssertEqual(lines.first, "candor \(CandorVersion.number)")
    XCTAssertNotNil(
      lines.last?.range(of: #"^libcmark [0-9]+\.[0-9]+\.[0-9]+$"#, options: .regularExpression),
      outcome.stdout)
    XCTAssertNotNil(
      CandorVersion.number.range(of: #"^[0-9]+\.[0-9]+\.[0-9]+$"#, options: .regularExpression),
      "a Debian package version needs a plain dotted number")
  }

  /// The release script names the .deb from the same line of source that --version prints.
  func testTheReleaseScriptReadsTheSameVersion() throws {
    let process = Process()
    process.executableURL = URL(
      fileURLWithPath: CandorProcess.repository + "/Scripts/build-release")
    process.arguments = ["--print-version"]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    XCTAssertEqual(process.terminationStatus, 0)
    XCTAssertEqual(output, CandorVersion.number + "\n")
  }

  func testNoArgumentsIsAUsageErrorWithAShortUsage() async {
    let outcome = await CandorEntry.run([])
    XCTAssertEqual(outcome.status, 2)
    XCTAssertEqual(outcome.stdout, "")
    XCTAssertTrue(
      outcome.stderr.hasPrefix("usage: candor <command> <workspace> [options]\n"), outcome.stderr)
    for command in ["report", "batch", "snippet", "email", "diff"] {
      XCTAssertTrue(outcome.stderr.contains("\n  \(command) "), "usage should name \(command)")
    }
    XCTAssertLessThan(
      outcome.stderr.split(separator: "\n").count, 15, "a short usage, not the whole help")
  }

  /// The command line was well formed; the path is the problem: an input error, exit 1, with a
  /// pointer to the command that makes a workspace.
  func testAPathThatIsNotAWorkspaceExitsOne() async throws {
    let missing = await CandorEntry.run(["report", "/nonexistent/workspace", "--client", "acme"])
    XCTAssertEqual(missing.status, 1)
    XCTAssertEqual(
      missing.stderr,
      "error: /nonexistent/workspace: workspace folder does not exist; candor add creates one from a predictions file (candor add --help)\n"
    )
    let plain = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
      .path
    try FileManager.default.createDirectory(atPath: plain, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: plain) }
    for command in ["report", "check", "batch"] {
      let arguments = [command, plain] + (command == "report" ? ["--client", "acme"] : [])
      let outcome = try CandorProcess.run(arguments)
      XCTAssertEqual(outcome.status, 1, "\(arguments)")
      XCTAssertTrue(
        outcome.stderr.hasSuffix("is not a Candor workspace: it has no 'clients' folder\n"),
        outcome.stderr)
    }
    let file = plain + "/notes.txt"
    FileManager.default.createFile(atPath: file, contents: Data("x\n".utf8))
    let aFile = try CandorProcess.run(["check", file])
    XCTAssertEqual(aFile.status, 1)
    XCTAssertTrue(
      aFile.stderr.contains("notes.txt: is a file, not a workspace folder"), aFile.stderr)
  }

  func testUsageErrorsSayErrorOnceInLowerCase() async {
    let cases: [[String]] = [
      ["--frobnicate"],
      ["report", CandorProcess.repository + "/Samples", "--client", "Not An Id"],
      ["report", CandorProcess.repository + "/Samples"],
    ]
    for arguments in cases {
      let outcome = await CandorEntry.run(arguments)
      XCTAssertEqual(outcome.status, 2, "\(arguments)")
      XCTAssertTrue(outcome.stderr.hasPrefix("error: "), "\(arguments): \(outcome.stderr)")
      XCTAssertFalse(outcome.stderr.contains("Error:"), "\(arguments): \(outcome.stderr)")
      XCTAssertEqual(
        outcome.stderr.components(separatedBy: "error: ").count, 2,
        "\(arguments): \(outcome.stderr)")
    }
  }

  func testAFolderThatHoldsNoTemplatesIsOneClearError() async {
    let outcome = await CandorEntry.run([
      "report", CandorProcess.repository + "/Samples", "--client", "acme-motors",
      "--templates", "/nonexistent/templates", "--out", CandorProcess.temporaryFolder(),
    ])
    XCTAssertEqual(outcome.status, 1)
    XCTAssertEqual(
      outcome.stderr,
      "error: --templates names '/nonexistent/templates', which is not a templates folder "
        + "(it has no layout/report.md.mustache); leave --templates out to use the templates built into candor\n"
    )
  }

  func testHelpTeachesVersionAndCompletions() async {
    let outcome = await CandorEntry.run(["--help"])
    XCTAssertEqual(outcome.status, 0)
    XCTAssertTrue(outcome.stdout.contains("--version"), outcome.stdout)
    XCTAssertTrue(
      outcome.stdout.contains("candor --generate-completion-script bash|zsh|fish"), outcome.stdout)
    let bash = await CandorEntry.run(["--generate-completion-script", "bash"])
    XCTAssertEqual(bash.status, 0)
    XCTAssertTrue(bash.stdout.contains("-F _candor candor"), String(bash.stdout.prefix(300)))
  }
}
