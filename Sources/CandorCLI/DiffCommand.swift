import ArgumentParser
import CandorAnalysis
import CandorHTML
import CandorIngest
import CandorModel
import CandorPipeline
import CandorReport
import CandorWorkspace
import Foundation

/// `candor diff`: which tasks and sets got better or worse between two evaluation runs.
struct DiffCommand: AsyncParsableCommand {
  enum Gate: String, ExpressibleByArgument, CaseIterable {
    case regression
    case possibleRegression = "possible-regression"
    case never

    func fails(_ verdict: DiffVerdict) -> Bool {
      switch self {
      case .regression: verdict == .regressed
      case .possibleRegression: verdict >= .possibleRegression
      case .never: false
      }
    }
  }

  enum Annotations: String, ExpressibleByArgument, CaseIterable { case github }

  enum Format: String, ExpressibleByArgument, CaseIterable { case text, junit }

  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract: "Compare two evaluation runs task by task and set by set, to gate a merge.",
    discussion: """
      --base and --candidate each name a week (2026-W46: that week's evaluations/ folder) or a folder laid \
      out like evaluations/ (<task-id>/<set-id>.csv): relative to the client's folder if it exists there, \
      otherwise as given. Every task and set present in both is compared with the weekly report's tests \
      and Holm correction, and classified as improved, regressed, possible regression or unchanged within noise.

      Writes <out>/<client>/diff-<base>-vs-<candidate>/{diff.html, diff.md, diff.json} and prints a summary. \
      A task or set present in one run and missing from the other fails the gate unless --allow-missing. \
      Exit status: 0 gate passed, 3 gate failed (see --fail-on), 1 input problem, 2 usage error.

      In CI: when GITHUB_STEP_SUMMARY names a file, the diff's table is appended to it in Markdown; \
      --annotations github prints an ::error (regressed) or ::warning (possible regression) line per \
      task and set; --format junit prints JUnit XML (one test case per task and set, failed where it \
      fails the gate) on standard output instead of the summary: candor diff … --format junit > diff.xml

      Example: candor diff Samples --client acme-motors --base 2026-W46 --candidate 2026-W48 --fail-on regression
      """
  )

  @OptionGroup var options: WorkspaceOptions

  @Option(help: ArgumentHelp("The client id.", valueName: "id"))
  var client: String?

  @Flag(
    help:
      "Compare every client, each in isolation (--base and --candidate must then be weeks or client-relative folders)."
  )
  var allClients = false

  @Option(
    help: ArgumentHelp("The run compared against: a week or a folder.", valueName: "week|dir"))
  var base: String

  @Option(help: ArgumentHelp("The run under review: a week or a folder.", valueName: "week|dir"))
  var candidate: String

  @Option(help: "What fails the gate (exit 3): regression, possible-regression, or never.")
  var failOn: Gate = .regression

  @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
  var out: String = "reports"

  @Flag(
    help:
      "Pass the gate even when a task or set of one run is missing from the other (by default that fails it, exit 3: a gate must not pass on partial output)."
  )
  var allowMissing = false

  @Option(help: "Print GitHub workflow annotations for regressions: github.")
  var annotations: Annotations?

  @Option(help: "What standard output carries: text (the summary) or junit (JUnit XML).")
  var format: Format = .text

  @OptionGroup var output: OutputVerbosity

  func validate() throws {
    try Arguments.out(out, workspace: options.workspace)
    guard (client != nil) != allClients else {
      throw ValidationError("give either --client <id> or --all-clients")
    }
    if let client { _ = try Arguments.client(client) }
  }

  func run() async throws {
    let (workspace, templates) = try options.open()
    let clients = allClients ? try workspace.clientIDs() : [client!]
    var gateFailed = false
    var inputFailed = false
    var suites: [(client: String, lines: [DiffCI.Line], gaps: [DiffCI.Gap])] = []
    for id in clients {
      do {
        let (diff, gaps) = try runOne(id, workspace: workspace, templates: templates)
        let lines = DiffCI.lines(diff, client: id)
        suites.append((id, lines, gaps))
        if let path = ProcessInfo.processInfo.environment["GITHUB_STEP_SUMMARY"], !path.isEmpty {
          try Self.append(
            DiffCI.stepSummary(lines, gaps: gaps, client: id, verdict: diff.verdict), to: path)
        }
        if annotations == .github {
          // With --format junit, standard output is the XML: the annotations go to standard
          // error, which the Actions runner reads for workflow commands too.
          for annotation in DiffCI.annotations(lines, gaps: gaps) {
            if format == .junit {
              FileHandle.standardError.write(Data((annotation + "\n").utf8))
            } else {
              print(annotation)
            }
          }
        }
        for gap in gaps {
          FileHandle.standardError.write(
            Data("\(allowMissing ? "warning" : "error"): \(TerminalSafe.line(gap.words))\n".utf8))
        }
        if !gaps.isEmpty, !allowMissing { gateFailed = true }
        gateFailed = gateFailed || failOn.fails(diff.verdict)
      } catch {
        Diagnostics.error(error)
        inputFailed = true
      }
    }
    if format == .junit { print(DiffCI.junit(suites, fails: failOn.fails), terminator: "") }
    if inputFailed { throw ExitCode.failure }
    if gateFailed { throw ExitCode(3) }
  }

  /// Appends to a file CI hands over (`GITHUB_STEP_SUMMARY`), creating it if needed.
  static func append(_ text: String, to path: String) throws {
    if !FileManager.default.fileExists(atPath: path) {
      _ = FileManager.default.createFile(atPath: path, contents: nil)
    }
    guard let handle = FileHandle(forWritingAtPath: path) else {
      throw InputError(file: path, "GITHUB_STEP_SUMMARY names a file that cannot be written")
    }
    defer { try? handle.close() }
    try handle.seekToEnd()
    try handle.write(contentsOf: Data(text.utf8))
  }

  func runOne(_ id: String, workspace: Workspace, templates: TemplateSources) throws -> (
    ModelDiff, gaps: [DiffCI.Gap]
  ) {
    guard Identifier.isValid(id) else {
      throw InputError(file: "clients/\(id)", "invalid client folder name; \(Identifier.rule)")
    }
    guard workspace.hasClient(id) else {
      throw RunError.noSuchClient(id, (try? workspace.clientIDs()) ?? [])
    }
    let client = try ClientWorkspace.open(workspace, id: id)
    let (baseFolder, basePath) = try locate(base, client: client, workspace: workspace)
    let (candidateFolder, candidatePath) = try locate(
      candidate, client: client, workspace: workspace)
    let before = try client.loadEvaluations(in: baseFolder, at: basePath)
    let after = try client.loadEvaluations(in: candidateFolder, at: candidatePath)
    let diff = DiffAnalyzer().diff(
      base: before, candidate: after, baseName: base, candidateName: candidate)
    let gaps =
      gaps(
        in: after, from: before, client: id, side: "candidate \(candidate)", other: "base \(base)")
      + gaps(
        in: before, from: after, client: id, side: "base \(base)", other: "candidate \(candidate)")
    var ids: [UInt64: String] = [:]
    for task in diff.tasks {
      for set in task.sets {
        guard let flips = set.flips,
          let file = after.first(where: { $0.task.id == task.task.id })?.sets.first(where: {
            $0.setID == set.setID
          })
        else { continue }
        ids.merge(
          try IDLookup.ids(
            for: Set(flips.wrongSamples + flips.rightSamples), in: candidateFolder,
            path: file.relativePath, column: task.task.fileColumn(.id),
            dialect: task.task.csv ?? client.config.csv)
        ) { a, _ in a }
      }
    }
    let outputs = try ReportComposer(templates: try templates.library(for: client.folder))
      .composeDiff(diff, client: id, clientName: client.config.name, ids: ids)
    let folder = "\(out)/\(id)/diff-\(Self.slug(base))-vs-\(Self.slug(candidate))"
    try OutputWriter(folder: folder).write(outputs.files)
    // Names and labels are client text: a YAML escape ("\e") or a CSV cell can hold a
    // control character, shown escaped on the terminal (the files keep the text as it is).
    if !output.quiet && format == .text {
      print("\(TerminalSafe.line(client.config.name)) (\(id))")
      print(
        outputs.text.split(separator: "\n", omittingEmptySubsequences: false).map {
          TerminalSafe.line($0)
        }.joined(separator: "\n"), terminator: "")
      print("Wrote \(folder)/ (diff.html, diff.md, diff.json)")
    }
    return (diff, gaps)
  }

  /// Each task and set with evaluations in `present` but none in `run`; a gap fails the gate
  /// unless `--allow-missing`.
  func gaps(
    in run: [TaskEvaluation], from present: [TaskEvaluation], client: String, side: String,
    other: String
  ) -> [DiffCI.Gap] {
    var found: [DiffCI.Gap] = []
    for task in present where !task.sets.isEmpty {
      let sets = Set(run.first { $0.task.id == task.task.id }?.sets.map(\.setID) ?? [])
      if sets.isEmpty {
        found.append(
          DiffCI.Gap(
            client: client, task: task.task.id, setID: nil,
            words:
              "task '\(task.task.id)' has evaluations in the \(other) but none in the \(side); it was not compared",
            fails: !allowMissing))
        continue
      }
      for set in task.sets where !sets.contains(set.setID) {
        found.append(
          DiffCI.Gap(
            client: client, task: task.task.id, setID: set.setID,
            words:
              "task '\(task.task.id)', set '\(set.setID)' is in the \(other) but not in the \(side); it was not compared",
            fails: !allowMissing))
      }
    }
    return found
  }

  /// A week's evaluations, a folder inside the client, or (for one client) a folder outside the
  /// workspace. A path into the workspace must stay inside the named client's folder: another
  /// client's numbers never reach this client's diff.
  func locate(_ spec: String, client: ClientWorkspace, workspace: Workspace) throws -> (
    ClientFolder, String
  ) {
    if let week = ISOWeek(spec) {
      guard client.weeks.contains(week) else {
        throw RunError.noSuchWeek(week, client.folder.display("weeks/\(week)"), client.weeks)
      }
      return (client.folder, "weeks/\(week)/evaluations")
    }
    let climbs = spec.split(separator: "/").contains("..")
    if !spec.hasPrefix("/"), !climbs, client.folder.exists(spec) { return (client.folder, spec) }
    guard !allClients else {
      throw InputError(
        file: client.folder.display(spec),
        "no such folder in this client; with --all-clients, --base and --candidate must be weeks or folders inside each client"
      )
    }
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: spec, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw InputError(file: spec, "is neither an ISO week of this client nor a folder")
    }
    let real = Paths.resolved(spec)
    let clientRoot = Paths.resolved(workspace.path + "/clients/" + client.id)
    if real == clientRoot || real.hasPrefix(clientRoot + "/") {
      return (client.folder, String(real.dropFirst(clientRoot.count).drop { $0 == "/" }))
    }
    let workspaceRoot = Paths.resolved(workspace.path)
    if real == workspaceRoot || real.hasPrefix(workspaceRoot + "/") {
      throw InputError(
        file: spec,
        "is inside the workspace but outside clients/\(client.id); a diff reads only the named client's folder, or a folder outside the workspace"
      )
    }
    return (try ClientFolder.external(spec), "")
  }

  static func slug(_ text: String) -> String {
    let kept = text.unicodeScalars.map {
      CharacterSet.alphanumerics.contains($0) || $0 == "-" ? Character($0) : "_"
    }
    return String(String(kept).trimmingCharacters(in: CharacterSet(charactersIn: "_")).prefix(40))
  }
}
