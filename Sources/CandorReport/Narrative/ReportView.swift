import CandorAnalysis

/// What the report templates render. Every property is stored and preformatted: plain
/// sentences (escaped by the MARKDOWN content type), and tables, callouts and figures as view
/// models. CandorHTML renders those view models' markup and hands the templates both
/// (`MarkedView`: the table `overview` beside its markup `overviewHTML`, in triple braces).
public struct ReportView: Sendable {
  public var title: String
  public var clientName: String
  public var week: String
  public var weekStart: String
  public var comparison: String
  /// "This week in one minute": separate paragraphs, at most 150 words together.
  public var oneMinute: [OneMinuteParagraph]
  /// Each task's status, in the order of the report's tasks (the email's subject says them).
  public var statusLines: [StatusLine]
  /// "What is new this week": at most seven callouts.
  public var news: [CalloutView]
  public var hasNews: Bool
  public var newsNote: String
  /// Every finding in a compact table; nil when there is none.
  public var appendix: FindingsTableView?
  public var tasks: [TaskView]
  public var sets: SetsView
  public var progress: ProgressView
  public var comparisons: String
  /// The client's edition ends with "How to read this report" (`legend`) in place of "How
  /// sure are these numbers?" and the appendix.
  public var isClientEdition = false
  /// One line per kind of verdict label the report prints, saying what it means.
  public var legend: [LegendLine]
  /// A first week has no change, so no label to explain, and no sentence announcing them.
  public var hasLegend = false
  /// `newsNote` for the client's edition, which has no table of every finding to point to.
  public var clientNewsNote: String
  public var generatedBy: String
  /// The layout's words in the report's language (`{{{labels.<key>}}}`).
  public var labels: [String: String]
}

extension ReportView {
  /// The client's edition of this report: without the appendix of every finding (codes and
  /// all) and the tables of every metric, which are the team's; the rest is word for word.
  public var clientEdition: ReportView {
    var client = self
    client.isClientEdition = true
    client.appendix = nil
    client.newsNote = clientNewsNote
    for index in client.news.indices {
      if let kept = client.news[index].clientParagraphs { client.news[index].paragraphs = kept }
      if let place = client.news[index].clientPlace { client.news[index].place = place }
    }
    for index in client.tasks.indices {
      // The rule behind "only" and "rare" is the ML lead's question, not the client's.
      client.tasks[index].accuracy?.rule = nil
      client.tasks[index].trend?.listsOnlyReference = true
      if let kept = client.tasks[index].confusion?.clientParagraphs {
        client.tasks[index].confusion?.paragraphs = kept
      }
      client.tasks[index].showsEveryMetric = false
      // The change of the watched number is told once: in its callout when it has one, else
      // on the set the task's story is told on; the tables give every set's verdict, and the
      // tests, other metrics and families are the team's.
      if var change = client.tasks[index].change {
        let told = client.tasks[index].primaryInNews ? nil : change.referenceItem
        if told == nil && change.missing.isEmpty {
          client.tasks[index].change = nil
        } else {
          change.items = (told.map { [$0] } ?? []) + change.missing
          change.otherMoves = []
          change.howTested = nil
          change.method = nil
          client.tasks[index].change = change
        }
      }
    }
    return client
  }
}

public struct TaskView: Sendable {
  public var name: String
  public var id: String
  public var owner: String?
  public var kind: String
  public var primaryMetric: String
  public var primaryReason: String
  public var overview: TableView
  /// Nil when no set has a value to draw.
  public var intervalChart: IntervalChartView?
  public var noData: Bool
  /// Conditions that hold week after week, explained once, here.
  public var standing: [String]
  public var hasStanding: Bool
  public var accuracy: AccuracyView?
  public var confusion: ConfusionView?
  /// `score_kind: probability`: the reliability diagrams and what they say.
  public var calibration: CalibrationView?
  public var change: ChangeView?
  public var segments: SegmentsView?
  /// The watched number's change has a callout in "What is new this week".
  public var primaryInNews = false
  /// Nil before two weeks have values.
  public var trend: TrendView?
  /// Every metric; undefined cells carry a footnote mark and their reason below the table.
  public var metrics: TableView
  /// The table of every metric is shown (the team's edition).
  public var showsEveryMetric = true
}

public struct AccuracyView: Sendable {
  public var paragraphs: [String]
  /// Defines the words the paragraphs used ("rare", "only"); nil when they used neither.
  public var rule: String?
}

public struct ConfusionView: Sendable {
  public var setName: String
  public var heatmap: HeatmapView
  public var paragraphs: [String]
  public var definitions: [String]
  /// With more than three classes, the sentences of the three the model finds hardest: what
  /// the client's edition keeps.
  public var clientParagraphs: [String]? = nil
}

public struct ChangeView: Sendable {
  public var against: String
  /// How every set's change was tested, when all were tested the same way (said once).
  public var howTested: String?
  public var items: [String]
  public var otherMoves: [String]
  /// How a change is judged; nil after the first task that says it (a report explains it once).
  public var method: String?
  /// The sentence of the set the task's story is told on (the client's edition keeps only it).
  public var referenceItem: String?
  /// Sets evaluated last time with no file this week, one sentence each (both editions: the
  /// client saw their numbers a week ago).
  public var missing: [String] = []
}

public struct LegendLine: Sendable {
  /// The labels as printed ("real gain, real drop").
  public var names: String
  public var meaning: String
}

public struct SegmentsView: Sendable {
  public var setName: String
  public var table: TableView
  public var weakest: String
}

public struct SetsView: Sendable {
  public var items: [SetItem]
  public var disagreements: [String]
  public var show: Bool
}

public struct SetItem: Sendable {
  public var id: String
  public var role: String
  public var description: String
  public var explanation: String
}

public struct ProgressView: Sendable {
  public var hasWorklog: Bool
  public var nothingLogged: String
  public var wins: [WorkItemView]
  public var hasWins: Bool
  public var noWins: String
  public var setbacks: [WorkItemView]
  /// Drops no shipped item aimed at, as a fact and a plan.
  public var unplanned: [String]
  public var hasSetbacks: Bool
  public var unclear: [WorkItemView]
  public var hasUnclear: Bool
  /// Shipped, the change within what was expected (the whole interval near it).
  public var asExpected: [WorkItemView]
  public var hasAsExpected: Bool
  /// Shipped, the whole interval of the change below what was expected.
  public var short: [WorkItemView]
  public var hasShort: Bool
  public var underway: [WorkItemView]
  public var hasUnderway: Bool
  /// Whether the short-term items not yet shipped include started ones and planned ones: the
  /// heading says "under way" only of work that has started.
  public var underwayStarted: Bool
  public var underwayPlanned: Bool
  public var dropped: [WorkItemView]
  public var hasDropped: Bool
  public var longTerm: [WorkItemView]
  public var hasLongTerm: Bool
}

public struct WorkItemView: Sendable {
  public var title: String
  public var status: String
  /// What the worklog said the item should bring.
  public var expected: String?
  /// The worklog's note on a shipped item, said as a note.
  public var note: String? = nil
  /// The watched numbers of the item's tasks, this week against the week compared to.
  public var measured: String?
  /// Expected against measured, where the expectation names a number.
  public var verdict: String?
  /// Why a dropped item was dropped.
  public var reason: String?
  public var percentDone: String?
  /// A long-term item's target, where it stands and its trend.
  public var target: String?
}
