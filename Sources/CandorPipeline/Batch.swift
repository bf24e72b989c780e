import CandorModel
import CandorWorkspace
import Foundation

/// `candor batch`: every client's week on a few workers at once, each outcome in client order.
/// One client's failure is its outcome; the others go on.
package struct Batch: Sendable {
  package struct Outcome: Sendable {
    package var client: String
    package var week: String?
    package var folder: String?
    package var error: String?
    package var delivered: Delivery.Outcome = .written
    /// The client's line on the portfolio page.
    package var row: PortfolioRow
  }

  package let workspace: Workspace
  package let templates: TemplateSources
  /// Nil for each client's latest week.
  package let week: ISOWeek?
  package let out: String
  package let reportURL: String?
  package let locale: ReportLocale?
  package let delivery: Delivery
  package let progress: BatchProgress

  package init(
    workspace: Workspace, templates: TemplateSources, week: ISOWeek?, out: String,
    reportURL: String?, locale: ReportLocale?, delivery: Delivery, progress: BatchProgress
  ) {
    self.workspace = workspace
    self.templates = templates
    self.week = week
    self.out = out
    self.reportURL = reportURL
    self.locale = locale
    self.delivery = delivery
    self.progress = progress
  }

  /// Runs `clients` with at most `jobs` at a time, a new one starting as each ends.
  package func run(_ clients: [String], jobs: Int) async -> [Outcome] {
    await withTaskGroup(of: (Int, Outcome).self) { group in
      var results = [Outcome?](repeating: nil, count: clients.count)
      var next = 0
      func launch() {
        guard next < clients.count else { return }
        let index = next
        let client = clients[index]
        next += 1
        group.addTask { (index, runOne(client)) }
      }
      for _ in 0..<min(jobs, clients.count) { launch() }
      for await (index, outcome) in group {
        results[index] = outcome
        launch()
      }
      return results.compactMap { $0 }
    }
  }

  /// One client's week: the report written, then delivered; an error is the outcome, not thrown.
  func runOne(_ client: String) -> Outcome {
    do {
      guard Identifier.isValid(client) else {
        throw InputError(
          file: "clients/\(client)", "invalid client folder name; \(Identifier.rule)")
      }
      let result = try ClientRun(
        workspace: workspace, clientID: client, week: week, templates: templates,
        reportURL: reportURL, locale: locale,
        historyFolder: HistoryCache.folder(out: out, client: client)
      ).run()
      let folder = "\(out)/\(client)/\(result.week)"
      var row = PortfolioRow(result: result, client: client)
      do {
        let delivered = try delivery.deliver(result, to: folder)
        progress.finished(client: client, week: result.week.description)
        if delivery.email?.sendmail != nil {
          row.email = delivered == .sent ? .sent : delivered == .written ? .notSent : .sentBefore
        }
        return Outcome(
          client: client, week: result.week.description, folder: folder, delivered: delivered,
          row: row)
      } catch let failure as Delivery.SendFailure {
        // The report is written; only the message did not go.
        let text = Diagnostics.lines(of: failure).joined(separator: "\n")
        progress.finished(client: client, week: result.week.description, error: text)
        row.email = .failed
        return Outcome(
          client: client, week: result.week.description, folder: folder, error: text, row: row)
      }
    } catch {
      let text = Diagnostics.lines(of: error).joined(separator: "\n")
      progress.finished(client: client, week: week?.description, error: text)
      return Outcome(
        client: client, week: week?.description, error: text,
        row: PortfolioRow(client: client, week: week?.description, error: text))
    }
  }
}
