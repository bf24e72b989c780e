import ArgumentParser
import CandorModel
import CandorPipeline
import CandorWorkspace
import Foundation

/// `candor add`: one evaluation file into its place, client.yaml written from what it says.
struct AddCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "add",
    abstract:
      "Put one predictions file in its place and write client.yaml from what the file says.",
    discussion: """
      FILE (CSV, or gzip-compressed CSV) goes to clients/<client>/weeks/<week>/evaluations/<task>/<set>.csv \
      (.csv.gz when compressed). A missing or empty workspace folder becomes a new workspace; a new client \
      gets a client.yaml; a new task or set is appended to it as text, so comments and order stay.

      For a new task, candor reads the file and infers (a flag in parentheses overrides a rule):

      Columns. The true class (--label): label, y_true, target, actual or truth. The prediction \
      (--prediction): prediction, y_pred, pred or predicted. A score (--score): score, proba, \
      probability or y_score. An id (--id): id, row_id, else an unnamed first column (pandas' \
      index) unless it holds only the row numbers 0, 1, 2, … (--id '' reads those). A segment: \
      segment.

      Scores per class: proba_<class>, prob_<class>, p_<class>, <class>, or class_<i> in class \
      order; probabilities (score_kind: probability) when each row sums to 1 within 1e-6.

      Classes: whole numbers written 1.0 are the class 1. With two classes the positive one \
      (--positive) is 1, True, true, yes or positive if present, else the rarer class; a tie, or a \
      lone score that runs higher for the other class, is asked about.

      Dialect: , ; tab or | as the delimiter; a decimal comma when a ;-file writes 0,25.

      An ambiguity is an error naming the candidates and the flag that settles it. Existing evaluation \
      files are never overwritten without --replace. After placing the file, the client's week is read as \
      a report would read it; on any problem nothing is changed.

      Examples:
        candor add ws --client acme --task failure --set holdout preds.csv
        candor add ws --client acme --task failure --set recent --week 2026-W49 p.csv
        candor add ws --client acme --task wear --set holdout --positive worn p.csv.gz
      """
  )

  @Argument(
    help: ArgumentHelp("The workspace folder (created when missing).", valueName: "workspace"))
  var workspace: String

  @Option(help: ArgumentHelp("The client id, a folder name under clients/.", valueName: "id"))
  var client: String

  @Option(help: ArgumentHelp("The task id.", valueName: "id"))
  var task: String

  @Option(help: ArgumentHelp("The validation set id.", valueName: "id"))
  var set: String

  @Option(help: ArgumentHelp("ISO week such as 2026-W48. Default: this week.", valueName: "week"))
  var week: String?

  @Option(
    help: ArgumentHelp(
      "A new set's role: test, validation or monitoring. Default: test for a new task's first set, else validation.",
      valueName: "role"))
  var role: String?

  @Option(help: ArgumentHelp("The column holding the true class.", valueName: "col"))
  var label: String?

  @Option(help: ArgumentHelp("The column holding the predicted class.", valueName: "col"))
  var prediction: String?

  @Option(help: ArgumentHelp("The column holding the positive class's score.", valueName: "col"))
  var score: String?

  @Option(help: ArgumentHelp("The column holding each example's stable id.", valueName: "col"))
  var id: String?

  @Option(help: ArgumentHelp("The class the client cares about (two classes).", valueName: "class"))
  var positive: String?

  @Option(
    name: .customLong("class-name"),
    help: ArgumentHelp(
      "The client's words for a class, as CLASS=WORDS (repeat for each class); written as class_names:.",
      valueName: "class=words"))
  var classNames: [String] = []

  @Flag(help: "Replace an evaluation file already in place.")
  var replace = false

  @OptionGroup var output: OutputVerbosity

  @Argument(help: ArgumentHelp("The predictions file (CSV or gzip CSV).", valueName: "FILE"))
  var file: String

  func validate() throws {
    _ = try Arguments.client(client)
    for (flag, value) in [("--task", task), ("--set", set)] where !Identifier.isValid(value) {
      throw ValidationError("\(flag) '\(value)' is not a valid id; \(Identifier.rule)")
    }
    _ = try Arguments.week(week)
    if let role, SetRole(rawValue: role) == nil {
      throw ValidationError(
        "--role '\(role)' is not a role; expected test, validation or monitoring")
    }
    _ = try checkedClassNames()
  }

  /// Each `--class-name` has the form CLASS=WORDS; which `=` ends the class (a class may hold
  /// one) is decided by `add` once the file's classes are known.
  func checkedClassNames() throws -> [String] {
    for pair in classNames {
      guard let first = pair.firstIndex(of: "="), first != pair.startIndex,
        let last = pair.lastIndex(of: "="), pair.index(after: last) != pair.endIndex
      else {
        throw ValidationError("--class-name '\(pair)' is not CLASS=WORDS, such as 1=malignant")
      }
    }
    return classNames
  }

  func run() throws {
    let add = AddEvaluation(
      workspace: workspace, client: client, task: task, set: set,
      week: try Arguments.week(week) ?? ISOWeek.current(), role: role.flatMap(SetRole.init),
      hints: AddHints(
        label: label, prediction: prediction, score: score, id: id, positive: positive),
      classNames: try checkedClassNames(), replace: replace, file: file)
    do {
      let outcome = try add.run()
      print("placed: \(workspace)/\(outcome.placed)")
      if !output.quiet {
        for note in outcome.notes { print(note) }
        print(
          "To change any of this, edit \(workspace)/clients/\(client)/client.yaml; then: candor report \(workspace) --client \(client)"
        )
      }
      for warning in outcome.warnings { Diagnostics.warning(warning) }
    } catch {
      Diagnostics.error(error)
      throw ExitCode.failure
    }
  }
}
