import ArgumentParser
import CandorModel
import CandorPipeline
import CandorWorkspace
import Foundation

/// Flags every command shares: the workspace and where templates come from.
struct WorkspaceOptions: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "The workspace folder, holding clients/<client-id>/.", valueName: "workspace"))
  var workspace: String

  @Option(
    help: ArgumentHelp(
      "A folder of templates used instead of the ones built into candor. Default: $CANDOR_TEMPLATES if set, else the built-in templates; <workspace>/templates/ and clients/<id>/templates/ override single files on top.",
      valueName: "dir"))
  var templates: String?

  // A path that is not a workspace is an input problem (exit 1), found by `open()`, not a
  // usage error: the command line itself was well formed.

  func open() throws -> (Workspace, TemplateSources) {
    let workspace = try Workspace(path: self.workspace)
    return (
      workspace,
      try TemplateSources(base: try TemplateSources.base(explicit: templates), workspace: workspace)
    )
  }
}

/// `--client` and `--week`, shared by the commands that report on one client.
struct ClientWeekOptions: ParsableArguments {
  @Option(help: ArgumentHelp("The client id, a folder name under clients/.", valueName: "id"))
  var client: String

  @Option(
    help: ArgumentHelp(
      "ISO week such as 2026-W48. Default: the client's latest week.", valueName: "week"))
  var week: String?

  func validate() throws {
    _ = try Arguments.client(client)
    _ = try Arguments.week(week)
  }

  /// The pipeline for this client and week; the arguments were checked in `validate()`.
  func run(
    in workspace: Workspace, templates: TemplateSources, reportURL: String? = nil,
    locale: ReportLocale? = nil, historyFolder: String? = nil
  ) throws -> ClientRun.Result {
    try ClientRun(
      workspace: workspace, clientID: client, week: try Arguments.week(week), templates: templates,
      reportURL: reportURL, locale: locale, historyFolder: historyFolder
    ).run()
  }
}

/// `--report-url <base>`: where the reports are published, so "Full report" becomes a link to
/// `<base>/<client>/<week>/report.html`. Only http and https addresses are accepted.
struct ReportURLOptions: ParsableArguments {
  @Option(
    name: .customLong("report-url"),
    help: ArgumentHelp(
      "Base address where reports are published (http or https); \"Full report\" in the snippet links to <base>/<client>/<week>/report.html.",
      valueName: "base"))
  var reportURL: String?

  func validate() throws {
    guard let reportURL else { return }
    _ = try Arguments.reportURL(reportURL)
  }
}

/// `--locale <code>`: the language of the report, snippet and notes; overrides client.yaml's `locale:`.
struct LocaleOptions: ParsableArguments {
  @Option(
    help: ArgumentHelp(
      "Language of the report, snippet and notes: en or de. Default: client.yaml's locale:, else en.",
      valueName: "code"))
  var locale: String?

  func validate() throws {
    guard let locale, ReportLocale(rawValue: locale) == nil else { return }
    throw ValidationError(
      "--locale '\(locale)' is not a supported language; expected one of \(ReportLocale.codes)")
  }

  /// The language asked for; checked in `validate()`.
  var reportLocale: ReportLocale? { locale.flatMap(ReportLocale.init(rawValue:)) }
}

/// `--quiet` and `--verbose`, on every command: how much candor says beyond results and errors.
struct OutputVerbosity: ParsableArguments {
  @Flag(name: .shortAndLong, help: "Print only results and errors.")
  var quiet = false

  @Flag(name: .shortAndLong, help: "Say more about what is read and decided.")
  var verbose = false

  func validate() throws {
    if quiet && verbose { throw ValidationError("--quiet and --verbose cannot be given together") }
  }
}

/// Parsing and checking of `--client` and `--week` values: a malformed one is a usage error.
enum Arguments {
  static func client(_ value: String) throws -> String {
    guard Identifier.isValid(value) else {
      throw ValidationError("--client '\(value)' is not a valid client id; \(Identifier.rule)")
    }
    return value
  }

  static func reportURL(_ value: String) throws -> String {
    let allowed = Set(
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@!$&'()*+,;=%")
    guard let components = URLComponents(string: value),
      let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
      let host = components.host, !host.isEmpty, value.allSatisfy({ allowed.contains($0) })
    else {
      throw ValidationError(
        "--report-url '\(value)' is not an http or https address, such as https://reports.example.com/candor"
      )
    }
    // The report's path is appended to the base: after a query or a fragment it would not be
    // part of the path, and the link would not reach the report.
    guard components.query == nil, components.fragment == nil else {
      throw ValidationError(
        "--report-url '\(value)' has a query or fragment (after ? or #); give the base folder only, such as https://reports.example.com/candor"
      )
    }
    return value
  }

  /// `--out` must name a folder, and one outside the workspace: reports written inside it
  /// would be read back as workspace content on the next run.
  static func out(_ value: String, workspace: String) throws {
    guard !value.isEmpty else {
      throw ValidationError(
        "--out '' names no folder; give the folder reports are written to (default: reports)")
    }
    // A path that is no workspace is an input problem (exit 1, said by `open()`), not this
    // usage error about where reports go.
    var isFolder: ObjCBool = false
    guard
      FileManager.default.fileExists(atPath: workspace + "/clients", isDirectory: &isFolder),
      isFolder.boolValue
    else { return }
    let out = Paths.resolved(value)
    let root = Paths.resolved(workspace)
    if out == root || out.hasPrefix(root == "/" ? "/" : root + "/") {
      throw ValidationError(
        "--out '\(TerminalSafe.line(value))' is inside the workspace '\(TerminalSafe.line(workspace))'; write reports to a folder outside it"
      )
    }
  }

  static func week(_ value: String?) throws -> ISOWeek? {
    guard let value else { return nil }
    guard let week = ISOWeek(value) else {
      throw ValidationError(
        "--week '\(TerminalSafe.line(value))' is not an ISO week; \(ISOWeek.expected)"
      )
    }
    return week
  }
}
