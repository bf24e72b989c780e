import CandorIngest
import CandorModel
import Foundation

/// One client's data lake: its configuration and the weeks present.
public struct ClientWorkspace: Sendable {
  public let folder: ClientFolder
  public private(set) var config: ClientConfig
  /// Week folders present, oldest first.
  public let weeks: [ISOWeek]
  /// How large files are read (on how many cores).
  public var readPolicy = ReadPolicy.standard
  /// The language the texts are read in (`localized(to:)`); nil reads every fallback.
  public private(set) var language: ReportLocale? = nil
  /// The texts written per language that this language lacks (each read in its fallback).
  public private(set) var translationGaps: [String] = []

  /// The client as a report in `locale` reads it: client.yaml's and the worklogs' texts in
  /// that language where given.
  public func localized(to locale: ReportLocale) -> ClientWorkspace {
    var client = self
    var gaps = TranslationGaps(locale: locale)
    client.config = config.localized(
      to: locale, file: folder.display("client.yaml"), gaps: &gaps)
    client.language = locale
    client.translationGaps = gaps.missing
    return client
  }

  public var id: String { folder.id }

  /// Opens `clients/<id>/`, reads client.yaml and lists the week folders.
  public static func open(_ workspace: Workspace, id: String) throws -> ClientWorkspace {
    let folder = try workspace.client(id)
    let outward = try folder.linksLeadingOut()
    guard outward.isEmpty else {
      throw InputErrors(
        outward.map {
          InputError(
            file: folder.display($0),
            "is a symbolic link that points outside the client's folder; refused (a client's report reads nothing outside it)"
          )
        })
    }
    let config = try ClientConfig.load(from: folder)
    var weeks: [ISOWeek] = []
    if folder.exists("weeks") {
      for name in try folder.list("weeks") {
        guard let week = ISOWeek(name) else {
          throw InputError(
            file: folder.display("weeks/\(name)"),
            "is not an ISO week folder; \(ISOWeek.expected)")
        }
        guard try folder.isDirectory("weeks/\(name)") else {
          throw InputError(file: folder.display("weeks/\(name)"), "is not a folder")
        }
        weeks.append(week)
      }
    }
    var client = ClientWorkspace(folder: folder, config: config, weeks: weeks.sorted())
    client.readPolicy = workspace.readPolicy
    return client
  }

  /// The latest week folder before `week`, which is what "last week" means for a report.
  public func week(before week: ISOWeek) -> ISOWeek? {
    weeks.last { $0 < week }
  }

  /// Reads every evaluation file and the worklog of one week; all problems found are thrown together.
  /// - Parameter evaluations: the week's tasks as read before (its image), in place of its
  ///   evaluation files; its worklog is read all the same.
  public func load(_ week: ISOWeek, evaluations: [TaskEvaluation]? = nil) throws -> WeekEvaluation {
    let base = "weeks/\(week)"
    var errors: [InputError] = []
    var tasks: [TaskEvaluation] = evaluations ?? []
    if evaluations == nil {
      do { tasks = try loadEvaluations(in: folder, at: "\(base)/evaluations") } catch let error
        as InputErrors
      {
        errors += error.errors
      }
    }
    var worklog: Worklog?
    if folder.exists("\(base)/worklog.yaml") {
      do {
        worklog = try Worklog.load(from: folder, path: "\(base)/worklog.yaml", config: config)
      } catch let error as InputError {
        errors.append(error)
      } catch let listed as InputErrors {
        errors += listed.errors
      }
    }
    if errors.isEmpty, tasks.allSatisfy({ $0.sets.isEmpty }) {
      // A report with no sets is not a report: an empty week folder is a mistake upstream.
      errors.append(
        InputError(
          file: folder.display(base),
          "holds no evaluation files; expected evaluations/<task-id>/<set-id>.csv or .counts.json"))
    }
    guard errors.isEmpty else { throw InputErrors(errors) }
    var gaps = TranslationGaps(locale: language ?? .english)
    if language != nil {
      worklog = worklog?.localized(file: folder.display("\(base)/worklog.yaml"), gaps: &gaps)
    }
    return WeekEvaluation(
      week: week, tasks: tasks, worklog: worklog, translationGaps: gaps.missing)
  }

  /// Reads a folder laid out like a week's `evaluations/` (`<task-id>/<set-id>.csv`), inside
  /// `source`: the client's own folder, or one a user named on the command line.
  public func loadEvaluations(in source: ClientFolder, at path: String) throws -> [TaskEvaluation] {
    var errors: [InputError] = []
    var files: [String: [TaskLoader.File]] = [:]
    if source.exists(path) {
      for taskName in try source.list(path) {
        do {
          files[taskName] = try evaluationFiles(
            in: source, path.isEmpty ? taskName : "\(path)/\(taskName)", taskName: taskName)
        } catch let error as InputError {
          errors.append(error)
        }
      }
    }
    var tasks: [TaskEvaluation] = []
    var policy = readPolicy
    policy.gzipFiles = files.values.joined().filter { $0.path.hasSuffix(".gz") }.count
    for task in config.tasks {
      do {
        tasks.append(
          try TaskLoader(
            folder: source, task: task, setOrder: config.validationSets.map(\.id),
            dialect: task.csv ?? config.csv, policy: policy
          ).load(files[task.id] ?? []))
      } catch let error as InputErrors {
        errors += error.errors
      } catch let error as InputError {
        errors.append(error)
      }
    }
    guard errors.isEmpty else { throw InputErrors(errors) }
    return tasks
  }

  private func evaluationFiles(in folder: ClientFolder, _ path: String, taskName: String) throws
    -> [TaskLoader.File]
  {
    guard (try? folder.isDirectory(path)) != false else {
      throw InputError(
        file: folder.display(path),
        "is a file; evaluations/ holds one folder per task (<task-id>/<set-id>.csv)")
    }
    guard Identifier.isValid(taskName) else {
      throw InputError(file: folder.display(path), "invalid task folder name; \(Identifier.rule)")
    }
    guard config.task(taskName) != nil else {
      throw InputError(
        file: folder.display(path), "task \(quoted(taskName)) is not declared in client.yaml")
    }
    var found: [TaskLoader.File] = []
    for name in try folder.list(path) {
      let file = "\(path)/\(name)"
      guard let (setName, source) = Self.evaluationFile(name) else {
        throw InputError(
          file: folder.display(file),
          "is not an evaluation file; expected <set-id>.csv, <set-id>.csv.gz or <set-id>.counts.json"
        )
      }
      guard Identifier.isValid(setName) else {
        throw InputError(
          file: folder.display(file),
          "invalid validation set name \(quoted(setName)); \(Identifier.rule)")
      }
      guard let set = config.validationSet(setName) else {
        throw InputError(
          file: folder.display(file),
          "validation set \(quoted(setName)) is not declared in client.yaml")
      }
      if let other = found.first(where: { $0.set.id == setName }) {
        let otherName = String(other.path.split(separator: "/").last!)
        throw InputError(
          file: folder.display(file),
          "set \(quoted(setName)) has both \(quoted(otherName)) and \(quoted(name)); keep one")
      }
      found.append((set, file, source))
    }
    return found
  }

  /// The set a file name is for and how it is read: `<set-id>.csv`, `<set-id>.csv.gz` (contract
  /// 1.1, read like the .csv) or `<set-id>.counts.json`; nil for any other name.
  static func evaluationFile(_ name: String) -> (set: String, source: EvaluationSource)? {
    for (suffix, source) in [
      (".counts.json", EvaluationSource.counts), (".csv", .predictions), (".csv.gz", .predictions),
    ] where name.hasSuffix(suffix) {
      return (String(name.dropLast(suffix.count)), source)
    }
    return nil
  }
}
