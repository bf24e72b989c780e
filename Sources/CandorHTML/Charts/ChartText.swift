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
  /// A confusion matrix's axis titles ("Predicted →", "Actual ↓").
  public var predictedAxis: String = "Predicted →"
  public var actualAxis: String = "Actual ↓"
  /// A matrix cell's tooltip: actual class, predicted class, count, share of the row.
  public var cell:
    @Sendable (_ actual: String, _ predicted: String, _ count: String, _ share: String) -> String =
      { actual, predicted, count, share in
        "Actual \(actual), predicted \(predicted): \(count) (\(share) of actual \(actual))"
      }
  /// A matrix row in the chart's description: actual class, then "count predicted class" parts.
  public var row:
    @Sendable (_ actual: String, _ cells: [(count: String, predicted: String)]) -> String = {
      actual, cells in
      "Actual \(actual): "
        + cells.map { "\($0.count) predicted \($0.predicted)" }.joined(separator: ", ")
    }

  public init(
    tick: @escaping @Sendable (Double, Bool) -> String,
    point: @escaping @Sendable (Double, Bool) -> String,
    share: @escaping @Sendable (Double) -> String, count: @escaping @Sendable (Int) -> String,
    byValidationSet: String, perWeek: String, shipped: String, workShippedIn: String
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
