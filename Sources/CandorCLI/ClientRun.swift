import CandorAnalysis
import CandorHTML
import CandorReport
import CandorWorkspace
import Foundation

/// The whole pipeline for one client and week: ingest → analysis → narrative → rendering.
/// Everything is computed in memory first; nothing is written here.
public struct ClientRun: Sendable {
  public let workspace: Workspace
  public let clientID: String
  /// Nil for the client's latest week.
  public let week: ISOWeek?
  public let templates: TemplateSources
  /// `--report-url`: the base address "Full report" links to.
  public let reportURL: String?
  /// `--locale`; nil for client.yaml's `locale:`, else English.
  public let locale: String?

  public init(
    workspace: Workspace, clientID: String, week: ISOWeek?, templates: TemplateSources,
    reportURL: String? = nil, locale: String? = nil
  ) {
    self.reportURL = reportURL
    self.locale = locale
    self.workspace = workspace
    self.clientID = clientID
    self.week = week
    self.templates = templates
  }

  public struct Result: Sendable {
    public var week: ISOWeek
    public var outputs: ReportOutputs
    public var analysis: WeekAnalysis
    /// client.yaml as read; its `contacts` address the client's email.
    public var config: ClientConfig
    /// The language the report was written in (`en`, `de`).
    public var language: String
  }

  public func run() throws -> Result {
    guard workspace.hasClient(clientID) else { throw RunError.noSuchClient(clientID) }
    let client = try ClientWorkspace.open(workspace, id: clientID)
    guard let latest = client.weeks.last else {
      throw RunError.noWeeks(client.folder.display("weeks"))
    }
    let target = week ?? latest
    guard client.weeks.contains(target) else {
      throw RunError.noSuchWeek(target, client.folder.display("weeks/\(target)"), client.weeks)
    }
    let previousWeek = client.week(before: target)
    let history = try client.weeks.filter { $0 <= target }.map { try client.load($0) }
    let current = history.last!
    let previous = previousWeek.flatMap { week in history.first { $0.week == week } }
    let analysis = WeekAnalyzer().analyze(
      clientID: client.id, config: client.config, current: current,
      previous: previous, history: history)
    let library = try templates.library(for: client.folder)
    let language = locale ?? client.config.locale ?? "en"
    let outputs = try ReportComposer(templates: library).compose(
      analysis, reportURL: reportURL, locale: ReportLocale(code: language))
    return Result(
      week: target, outputs: outputs, analysis: analysis, config: client.config,
      language: language)
  }
}

public enum RunError: LocalizedError, Sendable {
  case noSuchClient(String)
  case noWeeks(String)
  case noSuchWeek(ISOWeek, String, [ISOWeek])

  public var errorDescription: String? {
    switch self {
    case .noSuchClient(let id): "clients/\(id): no such client in this workspace"
    case .noWeeks(let path): "\(path): the client has no week folders yet"
    case .noSuchWeek(let week, let path, let weeks):
      "\(path): week \(week) has no folder; weeks present: \(weeks.map(\.description).joined(separator: ", "))"
    }
  }
}
