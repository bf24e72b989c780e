import CandorIngest
import CandorModel
import Foundation

/// `candor add`: puts one evaluation file in its place and creates or extends client.yaml with
/// what the file says, then reads the client's week as a report would. Either everything is
/// in place and valid, or nothing changed: a failure restores client.yaml, the file it
/// replaced, and removes the folders it made.
public struct AddEvaluation: Sendable {
  public var workspace: String
  public var client: String
  public var task: String
  public var set: String
  public var week: ISOWeek
  public var role: SetRole?
  public var hints: AddHints
  /// `--class-name` as given, `CLASS=WORDS` each; split once the classes are known (`resolve`).
  public var classNames: [String]
  public var replace: Bool
  public var file: String

  public init(
    workspace: String, client: String, task: String, set: String, week: ISOWeek, role: SetRole?,
    hints: AddHints, classNames: [String], replace: Bool, file: String
  ) {
    self.workspace = workspace
    self.client = client
    self.task = task
    self.set = set
    self.week = week
    self.role = role
    self.hints = hints
    self.classNames = classNames
    self.replace = replace
    self.file = file
  }

  public struct Outcome: Sendable {
    /// Workspace-relative path of the placed file.
    public var placed: String
    /// What was inferred and written, one line each.
    public var notes: [String] = []
    public var warnings: [String] = []
  }

  public func run() throws -> Outcome {
    let fm = FileManager.default
    var made = Rollback()
    // `candor add`s into one workspace take turns (a notebook adding sets from a thread pool):
    // each reads client.yaml, extends it and checks the week, which must not interleave.
    var lock: WorkspaceLock?
    do {
      while true {
        try made.makeFolders(workspace)
        lock = WorkspaceLock(folder: workspace)
        guard let held = lock, !held.isStill(workspace) else { break }
        held.release()
      }
    } catch {
      made.undo()
      throw error
    }
    defer { lock?.release() }
    var placed: String?
    do {
      let clientPath = try prepareFolders(&made)
      let yamlPath = clientPath + "/client.yaml"
      let oldYAML =
        fm.fileExists(atPath: yamlPath)
        ? try String(contentsOfFile: yamlPath, encoding: .utf8) : nil
      let config =
        oldYAML == nil
        ? nil
        : try ClientConfig.load(from: try Workspace(path: workspace).client(client), draft: true)
      var outcome = Outcome(placed: "")
      if let failure = lock?.failure {
        outcome.warnings.append(
          "\(workspace): cannot be locked (\(failure)); do not run two candor add into it at once")
      }
      let newYAML = try yamlText(old: oldYAML, config: config, outcome: &outcome)
      outcome.placed = try place(in: clientPath, &made)
      placed = outcome.placed
      if let newYAML, newYAML != oldYAML {
        made.restore(yamlPath, to: oldYAML)
        try AtomicFile.write(newYAML, to: yamlPath)
      }
      let opened = try ClientWorkspace.open(try Workspace(path: workspace), id: client)
      let evaluation = try opened.load(week)
      try checkNeighbours(evaluation, in: opened)
      made.commit()
      return outcome
    } catch {
      made.undo()
      throw placed.map { Self.naming(file, for: $0, in: error) } ?? error
    }
  }

  /// A binary task's classes renamed against the week before or after this one: `candor
  /// report` of the later week refuses that, so `add` does too (an earlier week that does not
  /// read is not this file's problem: `check` and `report` say it).
  private func checkNeighbours(_ evaluation: WeekEvaluation, in client: ClientWorkspace) throws {
    var errors: [InputError] = []
    var agreesWithEarlier = false
    if let earlier = client.weeks.last(where: { $0 < week }),
      let previous = try? client.load(earlier)
    {
      let renamed = evaluation.renamedClasses(since: previous)
      errors += renamed
      agreesWithEarlier = renamed.isEmpty
    }
    if let later = client.weeks.first(where: { $0 > week }), let next = try? client.load(later) {
      // Backfilling a week: the file added is the odd one (named, the later week's classes
      // the ones to keep), unless the week before agrees with it: then the later week is.
      errors +=
        agreesWithEarlier
        ? next.renamedClasses(since: evaluation) : evaluation.renamedClasses(since: next)
    }
    guard errors.isEmpty else { throw InputErrors(errors) }
  }

  /// `--class-name CLASS=WORDS` split at the `=` after a class the file holds (a class may
  /// hold `=` itself: `x>=1=one or more`), each class named once.
  static func resolve(_ pairs: [String], classes: [String], file: String) throws
    -> [String: String]
  {
    var resolved: [String: String] = [:]
    for pair in pairs {
      let split = pair.indices.lazy.filter { pair[$0] == "=" }.map {
        (String(pair[..<$0]), String(pair[pair.index(after: $0)...]))
      }.first { classes.contains($0.0) && !$0.1.isEmpty }
      guard let (name, text) = split else {
        throw InputError(
          file: file,
          "--class-name \(quoted(pair)) names no class of this file; its classes are \(classes.map { quoted($0) }.joined(separator: ", "))"
        )
      }
      guard resolved[name] == nil else {
        throw InputError(file: file, "--class-name names the class \(quoted(name)) twice")
      }
      resolved[name] = text
    }
    return resolved
  }

  /// The placed copy's problems named as the user's file: after the rollback the copy is gone
  /// (or is the file it replaced), and its lines are the file's lines.
  static func naming(_ file: String, for placed: String, in error: Error) -> Error {
    func renamed(_ problem: InputError) -> InputError {
      var problem = problem
      if problem.file == placed { problem.file = file }
      return problem
    }
    if let error = error as? InputError { return renamed(error) }
    if let errors = error as? InputErrors { return InputErrors(errors.errors.map(renamed)) }
    return error
  }

  /// Creates the workspace (from a missing or empty folder) and the client's folder.
  private func prepareFolders(_ made: inout Rollback) throws -> String {
    let fm = FileManager.default
    var isFolder: ObjCBool = false
    if fm.fileExists(atPath: workspace, isDirectory: &isFolder) {
      guard isFolder.boolValue else {
        throw InputError(
          file: workspace, "is a file; give a workspace folder (or a new folder's name)")
      }
      let entries = try fm.contentsOfDirectory(atPath: workspace).filter { !$0.hasPrefix(".") }
      if !entries.isEmpty, !fm.fileExists(atPath: workspace + "/clients") {
        throw InputError(
          file: workspace,
          "is not a Candor workspace (it has no clients/ folder) and not empty; give a workspace or a new folder"
        )
      }
    }
    let clientPath = "\(workspace)/clients/\(client)"
    try made.makeFolders(clientPath)
    return clientPath
  }

  /// The new client.yaml text; nil when it does not change.
  private func yamlText(old: String?, config: ClientConfig?, outcome: inout Outcome) throws
    -> String?
  {
    let display = "clients/\(client)/client.yaml"
    let existingTask = config?.task(task)
    var taskEntry: [String]?
    if let existingTask {
      // Flags that only repeat what client.yaml says are fine (a loop over weeks passes the
      // same ones each time); any other would silently disagree with it.
      var disagreeing = ContractColumn.allCases.filter { column in
        hints.column(column).map { $0 != existingTask.fileColumn(column) } ?? false
      }.map { "--\($0.rawValue)" }
      if let positive = hints.positive, positive != existingTask.positiveLabel,
        existingTask.positiveLabel == nil
          || ClassUniverse.integerName(
            ofZeroFraction: positive,
            decimal: (existingTask.csv ?? config?.csv ?? .standard).decimal)
            != existingTask.positiveLabel
      {
        disagreeing.append("--positive")  // `1.0` repeats a declared `1`
      }
      guard disagreeing.isEmpty else {
        throw InputError(
          file: display,
          "task \(quoted(task)) is already declared, and \(disagreeing.joined(separator: ", ")) disagrees with it; its columns and classes are set there (edit client.yaml)"
        )
      }
      let declared = existingTask.classes ?? Array(existingTask.classNames.keys)
      guard
        classNames.isEmpty
          || (try? Self.resolve(classNames, classes: declared, file: file))
            == existingTask.classNames
      else {
        throw InputError(
          file: display,
          "task \(quoted(task)) is already declared with other class_names; change them in client.yaml"
        )
      }
      outcome.notes.append(
        "task \(quoted(task)) is already in client.yaml; the file is read as it says")
      outcome.warnings += try rowNumberWarning(
        existingTask, dialect: existingTask.csv ?? config!.csv)
    } else {
      let inferred = try InferredTask(path: file, displayPath: file, hints: hints)
      taskEntry = inferred.yamlEntry(
        id: task, clientDialect: config?.csv ?? .standard,
        classNames: try Self.resolve(classNames, classes: inferred.seenClasses, file: file))
      outcome.notes.append("added task \(quoted(task)) to client.yaml (\(inferred.rows) rows read)")
      outcome.notes += inferred.notes.map { "  " + $0 }
      outcome.warnings += inferred.warnings
    }
    var setEntry: [String]?
    if let existing = config?.validationSet(set) {
      if let role, role != existing.role {
        throw InputError(
          file: display,
          "set \(quoted(set)) is already declared with role \(existing.role.rawValue); change it in client.yaml, not with --role \(role.rawValue)"
        )
      }
    } else {
      let chosen = role ?? (existingTask == nil ? .test : .validation)
      setEntry = ["id: \(yamlQuoted(set))", "role: \(chosen.rawValue)"]
      outcome.notes.append(
        "added set \(quoted(set)) with role \(chosen.rawValue)"
          + (role == nil
            ? " (\(chosen == .test ? "a new task's first set is its test set" : "a task's later sets validate")); --role chooses another"
            : ""))
    }
    guard taskEntry != nil || setEntry != nil else { return nil }
    guard let old else {
      return ClientYAMLText.new(
        client: client, task: taskEntry!, set: setEntry ?? ["id: \(yamlQuoted(set))", "role: test"]
      ).text
    }
    var text = ClientYAMLText(text: old)
    if let taskEntry { try text.append(taskEntry, to: "tasks", file: display) }
    if let setEntry { try text.append(setEntry, to: "validation_sets", file: display) }
    return text.text
  }

  /// A file whose pandas index is only 0, 1, 2, … (`reset_index()`, or written before the
  /// split) for a task that reads that index as its example id: its rows would pair with other
  /// weeks' by position, which is right only when every week lists the same examples in order.
  private func rowNumberWarning(_ task: TaskConfig, dialect: CSVDialect) throws -> [String] {
    let column = task.fileColumn(.id)
    guard ColumnNames.isPandasIndex(column),
      try EvaluationSurvey.header(path: file, displayPath: file, dialect: dialect).first == column
    else { return [] }
    let survey = try EvaluationSurvey(
      path: file, displayPath: file, dialect: dialect, classColumns: [], numberColumns: [],
      rowNumberColumn: 0)
    guard survey.holdsRowNumbers else { return [] }
    return [
      "\(file): the unnamed first column, which task \(quoted(task.id)) reads as the example id, holds only the row numbers 0 to \(survey.rows - 1) (pandas' default index); unless every week lists the same examples in the same order, its rows pair with other weeks' by position. Write the file with the split's index (no reset_index()) or with an id column"
    ]
  }

  /// Copies the file into `weeks/<week>/evaluations/<task>/<set>.csv` (`.csv.gz` when gzip).
  private func place(in clientPath: String, _ made: inout Rollback) throws -> String {
    let folder = "\(clientPath)/weeks/\(week)/evaluations/\(task)"
    let relative = "clients/\(client)/weeks/\(week)/evaluations/\(task)"
    let name = set + (ByteSources.isGzip(path: file) ? ".csv.gz" : ".csv")
    let present = [".csv", ".csv.gz", ".counts.json"].map { set + $0 }.filter {
      FileManager.default.fileExists(atPath: "\(folder)/\($0)")
    }
    if !present.isEmpty, !replace {
      throw InputError(
        file: "\(relative)/\(present[0])",
        "already exists; candor add never overwrites an evaluation file unless given --replace")
    }
    try made.makeFolders(folder)
    for existing in present {
      try made.setAside("\(folder)/\(existing)", holding: workspace)
    }
    try made.copy(file, to: "\(folder)/\(name)")
    return "\(relative)/\(name)"
  }
}
