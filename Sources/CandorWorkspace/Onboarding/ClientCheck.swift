import CandorIngest
import CandorModel
import Foundation

/// `candor check`: every problem a client's inputs have, found in one run: client.yaml as a
/// whole, every week's files (each file's header and its bad rows, up to `badRowsListed`), and
/// warnings for what is legal but probably not meant.
public enum ClientCheck {
  public struct Report: Sendable {
    public var errors: [InputError] = []
    public var warnings: [InputError] = []
  }

  /// Fewer examples of a class than this in a test set make its rate a guess.
  public static let minimumTestExamples = 30

  /// Bad rows listed per file: enough to show a pattern (a column shifted, a class misspelt)
  /// without a screenful per file when every row is bad.
  public static let badRowsListed = 20

  public static func run(_ workspace: Workspace, client id: String) -> Report {
    var report = Report()
    var client: ClientWorkspace
    do {
      client = try ClientWorkspace.open(workspace, id: id)
    } catch {
      report.errors += errors(of: error)
      return report
    }
    client.readPolicy.badRowsListed = badRowsListed
    guard !client.weeks.isEmpty else {
      // As `candor report` says it: there is nothing to report on.
      report.errors.append(
        InputError(file: client.folder.display("weeks"), "the client has no week folders yet"))
      return report
    }
    var previous: WeekEvaluation?
    for week in client.weeks {
      do {
        let evaluation = try client.load(week)
        if let previous { report.errors += evaluation.renamedClasses(since: previous) }
        report.warnings += strayEntries(client, week)
        if week == client.weeks.last {
          report.warnings += warnings(client, evaluation)
          let own = client.config.locale ?? .english
          for clash in classNameClashes(client, evaluation) {
            if clash.locale == own {
              report.errors.append(clash.error)
            } else {
              report.warnings.append(clash.error)
            }
          }
        }
        previous = evaluation
      } catch {
        report.errors += errors(of: error)
        previous = nil
      }
    }
    return report
  }

  static func errors(of error: Error) -> [InputError] {
    if let error = error as? InputError { return [error] }
    if let error = error as? InputErrors { return error.errors }
    return [InputError(file: "", "\(error)")]
  }

  /// A week folder holds `evaluations/` and `worklog.yaml`; anything else is not read, and a
  /// `worklog.yml` or `Worklog.yaml` is most likely a worklog meant to be.
  static func strayEntries(_ client: ClientWorkspace, _ week: ISOWeek) -> [InputError] {
    let folder = "weeks/\(week)"
    guard let entries = try? client.folder.list(folder) else { return [] }
    // "Rename it" only where it would not replace a worklog, and only a YAML file.
    let misspelt = { (name: String) in
      !entries.contains("worklog.yaml") && name.lowercased().hasPrefix("worklog")
        && [".yml", ".yaml"].contains { name.lowercased().hasSuffix($0) }
    }
    return entries.sorted().filter {
      !["evaluations", "worklog.yaml"].contains($0) && !$0.hasPrefix(".")
    }.map { name in
      InputError(
        file: client.folder.display("\(folder)/\(name)"),
        misspelt(name)
          ? "is not read: the week's worklog is worklog.yaml (rename it)"
          : "is not read: a week folder holds evaluations/ and worklog.yaml")
    }
  }

  /// `class_names:` written per language that give two classes the same words in a language:
  /// a report in that language refuses them (an error in the client's own language, else a
  /// warning: only `--locale` would meet it).
  static func classNameClashes(_ client: ClientWorkspace, _ week: WeekEvaluation)
    -> [(locale: ReportLocale, error: InputError)]
  {
    var errors: [(locale: ReportLocale, error: InputError)] = []
    for locale in ReportLocale.allCases {
      let config = client.localized(to: locale).config
      for task in week.tasks {
        guard let localized = config.task(task.task.id) else { continue }
        guard
          let shared = localized.sharedWords(among: task.classes.map(task.task.fileName(ofClass:)))
        else { continue }
        errors.append(
          (
            locale,
            InputError(
              file: client.folder.display("client.yaml"), field: "key 'class_names'",
              "task \(quoted(task.task.id)) would call two classes \(quoted(shared)) in a report written in \(locale.code); give each class its own words in every language"
            )
          ))
      }
    }
    return errors
  }

  /// What the latest week's data suggests was not meant.
  static func warnings(_ client: ClientWorkspace, _ week: WeekEvaluation) -> [InputError] {
    var warnings: [InputError] = []
    let yaml = client.folder.display("client.yaml")
    for task in week.tasks {
      let config = task.task
      // A metric read from scores, named where no file of the week has any: the report shows
      // it as not measured.
      let hasScores = task.sets.contains {
        $0.scored != nil || $0.keyed?.scores != nil || $0.classScores != nil || $0.histogram != nil
      }
      let named =
        [config.primaryMetric.map { ("primary_metric", $0) }].compactMap { $0 }
        + config.supporting.map { ("supporting", $0) }
      for (key, metric) in named
      where !hasScores && ([.rocAUC, .prAUC] + MetricName.scoreDerived).contains(metric) {
        warnings.append(
          InputError(
            file: yaml, field: "task \(quoted(config.id)), \(key)",
            "\(metric.rawValue) is read from the model's scores, and no file of task \(quoted(config.id)) in week \(week.week) has any, so the report shows it as not measured; add a score column (columns: {score: …}) or class_scores:"
          ))
      }
      if config.positiveLabel == nil,
        Set(task.classes) == ["0", "1"] || Set(task.classes) == ["False", "True"]
      {
        warnings.append(
          InputError(
            file: yaml, field: "task \(quoted(config.id))",
            "has the classes \(task.classes.map { quoted($0) }.joined(separator: " and ")) and no positive_label, so it is read as multiclass; add positive_label: \"\(task.classes.contains("1") ? "1" : "True")\" if the client cares about one of them"
          ))
      }
      // With classes: declared, an unknown key is an error at load; otherwise the files say
      // which classes there are, and a name for none of them is most likely a typo.
      let seen = task.classes.map(config.fileName(ofClass:))
      let unknown = config.classNames.keys.filter { !seen.contains($0) }.sorted()
      if config.classes == nil, !unknown.isEmpty {
        warnings.append(
          InputError(
            file: yaml, field: "task \(quoted(config.id)), class_names",
            "names \(unknown.map { quoted($0) }.joined(separator: ", ")), which no file of week \(week.week) holds (its classes: \(seen.map { quoted($0) }.joined(separator: ", "))); a misspelt class, or one absent this week"
          ))
      }
      for set in task.sets {
        warnings += headerWarnings(client, config, set)
        guard client.config.validationSet(set.setID)?.role == .test else { continue }
        for (k, row) in set.matrix.enumerated() where row.reduce(0, +) < minimumTestExamples {
          warnings.append(
            InputError(
              file: set.file,
              "the test set has \(row.reduce(0, +)) example\(row.reduce(0, +) == 1 ? "" : "s") of \(quoted(task.classes[k])); with fewer than \(minimumTestExamples) its rate is barely pinned down"
            ))
        }
      }
    }
    return warnings
  }

  /// Columns that look like an id or like probabilities that no key of the task reads.
  static func headerWarnings(_ client: ClientWorkspace, _ task: TaskConfig, _ set: EvaluationSet)
    -> [InputError]
  {
    guard set.source == .predictions, let path = try? client.folder.resolve(set.relativePath),
      let header = try? EvaluationSurvey.header(
        path: path, displayPath: set.file, dialect: task.csv ?? client.config.csv)
    else { return [] }
    var read = Set(ContractColumn.allCases.map(task.fileColumn))
    for name in task.classes ?? [] {
      if let column = task.classScoreColumn(name) { read.insert(column) }
    }
    var warnings: [InputError] = []
    if task.threshold != 0.5, header.contains(task.fileColumn(.prediction)) {
      warnings.append(
        InputError(
          file: set.file, line: 1, field: "column \(quoted(task.fileColumn(.prediction)))",
          "decides the predicted class, so task \(quoted(task.id))'s threshold: \(task.threshold) is not used for this file (it applies to a file with scores and no prediction column)"
        ))
    }
    if !header.contains(task.fileColumn(.id)) {
      let ids =
        ColumnNames.candidates(for: .id, in: header)
        + (header.first.map { ColumnNames.isPandasIndex($0) ? [$0] : [] } ?? [])
      if let column = ids.first {
        warnings.append(
          InputError(
            file: set.file, line: 1, field: "column \(quoted(column))",
            ColumnNames.isPandasIndex(column)
              ? "is pandas' index, which no key reads; if it holds stable example ids (not the row numbers 0, 1, 2, … of a default index), columns: {id: \(yamlQuoted(column))} makes week-over-week tests compare each example with itself"
              : "looks like an example id but no key reads it; columns: {id: \(yamlQuoted(column))} makes week-over-week tests compare each example with itself"
          ))
      }
    }
    // A task that reads a score already has its ranking metrics (a binary one reads one class's
    // probability and rightly leaves the other's); only one that reads none is warned.
    let readsScores = task.classScores != nil || header.contains(task.fileColumn(.score))
    let probabilityLike = header.filter { name in
      !readsScores && !read.contains(name)
        && (ColumnNames.classPrefixes.contains { name.hasPrefix($0) && name.count > $0.count }
          || (ColumnNames.known[.score] ?? []).contains(name.lowercased()))
    }
    if !probabilityLike.isEmpty {
      warnings.append(
        InputError(
          file: set.file, line: 1,
          "the columns \(probabilityLike.map { quoted($0) }.joined(separator: ", ")) look like scores but no key reads them; map them with columns: {score: …} (binary) or class_scores: (one per class) to get ROC AUC and, for probabilities, the Brier score and log loss"
        ))
    }
    return warnings
  }
}
