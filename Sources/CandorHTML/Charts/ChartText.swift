/// The words and number formats a chart shows, handed in by the report in its language.
public struct ChartText: Sendable {
    /// An axis tick: a rate (0.5 → "50%") or a score ("0.5").
    public var tick: @Sendable (_ value: Double, _ isRate: Bool) -> String
    /// A point's value in a trend chart's tooltip and description.
    public var point: @Sendable (_ value: Double, _ isRate: Bool) -> String
    /// A cell's share of its row in a confusion matrix (0.273 → "27.3%").
    public var share: @Sendable (_ share: Double) -> String
    /// A count in a confusion matrix's cell ("1,234").
    public var count: @Sendable (_ count: Int) -> String
    /// After the metric's name in an interval chart's description.
    public var byValidationSet: String
    /// After the metric's name in a trend chart's description.
    public var perWeek: String
    /// The label on a week in which work shipped, and its tooltip's lead.
    public var shipped: String
    public var workShippedIn: String

    public init(
        tick: @escaping @Sendable (Double, Bool) -> String, point: @escaping @Sendable (Double, Bool) -> String,
        share: @escaping @Sendable (Double) -> String, count: @escaping @Sendable (Int) -> String, byValidationSet: String, perWeek: String, shipped: String, workShippedIn: String
    ) {
        self.tick = tick
        self.point = point
        self.share = share
        self.count = count
        self.byValidationSet = byValidationSet
        self.perWeek = perWeek
        self.shipped = shipped
        self.workShippedIn = workShippedIn
    }
}
