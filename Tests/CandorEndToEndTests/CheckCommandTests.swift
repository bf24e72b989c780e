import CandorTestSupport
import Foundation
import XCTest

/// `candor check`: every problem in one run, and warnings for what is legal but likely unmeant.
final class CheckCommandTests: XCTestCase {
  func testFiveIndependentMistakesAreFiveErrorsInOneRun() throws {
    let fixture = FixtureWorkspace()
    fixture.binaryClient(files: [
      "weeks/2026-W48/evaluations/failure/holdout.csv": "label,prediction\nfailure,ok\nok,ok\n"
    ])
    _ = fixture.write(
      "clients/acme/client.yaml",
      """
      name: Acme
      colour: blue
      tasks:
        - id: failure
          positive_label: failure
          primary_metric: recal
        - id: Wear_Grade
      validation_sets:
        - id: holdout
          role: test
        - id: recent
          role: valid
      locale: fr

      """)
    let outcome = try CandorProcess.run(["check", fixture.root, "--client", "acme"])
    XCTAssertEqual(outcome.status, 1)
    let errors = outcome.stdout.split(separator: "\n").filter { $0.hasPrefix("error: ") }
    XCTAssertEqual(errors.count, 5, outcome.stdout)
    for (line, problem) in zip(
      [2, 6, 7, 12, 13], ["unknown key 'colour'", "recal", "Wear_Grade", "valid", "fr"])
    {
      XCTAssertTrue(
        errors.contains {
          $0.hasPrefix("error: clients/acme/client.yaml:\(line): ") && $0.contains(problem)
        },
        "line \(line): \(outcome.stdout)")
    }
    XCTAssertTrue(
      outcome.stdout.hasSuffix("check: 1 client, 5 errors, 0 warnings\n"), outcome.stdout)
  }

  /// A report stops at a file's first bad row; check lists them, each on its line, so one run
  /// shows a pattern (a misspelt class, a shifted column), and stops listing at twenty.
  /// A repeated id is listed beside a bad row of the same file, in line order; alone it is
  /// still the one error.
  func testARepeatedIdIsListedBesideBadRows() throws {
    for (rows, expected) in [
      ("a,failure,ok\na,ok,ok\nb,ok,okk\n", ["3", "4"]), ("a,failure,ok\na,ok,ok\n", ["3"]),
    ] {
      let fixture = FixtureWorkspace()
      fixture.binaryClient(files: [
        "weeks/2026-W48/evaluations/engine-failure/holdout.csv": "id,label,prediction\n" + rows
      ])
      let outcome = try CandorProcess.run(["check", fixture.root])
      XCTAssertEqual(outcome.status, 1)
      let errors = outcome.stdout.split(separator: "\n").filter { $0.hasPrefix("error: ") }
      XCTAssertEqual(errors.map { String($0.split(separator: ":")[2]) }, expected, outcome.stdout)
      XCTAssertTrue(errors[0].contains("'a' is a duplicate id (first seen on line 2)"))
    }
  }

  func testEveryBadRowOfAFileIsListedUpToTwenty() throws {
    let fixture = FixtureWorkspace()
    let rows = (1...30).map { $0 % 10 == 0 ? "faliure,ok" : "ok,ok" }
    let many = (1...30).map { _ in "ok,okk" }
    fixture.binaryClient(files: [
      "weeks/2026-W48/evaluations/engine-failure/holdout.csv":
        "label,prediction\n" + rows.joined(separator: "\n") + "\nfailure\n",
      "weeks/2026-W48/evaluations/engine-failure/recent.csv":
        "label,prediction\n" + many.joined(separator: "\n") + "\n",
    ])
    let outcome = try CandorProcess.run(["check", fixture.root])
    XCTAssertEqual(outcome.status, 1)
    let errors = outcome.stdout.split(separator: "\n").filter { $0.hasPrefix("error: ") }
    let holdout = errors.filter { $0.contains("holdout.csv") }
    XCTAssertEqual(
      holdout.map { $0.split(separator: ":")[2] }, ["11", "21", "31", "32"], outcome.stdout)
    XCTAssertTrue(holdout[3].contains("this row has 1 field"), outcome.stdout)
    let recent = errors.filter { $0.contains("recent.csv") }
    XCTAssertEqual(recent.count, 21, outcome.stdout)
    XCTAssertTrue(
      recent.last!.hasSuffix("lists no more bad rows after these 20; mend them and check again"),
      outcome.stdout)
    let report = try CandorProcess.run([
      "report", fixture.root, "--client", "acme", "--out", CandorProcess.temporaryFolder(),
    ])
    XCTAssertEqual(report.status, 1)
    XCTAssertTrue(report.stderr.contains("holdout.csv:11:"), report.stderr)
    // A file broken further on (an unclosed quote) is said after the rows listed before it.
    fixture.write(
      "clients/acme/weeks/2026-W48/evaluations/engine-failure/holdout.csv",
      "label,prediction\nok,ok\nfaliure,ok\nok,ok\n\"ok,ok\n")
    let broken = try CandorProcess.run(["check", fixture.root])
    let holdoutErrors = broken.stdout.split(separator: "\n").filter { $0.contains("holdout.csv") }
    XCTAssertEqual(holdoutErrors.count, 2, broken.stdout)
    XCTAssertTrue(holdoutErrors[0].contains("holdout.csv:3:"), broken.stdout)
    XCTAssertFalse(report.stderr.contains("holdout.csv:21:"), report.stderr)
  }

  /// A binary task's other class renamed from one week to the next ('ok', then 'okay') is the
  /// contract's third class, across the weeks a report compares: refused by report and check.
  /// A week holding only one of the classes, or the same two, passes.
  func testABinaryClassRenamedBetweenWeeksIsAnError() throws {
    let file = "evaluations/engine-failure/holdout.csv"
    for (second, renamed) in [
      ("label,prediction\nfailure,okay\nokay,okay\n", true),
      ("label,prediction\nfailure,ok\nok,ok\n", false),
      ("label,prediction\nfailure,failure\n", false),
      // Scores without predictions: the week of failures only predicts "not failure".
      ("label,score\nfailure,0.9\nfailure,0.1\n", false),
    ] {
      let fixture = FixtureWorkspace()
      fixture.binaryClient(files: [
        "weeks/2026-W47/\(file)": "label,prediction\nfailure,ok\nok,ok\n",
        "weeks/2026-W48/\(file)": second,
      ])
      let check = try CandorProcess.run(["check", fixture.root])
      let report = try CandorProcess.run([
        "report", fixture.root, "--client", "acme", "--out", CandorProcess.temporaryFolder(),
      ])
      let says =
        "error: clients/acme/weeks/2026-W48/\(file): holds the class 'okay', where 2026-W47 held 'ok' beside 'failure'"
      XCTAssertEqual(check.status, renamed ? 1 : 0, check.stdout)
      XCTAssertEqual(check.stdout.contains(says), renamed, check.stdout)
      XCTAssertEqual(report.status, renamed ? 1 : 0, report.stderr)
      XCTAssertEqual(report.stderr.contains(says), renamed, report.stderr)
    }
  }

  /// `threshold:` is read only where a binary file has scores and no prediction column: on a
  /// multiclass task it is an error (unused keys are not silence); beside a prediction column
  /// check warns that it is not used, and says nothing where it is.
  func testAThresholdNoFileUsesIsSaid() throws {
    let multiclass = FixtureWorkspace()
    multiclass.write(
      "clients/acme/client.yaml",
      "name: Acme\ntasks:\n  - id: wear\n    threshold: 0.9\nvalidation_sets:\n  - id: holdout\n    role: test\n"
    )
    multiclass.write(
      "clients/acme/weeks/2026-W48/evaluations/wear/holdout.csv", "label,prediction\na,a\nb,c\n")
    let refused = try CandorProcess.run(["check", multiclass.root])
    XCTAssertEqual(refused.status, 1)
    XCTAssertTrue(
      refused.stdout.contains(
        "key 'tasks[0].threshold': applies to a binary task's score (positive_label)"),
      refused.stdout)
    for (header, warned) in [("label,prediction,score", true), ("label,score", false)] {
      let fixture = FixtureWorkspace()
      fixture.binaryClient(files: [
        "weeks/2026-W48/evaluations/engine-failure/holdout.csv":
          header
          + (header.contains("prediction")
            ? "\nfailure,ok,0.95\nok,ok,0.1\n" : "\nfailure,0.95\nok,0.1\n")
      ])
      fixture.write(
        "clients/acme/client.yaml",
        FixtureWorkspace.binaryClientYAML.replacingOccurrences(
          of: "primary_metric: recall", with: "primary_metric: recall\n    threshold: 0.9"))
      let check = try CandorProcess.run(["check", fixture.root])
      XCTAssertEqual(check.status, 0, check.stdout)
      XCTAssertEqual(
        check.stdout.contains(
          "so task 'engine-failure''s threshold: 0.9 is not used for this file"),
        warned, check.stdout)
    }
  }

  /// With classes read from the files, a class_names key for none of this week's is most
  /// likely a typo, so check says so (with classes: declared it is an error at load).
  func testAClassNameForNoClassOfTheFilesIsAWarning() throws {
    let fixture = FixtureWorkspace()
    fixture.write(
      "clients/acme/client.yaml",
      FixtureWorkspace.binaryClientYAML.replacingOccurrences(
        of: "primary_metric: recall",
        with: "primary_metric: recall\n    class_names: {failure: engine failure, faliure: typo}"))
    fixture.write(
      "clients/acme/weeks/2026-W48/evaluations/engine-failure/holdout.csv",
      "label,prediction\nfailure,ok\nok,ok\n")
    let outcome = try CandorProcess.run(["check", fixture.root])
    XCTAssertEqual(outcome.status, 0, outcome.stdout)
    XCTAssertTrue(
      outcome.stdout.contains(
        "names 'faliure', which no file of week 2026-W48 holds (its classes: 'ok', 'failure')"),
      outcome.stdout)
    XCTAssertFalse(outcome.stdout.contains("names 'failure'"), outcome.stdout)
  }

  /// What `candor report` would refuse or show as not measured, check says first.
  func testCheckSaysWhatTheReportWouldRefuseOrNotMeasure() throws {
    // ROC AUC watched, no score column in either week: a warning, and the report's change
    // column says "not measured", not "first week" (there is an earlier week).
    let unscored = FixtureWorkspace()
    unscored.write(
      "clients/acme/client.yaml",
      FixtureWorkspace.binaryClientYAML.replacingOccurrences(
        of: "primary_metric: recall", with: "primary_metric: roc_auc\n    supporting: [pr_auc]"))
    for week in ["2026-W47", "2026-W48"] {
      unscored.write(
        "clients/acme/weeks/\(week)/evaluations/engine-failure/holdout.csv",
        "label,prediction\nfailure,ok\nok,ok\nfailure,failure\n")
    }
    let check = try CandorProcess.run(["check", unscored.root])
    XCTAssertEqual(check.status, 0, check.stdout)
    for key in ["primary_metric: roc_auc", "supporting: pr_auc"] {
      XCTAssertTrue(
        check.stdout.contains(
          "task 'engine-failure', \(key) is read from the model's scores, and no file of task 'engine-failure' in week 2026-W48 has any"
        ), check.stdout)
    }
    let out = CandorProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(atPath: out) }
    let report = try CandorProcess.run([
      "report", unscored.root, "--client", "acme", "--out", out, "--quiet",
    ])
    XCTAssertEqual(report.status, 0, report.stderr)
    let markdown = try String(
      contentsOfFile: out + "/acme/2026-W48/report.md", encoding: .utf8)
    XCTAssertTrue(
      markdown.contains(
        #"data-label="Change since 2026-W47">not measured</td>"#), markdown)
    XCTAssertFalse(markdown.contains("first week"), markdown)
    // With a score column: no warning.
    let scored = FixtureWorkspace()
    scored.write(
      "clients/acme/client.yaml",
      FixtureWorkspace.binaryClientYAML.replacingOccurrences(
        of: "primary_metric: recall", with: "primary_metric: roc_auc"))
    scored.write(
      "clients/acme/weeks/2026-W48/evaluations/engine-failure/holdout.csv",
      "label,score\nfailure,0.9\nok,0.2\nfailure,0.4\n")
    let clean = try CandorProcess.run(["check", scored.root])
    XCTAssertFalse(clean.stdout.contains("is read from the model's scores"), clean.stdout)

    // No week folder: report stops, so check does.
    let empty = FixtureWorkspace()
    empty.write("clients/acme/client.yaml", FixtureWorkspace.binaryClientYAML)
    let none = try CandorProcess.run(["check", empty.root])
    XCTAssertEqual(none.status, 1, none.stdout)
    XCTAssertTrue(
      none.stdout.contains("error: clients/acme/weeks: the client has no week folders yet"),
      none.stdout)

    // class_names giving two classes one German word: an error where the client's reports are
    // German, a warning (only --locale de meets it) where they are English.
    for (locale, status) in [("", 0), ("locale: de\n", 1)] {
      let clash = FixtureWorkspace()
      clash.write(
        "clients/acme/client.yaml",
        locale
          + FixtureWorkspace.binaryClientYAML.replacingOccurrences(
            of: "primary_metric: recall",
            with:
              "primary_metric: recall\n    class_names: {failure: {en: failure, de: Ausfall}, ok: {en: fine, de: Ausfall}}"
          ))
      clash.write(
        "clients/acme/weeks/2026-W48/evaluations/engine-failure/holdout.csv",
        "label,prediction\nfailure,ok\nok,ok\n")
      let outcome = try CandorProcess.run(["check", clash.root])
      XCTAssertEqual(outcome.status, Int32(status), outcome.stdout)
      XCTAssertTrue(
        outcome.stdout.contains(
          "\(status == 1 ? "error" : "warning"): clients/acme/client.yaml: key 'class_names': task 'engine-failure' would call two classes 'Ausfall' in a report written in de"
        ), outcome.stdout)
    }
  }

  /// What every client's run reads besides its own folder: candor.yaml and the templates.
  func testCheckReadsCandorYAMLAndTheTemplateOverrides() throws {
    let fixture = FixtureWorkspace()
    fixture.binaryClient(files: [
      "weeks/2026-W48/evaluations/engine-failure/holdout.csv": "label,prediction\nfailure,ok\n"
    ])
    XCTAssertEqual(try CandorProcess.run(["check", fixture.root, "--quiet"]).status, 0)
    fixture.write("candor.yaml", "from: Reports <reports@team.example>\ncolour: red\n")
    fixture.write("templates/words/en/phrases.mustache", "{{#point}}pt{{/poin}}\n")
    fixture.write("clients/acme/templates/layout/report.md.mustache", "x {{#a}}\n")
    let outcome = try CandorProcess.run(["check", fixture.root, "--quiet"])
    XCTAssertEqual(outcome.status, 1, outcome.stdout)
    XCTAssertTrue(
      outcome.stdout.contains("error: candor.yaml:2: unknown key 'colour'"), outcome.stdout)
    XCTAssertTrue(
      outcome.stdout.contains(
        "error: template 'templates/words/en/phrases.mustache' cannot be parsed: line 1, column 16: a section closes with another name than it opened with"
      ), outcome.stdout)
    // The workspace's broken override hides the client's (both are read into one library);
    // mended, the client's is named.
    fixture.write("templates/words/en/phrases.mustache", "{{#point}}pt{{/point}}\n")
    let client = try CandorProcess.run(["check", fixture.root, "--quiet"])
    XCTAssertTrue(
      client.stdout.contains(
        "error: template 'clients/acme/templates/layout/report.md.mustache' cannot be parsed: line 2, column 1: a section opened here is never closed"
      ), client.stdout)
  }

  /// A misspelt worklog is warned about, not silently passed over ("Nothing was logged").
  func testAWeekFolderEntryCandorDoesNotReadIsWarnedAbout() throws {
    let fixture = FixtureWorkspace()
    fixture.binaryClient(files: [
      "weeks/2026-W48/evaluations/engine-failure/holdout.csv": "label,prediction\nfailure,ok\n",
      "weeks/2026-W48/worklog.yml": "items: []\n",
    ])
    let outcome = try CandorProcess.run(["check", fixture.root])
    XCTAssertEqual(outcome.status, 0, outcome.stdout)
    XCTAssertTrue(
      outcome.stdout.contains(
        "warning: clients/acme/weeks/2026-W48/worklog.yml: is not read: the week's worklog is worklog.yaml"
      ), outcome.stdout)
    try FileManager.default.moveItem(
      atPath: fixture.path("clients/acme/weeks/2026-W48/worklog.yml"),
      toPath: fixture.path("clients/acme/weeks/2026-W48/worklog.yaml"))
    let mended = try CandorProcess.run(["check", fixture.root])
    XCTAssertFalse(mended.stdout.contains("is not read"), mended.stdout)
    // Beside a worklog.yaml, a worklog.yml is a stray file, not one to rename over it.
    fixture.write("clients/acme/weeks/2026-W48/worklog.yml", "items: []\n")
    let beside = try CandorProcess.run(["check", fixture.root])
    XCTAssertTrue(
      beside.stdout.contains(
        "worklog.yml: is not read: a week folder holds evaluations/ and worklog.yaml"),
      beside.stdout)
    XCTAssertFalse(beside.stdout.contains("rename it"), beside.stdout)
  }

  func testACleanWorkspacePassesAndWarningsDoNotFail() throws {
    let fixture = FixtureWorkspace()
    fixture.binaryClient(files: [
      "weeks/2026-W48/evaluations/engine-failure/holdout.csv":
        ",label,prediction,p_ok,p_failure\n0,failure,ok,0.6,0.4\n1,ok,ok,0.9,0.1\n"
    ])
    let outcome = try CandorProcess.run(["check", fixture.root])
    XCTAssertEqual(outcome.status, 0, outcome.stdout)
    let lines = outcome.stdout.split(separator: "\n")
    XCTAssertTrue(
      lines.contains {
        $0.contains(
          "column '': is pandas' index, which no key reads; if it holds stable example ids")
      }, outcome.stdout)
    XCTAssertTrue(
      lines.contains {
        $0.contains("the columns 'p_ok', 'p_failure' look like scores but no key reads them")
      }, outcome.stdout)
    XCTAssertTrue(
      lines.contains { $0.contains("the test set has 1 example of 'failure'") }, outcome.stdout)
    let quiet = try CandorProcess.run(["check", fixture.root, "--quiet"])
    XCTAssertEqual(quiet.stdout, "")
  }

  func testAZeroOneTaskReadAsMulticlassIsWarnedAndATrueBinaryIsNot() throws {
    let fixture = FixtureWorkspace()
    _ = fixture.write(
      "clients/acme/client.yaml",
      "name: Acme\ntasks:\n  - id: flag\n  - id: grade\nvalidation_sets:\n  - id: holdout\n    role: validation\n"
    )
    _ = fixture.write(
      "clients/acme/weeks/2026-W48/evaluations/flag/holdout.csv", "label,prediction\n0,1\n1,1\n")
    _ = fixture.write(
      "clients/acme/weeks/2026-W48/evaluations/grade/holdout.csv",
      "label,prediction\n0,2\n1,1\n2,2\n")
    let outcome = try CandorProcess.run(["check", fixture.root])
    XCTAssertEqual(outcome.status, 0, outcome.stdout)
    XCTAssertTrue(
      outcome.stdout.contains("task 'flag': has the classes '0' and '1' and no positive_label"),
      outcome.stdout)
    XCTAssertFalse(outcome.stdout.contains("task 'grade'"), outcome.stdout)
  }
}
