import CandorAnalysis
import CandorModel
import CandorReport
import CandorWorkspace

/// One client's line on the batch's portfolio page (`index.html`, `batch.json`): its tasks'
/// statuses, a trend mark per task, the email's state and where its reports are. Nothing of a
/// client's numbers beyond its status words and the shape of its own trend.
package struct PortfolioRow: Sendable {
  struct TaskLine: Sendable {
    var id: String
    var name: String
    var status: TaskStatus
    /// The primary metric week by week on the task's test set, nil where not scored; the
    /// page draws its shape only.
    var trend: [Double?]
  }

  /// What happened to the client's email in this batch.
  package enum EmailState: String, Sendable {
    case sent
    case sentBefore = "sent before"
    case notSent = "written, not sent"
    case failed = "send failed"
  }

  var client: String
  var name: String?
  var week: String?
  /// The run's one-line error, when the report could not be written.
  package var error: String?
  var tasks: [TaskLine] = []
  package var email: EmailState?
  /// Relative to the batch's `--out`.
  var report: String?
  var teamReport: String?

  package init(client: String, week: String?, error: String) {
    self.client = client
    self.week = week
    self.error = error.split(separator: "\n").first.map(String.init) ?? error
  }

  package init(result: ClientRun.Result, client: String) {
    self.client = client
    // The account team's page is in English, whatever the client's report language: the texts
    // written once, or in English, as summary.json has them.
    name = result.config.texts.name?.fallback ?? result.analysis.clientName
    week = result.week.description
    report = "\(client)/\(result.week)/report.html"
    teamReport = "\(client)/\(result.week)/report-team.html"
    tasks = result.analysis.tasks.map { task in
      let key = task.referenceSet.map { "\(task.task.id)/\($0.config.id)" }
      return TaskLine(
        id: task.task.id,
        name: result.config.task(task.task.id)?.texts.name?.fallback ?? task.task.name,
        status: TaskStatus(task),
        trend: result.analysis.history.map { week in
          key.flatMap { week.estimates[$0]?.value }.map(Self.drawn)
        })
    }
  }

  /// A trend value as drawn: four decimals are more than a sparkline shows, and they read back
  /// from batch.json as the same number (`--merge-index` writes the same bytes).
  static func drawn(_ value: Double) -> Double { (value * 10_000).rounded() / 10_000 }

  /// Attention first: a failed run, then the row's most urgent task status.
  var rank: Int { error != nil ? -1 : tasks.map(\.status.rank).min() ?? TaskStatus.noData.rank }

  /// The row's state in one word for machines: "failed", or its most urgent task status.
  var state: String {
    if error != nil { return "failed" }
    return tasks.min { $0.status.rank < $1.status.rank }?.status.rawValue ?? "noData"
  }
}

extension Array where Element == PortfolioRow {
  /// Most in need of attention first; ties by client id, so the page is the same every run.
  func portfolioOrder() -> [PortfolioRow] {
    sorted { ($0.rank, $0.client) < ($1.rank, $1.client) }
  }
}
