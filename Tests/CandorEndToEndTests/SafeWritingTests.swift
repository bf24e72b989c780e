import CandorTestSupport
import Foundation
import XCTest

@testable import CandorCLI
@testable import CandorPipeline

/// Issue 17, "writing where it should not" and messages: each test reproduced the problem first.
final class SafeWritingTests: XCTestCase {
  func workspace() -> FixtureWorkspace {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: [
      "weeks/2026-W48/evaluations/engine-failure/holdout.counts.json":
        #"{"labels": ["ok", "failure"], "matrix": [[900, 40], [20, 40]]}"#
    ])
    return workspace
  }

  /// `--paper` where no PDF is printed would be ignored silently; it is a usage error, and
  /// accepted with `--pdf` (checked before any browser is looked for).
  func testPaperWithoutAPDFIsAUsageError() throws {
    let workspace = workspace()
    let out = CandorProcess.temporaryFolder()
    for (command, fix) in [("report", ""), ("batch", " or --send --attach pdf")] {
      var arguments = [command, workspace.root, "--out", out, "--paper", "letter"]
      if command == "report" { arguments += ["--client", "acme"] }
      let result = try CandorProcess.run(arguments)
      XCTAssertEqual(result.status, 2, command)
      XCTAssertTrue(
        result.stderr.hasPrefix(
          "error: --paper sets report.pdf's paper size, and no report.pdf is printed; add --pdf\(fix)\n"
        ), result.stderr)
      XCTAssertEqual(CandorProcess.tree(out), [:], "nothing written")
    }
  }

  func testEmptyOutIsAUsageError() throws {
    let workspace = workspace()
    for command in ["report", "batch"] {
      var arguments = [command, workspace.root, "--out", ""]
      if command == "report" { arguments += ["--client", "acme"] }
      let result = try CandorProcess.run(arguments)
      XCTAssertEqual(result.status, 2, command)
      XCTAssertTrue(
        result.stderr.contains(
          "--out '' names no folder; give the folder reports are written to (default: reports)"),
        result.stderr)
    }
  }

  func testOutInsideTheWorkspaceIsRefused() throws {
    let workspace = workspace()
    for out in [workspace.root + "/reports", workspace.root, workspace.root + "/clients/../x"] {
      let result = try CandorProcess.run([
        "report", workspace.root, "--client", "acme", "--out", out,
      ])
      XCTAssertEqual(result.status, 2, out)
      XCTAssertTrue(
        result.stderr.contains(
          "is inside the workspace '\(workspace.root)'; write reports to a folder outside it"),
        result.stderr)
    }
    XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.root + "/reports"))
    XCTAssertFalse(FileManager.default.fileExists(atPath: workspace.root + "/acme"))
    // A folder that is no workspace is said to be so (exit 1), whatever --out is: the default
    // `reports` in the current folder is inside `.` and must not hide it.
    let plain = CandorProcess.temporaryFolder()
    for command in [
      ["report", plain, "--client", "acme"],
      ["diff", plain, "--client", "acme", "--base", "2026-W47", "--candidate", "2026-W48"],
    ] {
      let result = try CandorProcess.run(command + ["--out", plain + "/reports"])
      XCTAssertEqual(result.status, 1, result.stderr)
      XCTAssertTrue(result.stderr.contains("is not a Candor workspace"), result.stderr)
    }
  }

  func testAFileAtTheReportPathIsNotReplaced() throws {
    let workspace = workspace()
    let out = CandorProcess.temporaryFolder()
    try FileManager.default.createDirectory(
      atPath: out + "/acme", withIntermediateDirectories: true)
    _ = FileManager.default.createFile(atPath: out + "/acme/2026-W48", contents: Data("mine".utf8))
    let result = try CandorProcess.run(["report", workspace.root, "--client", "acme", "--out", out])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stderr,
      "error: \(out)/acme/2026-W48: exists and is not a folder; Candor does not replace it (move it away and run again)\n"
    )
    XCTAssertEqual(FileManager.default.contents(atPath: out + "/acme/2026-W48"), Data("mine".utf8))
  }

  func testOutOnAFileGivesAPlainMessage() throws {
    let workspace = workspace()
    let out = CandorProcess.temporaryFolder() + "/file"
    _ = FileManager.default.createFile(atPath: out, contents: Data("x".utf8))
    let result = try CandorProcess.run(["report", workspace.root, "--client", "acme", "--out", out])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stderr,
      "error: \(out): exists and is not a folder, so the output folder cannot be created inside it\n"
    )
    XCTAssertFalse(result.stderr.contains("NSCocoaErrorDomain"))
  }

  func testOutOnAReadOnlyFileSystemGivesAPlainMessage() throws {
    // A read-only tmpfs, mounted in a private mount namespace (needs unshare and the right to
    // mount there; skipped elsewhere).
    let workspace = workspace()
    let mountPoint = CandorProcess.temporaryFolder()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
    process.arguments = [
      "-rm", "sh", "-c",
      "mount -t tmpfs -o ro none \"$1\" || exit 99; exec \"$2\" report \"$3\" --client acme --out \"$1/reports\"",
      "sh", mountPoint, CandorProcess.executable, workspace.root,
    ]
    var environment = ProcessInfo.processInfo.environment
    environment["CANDOR_TEMPLATES"] = CandorProcess.repository + "/Templates"
    process.environment = environment
    let errors = Pipe()
    process.standardError = errors
    process.standardOutput = FileHandle.nullDevice
    guard FileManager.default.isExecutableFile(atPath: "/usr/bin/unshare") else {
      throw XCTSkip("no unshare")
    }
    try process.run()
    let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    if process.terminationStatus == 99 || stderr.hasPrefix("unshare:") {
      throw XCTSkip("cannot mount a read-only file system here: \(stderr)")
    }
    XCTAssertEqual(process.terminationStatus, 1)
    XCTAssertEqual(
      stderr, "error: \(mountPoint)/reports: cannot be created: Read-only file system\n")
    XCTAssertFalse(stderr.contains("NSCocoaErrorDomain"))
  }

  func testAUsersFileInAReportFolderIsKeptAndNamed() throws {
    let workspace = workspace()
    let out = CandorProcess.temporaryFolder()
    XCTAssertEqual(
      try CandorProcess.run(["report", workspace.root, "--client", "acme", "--out", out]).status, 0)
    _ = FileManager.default.createFile(
      atPath: out + "/acme/2026-W48/my-notes.txt", contents: Data("keep me".utf8))
    try FileManager.default.createDirectory(
      atPath: out + "/acme/2026-W48/drafts", withIntermediateDirectories: true)
    _ = FileManager.default.createFile(
      atPath: out + "/acme/2026-W48/drafts/a.txt", contents: Data("draft".utf8))
    // A changed input forces a rewrite (the folder is exchanged).
    workspace.write(
      "clients/acme/weeks/2026-W48/evaluations/engine-failure/holdout.counts.json",
      #"{"labels": ["ok", "failure"], "matrix": [[901, 40], [20, 40]]}"#)
    let result = try CandorProcess.run(["report", workspace.root, "--client", "acme", "--out", out])
    XCTAssertEqual(result.status, 0, result.stderr)
    XCTAssertEqual(
      result.stderr,
      """
      warning: \(out)/acme/2026-W48/drafts is not a Candor file; it was left in place (a report folder should hold only Candor's files)
      warning: \(out)/acme/2026-W48/my-notes.txt is not a Candor file; it was left in place (a report folder should hold only Candor's files)

      """)
    XCTAssertEqual(
      FileManager.default.contents(atPath: out + "/acme/2026-W48/my-notes.txt"),
      Data("keep me".utf8))
    XCTAssertEqual(
      FileManager.default.contents(atPath: out + "/acme/2026-W48/drafts/a.txt"), Data("draft".utf8))
    XCTAssertTrue(
      String(
        decoding: FileManager.default.contents(atPath: out + "/acme/2026-W48/summary.json")!,
        as: UTF8.self
      ).contains("901"))
  }

  func testAnotherLiveProcessesStagingFolderIsNeverRemoved() throws {
    let out = CandorProcess.temporaryFolder()
    let sleeper = Process()
    sleeper.executableURL = URL(fileURLWithPath: "/bin/sleep")
    sleeper.arguments = ["30"]
    try sleeper.run()
    defer { sleeper.terminate() }
    let live =
      "\(sleeper.processIdentifier)-\(ProcessIdentity.startTime(of: sleeper.processIdentifier) ?? 0)"
    let liveStaging = "\(out)/acme/.2026-W48.staging-\(live)"
    let deadStaging = "\(out)/acme/.2026-W48.staging-999999999-1"
    for folder in [liveStaging, deadStaging] {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      _ = FileManager.default.createFile(
        atPath: folder + "/report.html", contents: Data("half".utf8))
    }
    // A run killed between the exchange and moving a user's folder back left it in its staging folder.
    try FileManager.default.createDirectory(
      atPath: deadStaging + "/drafts", withIntermediateDirectories: true)
    _ = FileManager.default.createFile(
      atPath: deadStaging + "/drafts/a.txt", contents: Data("draft".utf8))
    try FileManager.default.createDirectory(
      atPath: "\(out)/acme/2026-W48", withIntermediateDirectories: true)
    try OutputWriter(folder: "\(out)/acme/2026-W48", warn: { _ in }).write([
      ("report.html", "<p>ok</p>")
    ])
    XCTAssertEqual(
      FileManager.default.contents(atPath: "\(out)/acme/2026-W48/drafts/a.txt"), Data("draft".utf8))
    XCTAssertTrue(
      FileManager.default.fileExists(atPath: liveStaging + "/report.html"),
      "a live run's staging folder was removed")
    XCTAssertFalse(
      FileManager.default.fileExists(atPath: deadStaging), "a dead run's leftover was kept")
    XCTAssertTrue(ProcessIdentity.current.hasPrefix("\(getpid())-"))
  }

  func testTwoBatchesIntoOneOutFolderBothSucceed() throws {
    let workspace = FixtureWorkspace()
    for index in 0..<6 {
      workspace.binaryClient(
        "c\(index)",
        files: [
          "weeks/2026-W48/evaluations/engine-failure/holdout.counts.json":
            #"{"labels": ["ok", "failure"], "matrix": [[9\#(index), 4], [2, 4]]}"#
        ])
    }
    let out = CandorProcess.temporaryFolder()
    let root = workspace.root
    for _ in 0..<3 {
      try? FileManager.default.removeItem(atPath: out)
      let group = DispatchGroup()
      nonisolated(unsafe) var statuses: [Int32] = [0, 0]
      for index in 0..<2 {
        group.enter()
        DispatchQueue.global().async {
          statuses[index] =
            (try? CandorProcess.run(["batch", root, "--out", out, "--jobs", "2", "--quiet"]).status)
            ?? -1
          group.leave()
        }
      }
      group.wait()
      XCTAssertEqual(statuses, [0, 0])
    }
  }

  func testDiffPathsStayInsideTheNamedClient() throws {
    let workspace = workspace()
    workspace.binaryClient(
      "other",
      files: [
        "weeks/2026-W48/evaluations/engine-failure/holdout.counts.json":
          #"{"labels": ["ok", "failure"], "matrix": [[10, 4], [2, 4]]}"#
      ])
    let out = CandorProcess.temporaryFolder()
    let other = workspace.root + "/clients/other/weeks/2026-W48/evaluations"
    let result = try CandorProcess.run([
      "diff", workspace.root, "--client", "acme", "--base", "2026-W48", "--candidate", other,
      "--out", out,
    ])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stderr,
      "error: \(other): is inside the workspace but outside clients/acme; a diff reads only the named client's folder, or a folder outside the workspace\n"
    )
    // A path into the client's own folder, however written, is the client's.
    let own = workspace.root + "/clients/acme/weeks/2026-W48/evaluations"
    let same = try CandorProcess.run([
      "diff", workspace.root, "--client", "acme", "--base", "2026-W48", "--candidate", own, "--out",
      out,
    ])
    XCTAssertEqual(same.status, 0, same.stderr)
  }

  func testDiffWithDotDotDoesNotBlameASymbolicLink() throws {
    let workspace = workspace()
    let out = CandorProcess.temporaryFolder()
    let result = try CandorProcess.run(
      [
        "diff", workspace.root, "--client", "acme", "--base", "../..", "--candidate", "2026-W48",
        "--out", out,
      ],
      in: workspace.root + "/clients/acme")
    XCTAssertEqual(result.status, 1)
    XCTAssertFalse(result.stderr.contains("symbolic link"), result.stderr)
    XCTAssertEqual(
      result.stderr,
      "error: ../..: is inside the workspace but outside clients/acme; a diff reads only the named client's folder, or a folder outside the workspace\n"
    )
  }

  func testMissingTemplatesFolderHasNoDoublePrefix() throws {
    let workspace = workspace()
    let result = try CandorProcess.run([
      "report", workspace.root, "--client", "acme", "--templates", "/nonexistent", "--out",
      CandorProcess.temporaryFolder(),
    ])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(
      result.stderr.hasPrefix(
        "error: --templates names '/nonexistent', which is not a templates folder"), result.stderr)
    XCTAssertFalse(result.stderr.contains("Error:"), result.stderr)
  }

  func testControlCharactersNeverReachTheTerminal() throws {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: [
      "weeks/2026-W48/evaluations/engine-failure/holdout.csv":
        "label,prediction\nok,ok\nbad\u{1B}]0;pwned\u{07}\u{00},ok\n"
    ])
    for arguments in [["report", workspace.root, "--client", "acme"], ["batch", workspace.root]] {
      let result = try CandorProcess.run(arguments + ["--out", CandorProcess.temporaryFolder()])
      XCTAssertEqual(result.status, 1)
      XCTAssertFalse(
        result.stderr.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" }, result.stderr)
      XCTAssertTrue(
        result.stderr.contains(
          "'bad\\u{1B}]0;pwned\\u{7}\\u{0}' holds the control character U+001B"), result.stderr)
    }
  }

  func testClientTextOnStandardOutputIsEscapedToo() throws {
    func controls(_ text: String) -> Bool {
      text.unicodeScalars.contains { ($0.value < 0x20 && $0 != "\n") || $0.value == 0x7F }
    }
    // A folder under clients/ may be named anything: the batch's progress line and table show it.
    let workspace = workspace()
    try FileManager.default.createDirectory(
      atPath: workspace.root + "/clients/bad\u{1B}]0;pwned\u{07}", withIntermediateDirectories: true
    )
    let batch = try CandorProcess.run([
      "batch", workspace.root, "--out", CandorProcess.temporaryFolder(),
    ])
    XCTAssertEqual(batch.status, 1)
    XCTAssertFalse(controls(batch.stdout), batch.stdout)
    XCTAssertFalse(controls(batch.stderr), batch.stderr)
    XCTAssertTrue(batch.stdout.contains("\nbad\\u{1B}]0;pwned\\u{7}  -"), batch.stdout)
    XCTAssertTrue(
      batch.stderr.contains(
        "error: clients/bad\\u{1B}]0;pwned\\u{7}: invalid client folder name;"), batch.stderr)

    // A name with a bidirectional control (YAML refuses escaped C0 and C1 controls, client text
    // direction controls): diff refuses it, and its message carries no control.
    let named = FixtureWorkspace()
    named.binaryClient(files: [
      "weeks/2026-W48/evaluations/engine-failure/holdout.csv":
        "id,label,prediction\n1,ok,ok\n2,failure,failure\n3,ok,failure\n"
    ])
    named.write(
      "clients/acme/client.yaml",
      FixtureWorkspace.binaryClientYAML.replacingOccurrences(
        of: "name: Acme Motors", with: "name: \"Acme\\u202E\""))
    let diff = try CandorProcess.run([
      "diff", named.root, "--client", "acme", "--base", "2026-W48", "--candidate", "2026-W48",
      "--out", CandorProcess.temporaryFolder(),
    ])
    XCTAssertEqual(diff.status, 1, diff.stderr)
    XCTAssertFalse(controls(diff.stderr), diff.stderr)
    XCTAssertFalse(diff.stderr.contains("\u{202E}"), diff.stderr)
    XCTAssertTrue(diff.stderr.contains("holds the text-direction control U+202E"), diff.stderr)
  }

  func testArgumentsEchoedInUsageErrorsAreEscaped() throws {
    let workspace = workspace()
    let result = try CandorProcess.run([
      "report", workspace.root, "--client", "x\u{1B}[2J", "--out", CandorProcess.temporaryFolder(),
    ])
    XCTAssertEqual(result.status, 2)
    XCTAssertTrue(
      result.stderr.hasPrefix("error: --client 'x\\u{1B}[2J' is not a valid client id;"),
      result.stderr)
    XCTAssertFalse(result.stderr.contains("\u{1B}"))
  }
}
