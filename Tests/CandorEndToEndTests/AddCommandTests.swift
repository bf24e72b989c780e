import CandorTestSupport
import Foundation
import Synchronization
import XCTest

/// `candor add` (the binary: its output is what a user reads): a data scientist's export becomes a workspace without a hand-written line of
/// YAML, and every rule it infers by is tested on both sides.
final class AddCommandTests: XCTestCase {
  var fixture: FixtureWorkspace!
  var workspace: String { fixture.root + "/ws" }

  override func setUp() { fixture = FixtureWorkspace() }

  /// Runs `candor add` in-process; the file is written first under `exports/`.
  func add(
    _ name: String, _ contents: String, task: String = "failure", set: String = "holdout",
    week: String = "2026-W48", _ flags: [String] = []
  ) throws -> CandorProcess.Result {
    let file = fixture.write("exports/\(name)", contents)
    return try CandorProcess.run(
      ["add", workspace, "--client", "acme", "--task", task, "--set", set, "--week", week]
        + flags + [file])
  }

  var clientYAML: String {
    (try? String(contentsOfFile: workspace + "/clients/acme/client.yaml", encoding: .utf8)) ?? ""
  }

  /// pandas' `to_csv()` of a binary classifier: index written, float labels, one probability
  /// column per class.
  static let pandasBinary = """
    ,y_true,y_pred,proba_0,proba_1
    0,0.0,0,0.9,0.1
    1,1.0,1,0.2,0.8
    2,0.0,1,0.4,0.6
    3,0.0,0,0.7,0.3
    4,1.0,0,0.55,0.45

    """

  func testAPandasExportBecomesAWorkspaceThatReports() throws {
    let outcome = try add("preds.csv", Self.pandasBinary)
    XCTAssertEqual(outcome.status, 0, outcome.stderr)
    XCTAssertTrue(
      outcome.stdout.hasPrefix(
        "placed: \(workspace)/clients/acme/weeks/2026-W48/evaluations/failure/holdout.csv\n"))
    XCTAssertTrue(clientYAML.contains(#"positive_label: "1""#), clientYAML)
    XCTAssertTrue(
      clientYAML.contains(
        #"columns: {label: "y_true", prediction: "y_pred", score: "proba_1"}"#), clientYAML)
    XCTAssertTrue(clientYAML.contains("score_kind: probability"), clientYAML)
    XCTAssertTrue(clientYAML.contains("role: test"), clientYAML)
    let out = fixture.root + "/out"
    let report = try CandorProcess.run([
      "report", workspace, "--client", "acme", "--out", out, "--json", "-",
    ])
    XCTAssertEqual(report.status, 0, report.stderr)
    for metric in ["\"roc_auc\"", "\"brier_score\"", "\"log_loss\""] {
      XCTAssertTrue(report.stdout.contains(metric), metric)
    }
  }

  /// A default index numbers the rows (0, 1, 2, …) of every file alike: read as ids it would
  /// pair unrelated examples and call two sets overlapping. An index that is not the row
  /// numbers (a split's rows of the whole dataset) is the example id.
  func testPandasIndexIsTheIdUnlessItOnlyNumbersTheRows() throws {
    let rowNumbers = try add("preds.csv", Self.pandasBinary)
    XCTAssertEqual(rowNumbers.status, 0, rowNumbers.stderr)
    XCTAssertFalse(clientYAML.contains(#"id: """#), clientYAML)
    XCTAssertTrue(
      rowNumbers.stdout.contains(
        "the unnamed first column holds only the row numbers 0 to 4 (pandas' default index)"),
      rowNumbers.stdout)

    let split = "\(Self.pandasBinary.prefix { $0 != "\n" })\n17,0.0,0,0.9,0.1\n3,1.0,1,0.2,0.8\n"
    let ids = try add("split.csv", split, task: "split")
    XCTAssertEqual(ids.status, 0, ids.stderr)
    XCTAssertTrue(clientYAML.contains(#"score: "proba_1", id: ""}"#), clientYAML)
    XCTAssertTrue(ids.stdout.contains("id ← the unnamed first column"), ids.stdout)

    let asked = try add("same-order.csv", Self.pandasBinary, task: "fixed", ["--id", ""])
    XCTAssertEqual(asked.status, 0, asked.stderr)
    XCTAssertEqual(clientYAML.components(separatedBy: #"id: ""}"#).count, 3, clientYAML)

    // pd.concat of two frames keeps both indexes: 0, 1, 2, 0, 1, 2 are no ids.
    let concat = try add(
      "concat.csv", ",y_true,y_pred\n0,1,1\n1,0,0\n2,0,1\n0,1,0\n1,0,1\n2,0,0\n",
      task: "concat")
    XCTAssertEqual(concat.status, 0, concat.stderr)
    XCTAssertTrue(
      concat.stdout.contains(
        "the unnamed first column repeats values (pandas' index after concatenating frames)"),
      concat.stdout)
    XCTAssertEqual(clientYAML.components(separatedBy: #"id: ""}"#).count, 3, clientYAML)
  }

  /// A notebook adding sets from a thread pool: each `candor add` reads client.yaml, extends
  /// it and checks the week, so runs into one workspace take turns instead of losing tasks or
  /// tripping over each other's temporary files.
  func testConcurrentAddsIntoOneWorkspaceEachLandWhole() throws {
    let tasks = (0..<8).map { "task-\($0)" }
    let files = tasks.map {
      fixture.write("exports/\($0).csv", "label,prediction\nyes,yes\nno,yes\nno,no\n")
    }
    let results = Mutex<[Int32]>([])
    let workspace = self.workspace
    DispatchQueue.concurrentPerform(iterations: tasks.count) { index in
      let outcome = try? CandorProcess.run([
        "add", workspace, "--client", "acme", "--task", tasks[index], "--set", "holdout", "--week",
        "2026-W48", files[index],
      ])
      results.withLock { $0.append(outcome?.status ?? -1) }
    }
    XCTAssertEqual(results.withLock { $0 }, Array(repeating: 0, count: tasks.count))
    for task in tasks {
      XCTAssertTrue(clientYAML.contains("- id: \"\(task)\"\n"), clientYAML)
    }
    let check = try CandorProcess.run(["check", workspace, "--quiet"])
    XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
  }

  func testScoresThatDoNotSumToOneAreScoresNotProbabilities() throws {
    let outcome = try add(
      "preds.csv", "label,prediction,p_no,p_yes\nno,no,0.9,0.3\nyes,yes,0.2,0.8\nno,yes,0.4,0.6\n")
    XCTAssertEqual(outcome.status, 0, outcome.stderr)
    XCTAssertTrue(clientYAML.contains(#"positive_label: "yes""#), clientYAML)
    XCTAssertTrue(clientYAML.contains(#"columns: {score: "p_yes"}"#), clientYAML)
    XCTAssertFalse(clientYAML.contains("score_kind"), clientYAML)
  }

  /// `predict_proba(X)[:, 1]` exported alone is the positive class's score, with or without a
  /// prediction column; a column of another class's name alone is not read as it.
  func testALonePositiveProbabilityColumnIsTheScore() throws {
    let withPrediction = try add(
      "a.csv", "y_true,y_pred,proba_1\n1,1,0.9\n0,0,0.2\n0,1,0.6\n1,0,0.4\n0,0,0.1\n")
    XCTAssertEqual(withPrediction.status, 0, withPrediction.stderr)
    XCTAssertTrue(
      clientYAML.contains(#"columns: {label: "y_true", prediction: "y_pred", score: "proba_1"}"#),
      clientYAML)
    XCTAssertTrue(clientYAML.contains("score_kind: probability"), clientYAML)
    let alone = try add(
      "b.csv", "y_true,proba_1\n1,0.9\n0,0.2\n0,0.6\n1,0.4\n0,0.1\n", task: "other")
    XCTAssertEqual(alone.status, 0, alone.stderr)
    XCTAssertTrue(
      alone.stdout.contains("score ← 'proba_1', the probability of '1'"), alone.stdout)
    let check = try CandorProcess.run(["check", workspace])
    XCTAssertFalse(check.stdout.contains("look like scores but no key reads them"), check.stdout)
    // The negative class's column alone scores the other class: not read as the score.
    let negative = try add(
      "c.csv", "y_true,y_pred,proba_0\n1,1,0.1\n0,0,0.8\n0,1,0.4\n", task: "third")
    XCTAssertEqual(negative.status, 0, negative.stderr)
    XCTAssertFalse(clientYAML.contains(#"score: "proba_0""#), clientYAML)
    // `class_1` names a class by its position, not by its name: not taken for the class '1'.
    let position = try add(
      "d.csv", "y_true,y_pred,class_1\n1,1,0.1\n0,0,0.8\n0,1,0.4\n", task: "fourth")
    XCTAssertEqual(position.status, 0, position.stderr)
    XCTAssertFalse(clientYAML.contains(#"score: "class_1""#), clientYAML)
  }

  /// A file whose binary classes are renamed against the week before is refused by add, as
  /// report would refuse that week; the same classes are added.
  func testAFileRenamingABinaryClassAgainstItsNeighbourWeekIsRefused() throws {
    func refused(_ name: String, _ rows: String, week: String) throws -> String {
      let outcome = try add(name, "label,prediction\n" + rows, week: week)
      XCTAssertEqual(outcome.status, 1, outcome.stderr)
      XCTAssertTrue(
        outcome.stderr.contains(
          "\(name): holds the class 'no', where 2026-W47 held '0' beside '1'"), outcome.stderr)
      XCTAssertFalse(
        FileManager.default.fileExists(atPath: workspace + "/clients/acme/weeks/\(week)"))
      return outcome.stderr
    }
    XCTAssertEqual(
      try add("w47.csv", "label,prediction\n1,1\n0,0\n0,1\n", week: "2026-W47").status, 0)
    _ = try refused("w48.csv", "1,1\nno,no\n1,no\n", week: "2026-W48")
    let same = try add("w48.csv", "label,prediction\n1,1\n0,0\n1,0\n", week: "2026-W48")
    XCTAssertEqual(same.status, 0, same.stderr)
    // Backfilling an earlier week: the added file is the odd one, the later week's classes
    // the ones to keep.
    let backfill = try refused("w46.csv", "1,1\nno,no\n", week: "2026-W46")
    XCTAssertTrue(backfill.contains("classes: [0, 1]"), backfill)
    // Between an earlier week that agrees with it and a later one that does not, the later
    // week's file is the odd one.
    _ = fixture.write(
      "ws/clients/acme/weeks/2026-W50/evaluations/failure/holdout.csv",
      "label,prediction\n1,1\nno,no\n")
    let between = try add("w49.csv", "label,prediction\n1,1\n0,0\n", week: "2026-W49")
    XCTAssertEqual(between.status, 1, between.stderr)
    XCTAssertTrue(
      between.stderr.contains(
        "clients/acme/weeks/2026-W50/evaluations/failure/holdout.csv: holds the class 'no', where 2026-W49 held '0' beside '1'"
      ), between.stderr)
  }

  /// A bad row of a replacing file is named in the user's file, not in the placed copy (which
  /// the rollback gives back to the file it replaced).
  func testABadRowIsNamedInTheUsersFile() throws {
    XCTAssertEqual(try add("good.csv", "label,prediction,score\n1,1,0.9\n0,0,0.2\n").status, 0)
    let bad = try add(
      "bad.csv", "label,prediction,score\n1,1,abc\n0,0,0.2\n", ["--replace"])
    XCTAssertEqual(bad.status, 1, bad.stderr)
    XCTAssertTrue(
      bad.stderr.contains("exports/bad.csv:2: column 'score': 'abc' is not a number"), bad.stderr)
    XCTAssertFalse(bad.stderr.contains("evaluations/failure/holdout.csv"), bad.stderr)
  }

  /// `--class-name CLASS=WORDS` where the class holds `=` itself names that class; a class
  /// the file does not hold, or one named twice, is an error.
  func testAClassNameIsSplitAfterAClassTheFileHolds() throws {
    let file = "label,prediction\nx>=1,x<1\nx<1,x<1\nx>=1,x>=1\n"
    let named = try add(
      "a.csv", file,
      ["--positive", "x>=1", "--class-name", "x>=1=one or more claims", "--class-name", "x<1=none"])
    XCTAssertEqual(named.status, 0, named.stderr)
    XCTAssertTrue(
      clientYAML.contains(#"class_names: {"x<1": "none", "x>=1": "one or more claims"}"#),
      clientYAML)
    let unknown = try add("b.csv", file, task: "other", ["--class-name", "7=seven"])
    XCTAssertEqual(unknown.status, 1, unknown.stderr)
    XCTAssertTrue(
      unknown.stderr.contains("--class-name '7=seven' names no class of this file"),
      unknown.stderr)
    let twice = try add(
      "c.csv", file, task: "third", ["--class-name", "x<1=a", "--class-name", "x<1=b"])
    XCTAssertEqual(twice.status, 1, twice.stderr)
    XCTAssertTrue(twice.stderr.contains("--class-name names the class 'x<1' twice"), twice.stderr)
    // Two classes that share their text up to an '=' are two classes, not one named twice.
    let shared = "label,prediction\nx>=1,x>=2\nx>=2,x>=2\nx>=1,x>=1\n"
    let both = try add(
      "d.csv", shared, task: "fourth",
      [
        "--positive", "x>=1", "--class-name", "x>=1=one or more", "--class-name",
        "x>=2=two or more",
      ])
    XCTAssertEqual(both.status, 0, both.stderr)
    // The next week repeats the same flags for the declared task: the same names, accepted.
    let again = try add(
      "d.csv", shared, task: "fourth", week: "2026-W49",
      [
        "--positive", "x>=1", "--class-name", "x>=1=one or more", "--class-name",
        "x>=2=two or more",
      ])
    XCTAssertEqual(again.status, 0, again.stderr)
  }

  func testTheRarerClassIsPositiveWhenNoneIsNamedSoAndATieIsAsked() throws {
    let rare = try add("a.csv", "label,prediction\nok,ok\nok,ok\nbroken,ok\n")
    XCTAssertEqual(rare.status, 0, rare.stderr)
    XCTAssertTrue(clientYAML.contains(#"positive_label: "broken""#), clientYAML)
    XCTAssertTrue(rare.stdout.contains("the rarer true class, 1 of 3 examples"), rare.stdout)
    let tie = try add("b.csv", "label,prediction\nok,broken\nbroken,ok\n", task: "other")
    XCTAssertEqual(tie.status, 1)
    XCTAssertTrue(
      tie.stderr.contains(
        "equally often; name the one the client cares about with --positive <class>"), tie.stderr)
    let settled = try add(
      "b.csv", "label,prediction\nok,broken\nbroken,ok\n", task: "other", ["--positive", "ok"])
    XCTAssertEqual(settled.status, 0, settled.stderr)
  }

  func testPandasBooleansAreTwoClassesWithTrueThePositive() throws {
    let outcome = try add("b.csv", "label,prediction\nTrue,False\nFalse,False\nFalse,True\n")
    XCTAssertEqual(outcome.status, 0, outcome.stderr)
    XCTAssertTrue(clientYAML.contains(#"positive_label: "True""#), clientYAML)
  }

  func testAnAmbiguousColumnIsAnErrorNamingTheFlag() throws {
    let outcome = try add("a.csv", "label,y_true,prediction\n1,1,1\n0,0,1\n")
    XCTAssertEqual(outcome.status, 1)
    XCTAssertEqual(
      outcome.stderr,
      "error: \(fixture.root)/exports/a.csv:1: 'label', 'y_true' could each be the label column; say which with --label <column>\n"
    )
    XCTAssertFalse(
      FileManager.default.fileExists(atPath: workspace + "/clients"), "nothing written")
    let settled = try add(
      "a.csv", "label,y_true,prediction\n1,1,1\n0,0,1\n", ["--label", "y_true"])
    XCTAssertEqual(settled.status, 0, settled.stderr)
    XCTAssertTrue(clientYAML.contains(#"columns: {label: "y_true"}"#), clientYAML)
    // Two sets of per-class columns: --score settles it for a yes-or-no task, and says so.
    let two = "label,prediction,proba_0,proba_1,p_0,p_1\n1,1,0.1,0.9,0.1,0.9\n0,0,0.8,0.2,0.8,0.2\n"
    let groups = try add("g.csv", two, task: "groups")
    XCTAssertEqual(groups.status, 1)
    XCTAssertTrue(
      groups.stderr.contains("name the positive class's column with --score <column>"),
      groups.stderr)
    XCTAssertEqual(try add("g.csv", two, task: "groups", ["--score", "proba_1"]).status, 0)
    // A name the header holds twice: no flag can choose between them, so none is offered.
    let twice = try add("t.csv", "label,label,prediction\n1,0,1\n0,0,0\n", task: "twice")
    XCTAssertEqual(twice.status, 1)
    XCTAssertTrue(
      twice.stderr.contains("names the column 'label' twice; Candor reads columns by name"),
      twice.stderr)
    XCTAssertFalse(twice.stderr.contains("--label"), twice.stderr)
    // A repeated column Candor does not read is ignored, as the contract ignores other columns.
    let unread = try add(
      "u.csv", "label,prediction,feat,feat\n1,1,a,b\n0,0,c,d\n", task: "unread")
    XCTAssertEqual(unread.status, 0, unread.stderr)
    // Trailing empty columns (a spreadsheet's export) are other columns too.
    let empty = try add("e.csv", "label,prediction,,\n1,1,,\n0,0,,\n", task: "empty")
    XCTAssertEqual(empty.status, 0, empty.stderr)
  }

  /// A spreadsheet, Parquet or other binary file is said to be one, not read as text.
  func testABinaryFileIsNamedAsOne() throws {
    for (contents, said) in [
      ("PK\u{3}\u{4}workbook", "is a zip archive (an Excel .xlsx workbook is one), not a CSV file"),
      ("PAR1\u{0}\u{0}", "is a Parquet file, not a CSV file"),
      ("label,prediction\n1\u{0},1\n", "is not text (it holds NUL bytes), not a CSV file"),
    ] {
      let outcome = try add("x.csv", contents)
      XCTAssertEqual(outcome.status, 1, outcome.stderr)
      XCTAssertTrue(outcome.stderr.contains(said), outcome.stderr)
    }
    // UTF-16 (Excel's "Unicode Text"): said, with what to do.
    let bytes: [UInt8] =
      [0xFF, 0xFE] + "label,prediction\n1,1\n".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
    let utf16 = fixture.write("exports/u16.csv", Data(bytes))
    let outcome = try CandorProcess.run(
      [
        "add", workspace, "--client", "acme", "--task", "t", "--set", "s", "--week", "2026-W48",
        utf16,
      ])
    XCTAssertEqual(outcome.status, 1, outcome.stderr)
    XCTAssertTrue(outcome.stderr.contains("is UTF-16 text"), outcome.stderr)
    XCTAssertTrue(outcome.stderr.contains("save it as UTF-8"), outcome.stderr)
  }

  func testAMulticlassExportGetsClassScores() throws {
    let outcome = try add(
      "m.csv",
      "target,pred,proba_cat,proba_dog,proba_eel\ncat,cat,0.7,0.2,0.1\ndog,cat,0.5,0.4,0.1\neel,eel,0.1,0.1,0.8\n"
    )
    XCTAssertEqual(outcome.status, 0, outcome.stderr)
    XCTAssertTrue(clientYAML.contains(#"classes: ["cat", "dog", "eel"]"#), clientYAML)
    XCTAssertTrue(clientYAML.contains(#"class_scores: "proba_{class}""#), clientYAML)
    XCTAssertTrue(clientYAML.contains("score_kind: probability"), clientYAML)
    XCTAssertFalse(clientYAML.contains("positive_label"), clientYAML)
  }

  func testEachTaskKeepsItsOwnDialect() throws {
    let comma = try add("c.csv", "label,prediction,score\n1,1,0.8\n0,0,0.25\n0,1,0.5\n")
    XCTAssertEqual(comma.status, 0, comma.stderr)
    let semicolon = try add(
      "s.csv", "label;prediction;score\n1;1;0,8\n0;0;0,25\n0;1;0,5\n", task: "excel")
    XCTAssertEqual(semicolon.status, 0, semicolon.stderr)
    XCTAssertTrue(clientYAML.contains(#"csv: {delimiter: ";", decimal: ","}"#), clientYAML)
    let report = try CandorProcess.run([
      "report", workspace, "--client", "acme", "--out", fixture.root + "/out", "--json", "-",
    ])
    XCTAssertEqual(report.status, 0, report.stderr)
  }

  /// A loop over weeks passes the same flags every time: repeating client.yaml is fine,
  /// contradicting it is not.
  func testFlagsMayRepeatButNotContradictADeclaredTask() throws {
    let csv = "label,prediction\nyes,no\nno,no\nno,yes\n"
    let first = try add("a.csv", csv, week: "2026-W47", ["--positive", "yes"])
    XCTAssertEqual(first.status, 0, first.stderr)
    let same = try add("a.csv", csv, week: "2026-W48", ["--positive", "yes"])
    XCTAssertEqual(same.status, 0, same.stderr)
    let other = try add("a.csv", csv, week: "2026-W49", ["--positive", "no"])
    XCTAssertEqual(other.status, 1)
    XCTAssertTrue(
      other.stderr.hasSuffix(
        "task 'failure' is already declared, and --positive disagrees with it; its columns and classes are set there (edit client.yaml)\n"
      ), other.stderr)
    // A declared multiclass task has no positive class to repeat: --positive disagrees.
    let three = "label,prediction\na,b\nb,a\nc,c\n"
    XCTAssertEqual(try add("m.csv", three, task: "tri", week: "2026-W47").status, 0)
    let positive = try add("m.csv", three, task: "tri", week: "2026-W48", ["--positive", "a"])
    XCTAssertEqual(positive.status, 1, positive.stderr)
    XCTAssertTrue(positive.stderr.contains("--positive disagrees with it"), positive.stderr)
  }

  func testAnExistingFileIsReplacedOnlyWhenAsked() throws {
    let first = try add("a.csv", "label,prediction\n1,1\n0,0\n0,1\n")
    XCTAssertEqual(first.status, 0, first.stderr)
    let again = try add("a.csv", "label,prediction\n1,0\n0,0\n0,1\n")
    XCTAssertEqual(again.status, 1)
    XCTAssertTrue(
      again.stderr.hasSuffix(
        "holdout.csv: already exists; candor add never overwrites an evaluation file unless given --replace\n"
      ),
      again.stderr)
    let replaced = try add("a.csv", "label,prediction\n1,0\n0,0\n0,1\n", ["--replace"])
    XCTAssertEqual(replaced.status, 0, replaced.stderr)
    let placed = try String(
      contentsOfFile: workspace + "/clients/acme/weeks/2026-W48/evaluations/failure/holdout.csv",
      encoding: .utf8)
    XCTAssertEqual(placed, "label,prediction\n1,0\n0,0\n0,1\n")
  }

  func testExtendingClientYAMLKeepsCommentsAndOrder() throws {
    let yaml = """
      # Acme's tasks; ask Dana before changing.
      name: Acme Motors
      tasks:
        - id: failure   # the one that matters
          positive_label: "1"
      # sets below
      validation_sets:
        - id: holdout
          role: test
      locale: en

      """
    _ = fixture.write("ws/clients/acme/client.yaml", yaml)
    let outcome = try add(
      "r.csv", "label,prediction\nok,ok\nworn,ok\nok,worn\nok,ok\n", task: "wear", set: "recent")
    XCTAssertEqual(outcome.status, 0, outcome.stderr)
    // The contract's rule: a task's first set is its test set, its later ones validate.
    let later = try add("w.csv", "label,prediction\nok,ok\nworn,ok\n", task: "wear", set: "winter")
    XCTAssertEqual(later.status, 0, later.stderr)
    XCTAssertEqual(
      clientYAML,
      """
      # Acme's tasks; ask Dana before changing.
      name: Acme Motors
      tasks:
        - id: failure   # the one that matters
          positive_label: "1"
        - id: "wear"
          positive_label: "worn"
      # sets below
      validation_sets:
        - id: holdout
          role: test
        - id: "recent"
          role: test
        - id: "winter"
          role: validation
      locale: en

      """)
  }

  /// A client.yaml saved on Windows keeps its CRLF line ends, and its lists are found.
  func testACRLFClientYAMLIsExtendedInItsOwnLineEnds() throws {
    let yaml = [
      "name: Acme Motors", "tasks:", "  - id: failure", "    positive_label: \"1\"",
      "validation_sets:", "  - id: holdout", "    role: test", "",
    ].joined(separator: "\r\n")
    _ = fixture.write("ws/clients/acme/client.yaml", yaml)
    let outcome = try add("r.csv", "label,prediction\nok,ok\nworn,ok\nok,ok\n", task: "wear")
    XCTAssertEqual(outcome.status, 0, outcome.stderr)
    XCTAssertEqual(
      clientYAML,
      [
        "name: Acme Motors", "tasks:", "  - id: failure", "    positive_label: \"1\"",
        "  - id: \"wear\"", "    positive_label: \"worn\"", "validation_sets:", "  - id: holdout",
        "    role: test", "",
      ].joined(separator: "\r\n"))
  }

  /// One CRLF line (a comment pasted from Excel) in an LF file: each line keeps its own end,
  /// and the new ones end as most do.
  func testAClientYAMLWithMixedLineEndsKeepsEach() throws {
    let yaml =
      "# from Excel\r\nname: Acme Motors\ntasks:\n  - id: failure\n    positive_label: \"1\"\n"
      + "validation_sets:\n  - id: holdout\n    role: test\n"
    _ = fixture.write("ws/clients/acme/client.yaml", yaml)
    let outcome = try add("r.csv", "label,prediction\nok,ok\nworn,ok\nok,ok\n", task: "wear")
    XCTAssertEqual(outcome.status, 0, outcome.stderr)
    XCTAssertEqual(
      clientYAML,
      yaml.replacingOccurrences(
        of: "validation_sets:",
        with: "  - id: \"wear\"\n    positive_label: \"worn\"\nvalidation_sets:"))
  }

  /// A file reached through a symbolic link (DVC, git-annex) is placed as a file, not a link.
  func testAFileBehindASymbolicLinkIsCopiedAsAFile() throws {
    let target = fixture.write("exports/real.csv", "label,prediction\nok,ok\nworn,ok\nok,ok\n")
    let link = fixture.root + "/exports/latest.csv"
    XCTAssertEqual(symlink(target, link), 0)
    let outcome = try CandorProcess.run([
      "add", workspace, "--client", "acme", "--task", "wear", "--set", "holdout", "--week",
      "2026-W48", link,
    ])
    XCTAssertEqual(outcome.status, 0, outcome.stderr)
    let placed = workspace + "/clients/acme/weeks/2026-W48/evaluations/wear/holdout.csv"
    let attributes = try FileManager.default.attributesOfItem(atPath: placed)
    XCTAssertEqual(attributes[.type] as? FileAttributeType, .typeRegular)
    XCTAssertEqual(
      FileManager.default.contents(atPath: placed), FileManager.default.contents(atPath: target))
  }

  /// With no usual positive name, the rarer class is taken as positive; a lone score column
  /// that runs the other way would turn every ranking metric upside down, so it is asked.
  func testAScoreThatRunsAgainstTheRarerClassIsAskedAbout() throws {
    let against =
      "label,prediction,score\nok,ok,0.8\nok,ok,0.9\nok,fail,0.3\nfail,fail,0.2\nfail,ok,0.6\n"
    let refused = try add("a.csv", against)
    XCTAssertEqual(refused.status, 1)
    XCTAssertTrue(
      refused.stderr.contains(
        "column 'score': runs higher for 'ok' (mean 0.667) than for 'fail' (mean 0.4), the rarer true class"
      ), refused.stderr)
    XCTAssertFalse(FileManager.default.fileExists(atPath: workspace + "/clients/acme"))
    let settled = try add("a.csv", against, ["--positive", "ok"])
    XCTAssertEqual(settled.status, 0, settled.stderr)
    let along =
      "label,prediction,score\nok,ok,0.2\nok,ok,0.1\nok,fail,0.7\nfail,fail,0.8\nfail,ok,0.4\n"
    let accepted = try add("b.csv", along, task: "other")
    XCTAssertEqual(accepted.status, 0, accepted.stderr)
    XCTAssertTrue(
      accepted.stdout.contains("positive_label: 'fail' (the rarer true class"), accepted.stdout)
  }

  /// pandas with float labels: 0.0 and 1.0 are the classes 0 and 1, `proba_0.0` and
  /// `proba_1.0` their columns, and `--positive 1.0` names the class 1, then as later.
  func testFloatClassesAreFoundAsPandasNamesThem() throws {
    let rows =
      "y_true,y_pred,proba_0.0,proba_1.0\n0.0,0.0,0.9,0.1\n1.0,1.0,0.2,0.8\n0.0,1.0,0.4,0.6\n"
    let outcome = try add("f.csv", rows, ["--positive", "1.0"])
    XCTAssertEqual(outcome.status, 0, outcome.stderr)
    XCTAssertTrue(clientYAML.contains(#"positive_label: "1""#), clientYAML)
    XCTAssertTrue(clientYAML.contains(#"score: "proba_1.0""#), clientYAML)
    XCTAssertTrue(clientYAML.contains("score_kind: probability"), clientYAML)
    let again = try add("g.csv", rows, set: "recent", ["--positive", "1.0"])
    XCTAssertEqual(again.status, 0, again.stderr)
    let multiclass = try add(
      "m.csv",
      "label,proba_0.0,proba_1.0,proba_2.0\n2.0,0.1,0.2,0.7\n0.0,0.8,0.1,0.1\n1.0,0.2,0.5,0.3\n",
      task: "kinds")
    XCTAssertEqual(multiclass.status, 0, multiclass.stderr)
    XCTAssertTrue(clientYAML.contains(#"class_scores: "proba_{class}.0""#), clientYAML)
  }

  /// An empty class cell is refused where it is, not counted as a class of its own.
  func testAnEmptyClassIsRefusedOnItsLine() throws {
    let outcome = try add("e.csv", "label,prediction\n1,1\n0,\n0,0\n", ["--positive", "1"])
    XCTAssertEqual(outcome.status, 1)
    XCTAssertTrue(
      outcome.stderr.contains("e.csv:3: column 'prediction': is empty"), outcome.stderr)
  }

  /// A client.yaml started by hand with the client's name alone (or its lists left empty) is
  /// extended, not refused for the tasks and sets it does not list yet; a report still needs
  /// them, so check refuses the skeleton until a file is added.
  func testASkeletonClientYAMLIsExtended() throws {
    for skeleton in [
      "name: Acme Motors\n",
      "name: Acme Motors\ntasks: []   # added by candor add\nvalidation_sets:\n",
    ] {
      try? FileManager.default.removeItem(atPath: workspace)
      _ = fixture.write("ws/clients/acme/client.yaml", skeleton)
      let before = try CandorProcess.run(["check", workspace])
      XCTAssertEqual(before.status, 1, before.stdout)
      XCTAssertTrue(before.stdout.contains("tasks"), before.stdout)
      let outcome = try add("s.csv", "label,prediction\nok,ok\nworn,ok\nok,worn\n")
      XCTAssertEqual(outcome.status, 0, outcome.stderr)
      XCTAssertTrue(clientYAML.hasPrefix("name: Acme Motors\n"), clientYAML)
      XCTAssertTrue(clientYAML.contains("- id: \"failure\"\n"), clientYAML)
      XCTAssertTrue(clientYAML.contains("- id: \"holdout\"\n    role: test\n"), clientYAML)
      let check = try CandorProcess.run(["check", workspace])
      XCTAssertEqual(check.status, 0, check.stdout + check.stderr)
    }
    XCTAssertTrue(clientYAML.contains("tasks: # added by candor add\n"), clientYAML)
  }

  /// A task that reads pandas' index as its id (inferred from a split's index, or --id '')
  /// is warned when a later file's index only numbers its rows: those rows would pair with
  /// other weeks' by position. A split's index, as the task expects, passes silently.
  func testARowNumberedFileForATaskReadingTheIndexIsWarnedAbout() throws {
    let header = Self.pandasBinary.prefix { $0 != "\n" }
    let split = "\(header)\n17,0.0,0,0.9,0.1\n3,1.0,1,0.2,0.8\n"
    XCTAssertEqual(try add("split.csv", split).status, 0)
    XCTAssertTrue(clientYAML.contains(#"id: ""}"#), clientYAML)
    let numbered = try add("numbered.csv", Self.pandasBinary, set: "recent")
    XCTAssertEqual(numbered.status, 0, numbered.stderr)
    XCTAssertTrue(
      numbered.stderr.contains(
        "the unnamed first column, which task 'failure' reads as the example id, holds only the row numbers 0 to 4 (pandas' default index)"
      ), numbered.stderr)
    let another = try add("split2.csv", split, week: "2026-W49")
    XCTAssertEqual(another.status, 0, another.stderr)
    XCTAssertFalse(another.stderr.contains("row numbers"), another.stderr)
  }

  /// A file the reader refuses once placed (a duplicate id) leaves no trace: the workspace,
  /// client.yaml and the file it made are gone; in an existing client, client.yaml is as it was.
  func testAFileThatFailsToReadChangesNothing() throws {
    let duplicate = "id,label,prediction\n7,1,1\n8,0,0\n7,0,1\n"
    let fresh = try add("bad.csv", duplicate)
    XCTAssertEqual(fresh.status, 1)
    XCTAssertTrue(fresh.stderr.contains("exports/bad.csv:4: column 'id'"), fresh.stderr)
    XCTAssertFalse(
      FileManager.default.fileExists(atPath: workspace), "the workspace it made is gone")
    let good = try add("good.csv", "label,prediction\n1,1\n0,0\n")
    XCTAssertEqual(good.status, 0, good.stderr)
    let before = clientYAML
    let again = try add("bad.csv", duplicate, task: "other", set: "recent")
    XCTAssertEqual(again.status, 1)
    XCTAssertEqual(clientYAML, before)
    XCTAssertFalse(
      FileManager.default.fileExists(
        atPath: workspace + "/clients/acme/weeks/2026-W48/evaluations/other"))
  }
}
