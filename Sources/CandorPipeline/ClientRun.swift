import CandorAnalysis
import CandorHTML
import CandorModel
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
  public let locale: ReportLocale?
  /// Where summaries of earlier weeks are cached (`<out>/<client>/.history`); nil to read
  /// every week in full.
  public let historyFolder: String?

  public init(
    workspace: Workspace, clientID: String, week: ISOWeek?, templates: TemplateSources,
    reportURL: String? = nil, locale: ReportLocale? = nil, historyFolder: String? = nil
  ) {
    self.reportURL = reportURL
    self.locale = locale
    self.historyFolder = historyFolder
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
    /// The language the report was written in.
    public var language: ReportLocale
    /// Summaries for the history cache, stored once the report folder is written.
    var history = HistoryUpdate()
  }

  /// Cache entries a run computed, kept back until its report is written, so a run that
  /// fails at any point (a PDF, an email that cannot be built, the write) writes nothing.
  struct HistoryUpdate: Sendable {
    var cache: HistoryCache?
    var entries: [(WeekSummary, WeekFingerprint)] = []
    /// Images of the weeks read from their files, being written.
    var images: [ImageDraft] = []

    func store() {
      for (summary, fingerprint) in entries { cache?.store(summary, fingerprint: fingerprint) }
      for image in images { image.commit() }
    }
  }

  public func run() throws -> Result {
    guard workspace.hasClient(clientID) else {
      throw RunError.noSuchClient(clientID, (try? workspace.clientIDs()) ?? [])
    }
    let opened = try ClientWorkspace.open(workspace, id: clientID)
    let language = locale ?? opened.config.locale ?? .english
    // Texts written per language are read in the report's language from here on.
    let client = opened.localized(to: language)
    guard let latest = client.weeks.last else {
      throw RunError.noWeeks(client.folder.display("weeks"))
    }
    let target = week ?? latest
    guard client.weeks.contains(target) else {
      throw RunError.noSuchWeek(target, client.folder.display("weeks/\(target)"), client.weeks)
    }
    let previousWeek = client.week(before: target)
    let cache = historyFolder.map { HistoryCache(folder: $0, client: client) }
    // Oldest first, as before the cache, so the first problem reported is the same.
    var earlier: [WeekSummary] = []
    // Stored only once the report is written (`Delivery`): a failing run writes nothing.
    var pending: [(WeekSummary, WeekFingerprint)] = []
    for week in client.weeks where week < target && week != previousWeek {
      let lookup = cache?.lookup(week)
      let summary = try lookup?.summary ?? WeekSummary(try client.load(week))
      if let lookup, lookup.needsStore, let fingerprint = lookup.fingerprint {
        pending.append((summary, fingerprint))
      }
      earlier.append(summary)
    }
    // Fingerprints before reading: a file changed meanwhile is stored under its old hash.
    let previousLookup = previousWeek.flatMap { cache?.lookup($0) }
    let currentLookup = cache?.lookup(target)
    // A week read before comes from its image where it has one; one read from its files and
    // worth an image gets one once the run has succeeded.
    var images: [ImageDraft] = []
    func loadInFull(_ week: ISOWeek, _ lookup: HistoryCache.Lookup?) throws -> WeekEvaluation {
      guard let cache, let fingerprint = lookup?.fingerprint, cache.wantsImage(fingerprint) else {
        return try client.load(week)
      }
      if let tasks = cache.image(week, fingerprint: fingerprint, language: language) {
        return try client.load(week, evaluations: tasks)
      }
      let loaded = try client.load(week)
      if let draft = cache.draftImage(
        loaded.tasks, week: week, fingerprint: fingerprint, language: language)
      {
        images.append(draft)
      }
      return loaded
    }
    let previous = try previousWeek.map { try loadInFull($0, previousLookup) }
    let current = try loadInFull(target, currentLookup)
    if let previous {
      let renamed = current.renamedClasses(since: previous)
      guard renamed.isEmpty else { throw InputErrors(renamed) }
    }
    var analysis = WeekAnalyzer().analyze(
      clientID: client.id, config: client.config, current: current,
      previous: previous, earlier: earlier)
    analysis.translationGaps = client.translationGaps + current.translationGaps
    // summary.json is for machines: the same bytes in every language, so its client texts are
    // the ones written once (or in English) even when the report reads another language's.
    var machine = analysis
    if client.config.hasTextsPerLanguage && language != .english {
      let english = opened.localized(to: .english).config
      machine = WeekAnalyzer().analyze(
        clientID: client.id, config: english,
        current: current.relabelled(from: client.config, to: english),
        previous: previous?.relabelled(from: client.config, to: english), earlier: earlier)
    }
    for (lookup, week, analysed) in [
      (previousLookup, previous, analysis.previousTasks), (currentLookup, current, analysis.tasks),
    ] {
      guard let week, let lookup, lookup.needsStore, let fingerprint = lookup.fingerprint else {
        continue
      }
      pending.append((lookup.summary ?? WeekSummary(week, analysed: analysed), fingerprint))
    }
    let library = try templates.library(for: client.folder)
    let outputs = try ReportComposer(templates: library).compose(
      analysis, reportURL: reportURL, locale: language, machineAnalysis: machine)
    return Result(
      week: target, outputs: outputs, analysis: analysis, config: client.config,
      language: language,
      history: HistoryUpdate(cache: cache, entries: pending, images: images))
  }
}

public enum RunError: LocalizedError, Sendable {
  /// The id asked for and the clients the workspace has.
  case noSuchClient(String, [String])
  case noWeeks(String)
  case noSuchWeek(ISOWeek, String, [ISOWeek])

  public var errorDescription: String? {
    switch self {
    case .noSuchClient(let id, let clients):
      "clients/\(id): no such client in this workspace"
        + (Suggestion.nearest(to: id, in: clients).map { " (did you mean '\($0)'?)" } ?? "")
        + (clients.isEmpty
          ? "; it has no clients yet" : "; clients present: \(clients.joined(separator: ", "))")
    case .noWeeks(let path): "\(path): the client has no week folders yet"
    case .noSuchWeek(let week, let path, let weeks):
      "\(path): week \(week) has no folder; weeks present: \(weeks.map(\.description).joined(separator: ", "))"
    }
  }
}
