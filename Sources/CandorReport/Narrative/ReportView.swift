import CandorAnalysis

/// What the report templates render. Every property is stored and preformatted: plain
/// sentences (escaped by the MARKDOWN content type) or HTML our own code built (`*HTML`,
/// rendered with triple braces).
public struct ReportView: Sendable {
    public var title: String
    public var clientName: String
    public var week: String
    public var weekStart: String
    public var comparison: String
    public var headline: [String]
    public var findingsHTML: String
    public var hasFindings: Bool
    public var tasks: [TaskView]
    public var sets: SetsView
    public var progress: ProgressView
    public var comparisons: String
    public var generatedBy: String
}

public struct TaskView: Sendable {
    public var name: String
    public var id: String
    public var owner: String?
    public var kind: String
    public var primaryMetric: String
    public var primaryReason: String
    public var overviewHTML: String
    public var intervalChartHTML: String
    public var noData: Bool
    public var accuracy: AccuracyView?
    public var confusion: ConfusionView?
    public var change: ChangeView?
    public var segments: SegmentsView?
    public var trendHTML: String?
    public var metricsHTML: String
    public var undefinedNotes: [String]
}

public struct AccuracyView: Sendable {
    public var paragraphs: [String]
    public var rule: String
}

public struct ConfusionView: Sendable {
    public var setName: String
    public var heatmapHTML: String
    public var paragraphs: [String]
    public var definitions: [String]
}

public struct ChangeView: Sendable {
    public var against: String
    public var items: [String]
    public var otherMoves: [String]
    public var method: String
}

public struct SegmentsView: Sendable {
    public var setName: String
    public var tableHTML: String
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
    public var shortTerm: [WorkItemView]
    public var longTerm: [WorkItemView]
    public var nothingLogged: String
    public var sameWeekEffects: [String]
}

public struct WorkItemView: Sendable {
    public var title: String
    public var status: String
    public var note: String?
    public var percentDone: String?
    public var expected: String?
    public var measured: [String]
}
