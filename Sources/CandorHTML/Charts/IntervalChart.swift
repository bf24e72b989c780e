import Foundation

/// One horizontal bar per validation set: the metric's value as a dot and its 95% interval
/// as a line, on a shared axis, so a reader sees at once which sets differ beyond noise.
public enum IntervalChart {
  public struct Row: Sendable {
    public var label: String
    public var value: Double?
    public var interval: ClosedRange<Double>?
    public var note: String
    public init(label: String, value: Double?, interval: ClosedRange<Double>?, note: String) {
      self.label = label
      self.value = value
      self.interval = interval
      self.note = note
    }
  }

  public static func svg(rows: [Row], metric: String, title: String, isRate: Bool, text: ChartText)
    -> String
  {
    let left = 170.0
    let right = 150.0
    let plot = 420.0
    let rowHeight = 34.0
    let top = 30.0
    let width = left + plot + right
    let height = top + rowHeight * Double(rows.count) + 28
    let values = rows.flatMap {
      [$0.value, $0.interval?.lowerBound, $0.interval?.upperBound].compactMap { $0 }
    }
    var low = max(isRate ? 0 : -1, ((values.min() ?? 0) * 10).rounded(.down) / 10 - 0.05)
    var high = min(1, ((values.max() ?? 1) * 10).rounded(.up) / 10 + 0.05)
    if high - low < 0.2 {
      low = max(isRate ? 0 : -1, high - 0.2)
      high = min(1, low + 0.2)
    }
    func x(_ value: Double) -> Double { left + plot * (value - low) / (high - low) }
    var body = ""
    var tick = (low * 10).rounded(.up) / 10
    while tick <= high + 1e-9 {
      body +=
        "<line x1=\"\(SVG.number(x(tick)))\" x2=\"\(SVG.number(x(tick)))\" y1=\"\(SVG.number(top - 6))\" y2=\"\(SVG.number(height - 24))\" stroke=\"\(Palette.grid)\"/>"
      body += SVG.text(
        text.tick(tick, isRate), x: x(tick), y: height - 8, anchor: "middle", fill: Palette.muted,
        size: 11)
      tick += 0.1
    }
    for (index, row) in rows.enumerated() {
      let y = top + rowHeight * Double(index) + rowHeight / 2
      body += SVG.text(
        SVG.clip(row.label, 22), x: left - 12, y: y + 4, anchor: "end", weight: "600")
      if let interval = row.interval {
        body +=
          "<line x1=\"\(SVG.number(x(interval.lowerBound)))\" x2=\"\(SVG.number(x(interval.upperBound)))\" y1=\"\(SVG.number(y))\" y2=\"\(SVG.number(y))\" stroke=\"\(Palette.blue)\" stroke-width=\"6\" stroke-linecap=\"round\" stroke-opacity=\"0.35\"/>"
      }
      if let value = row.value {
        body +=
          "<circle cx=\"\(SVG.number(x(value)))\" cy=\"\(SVG.number(y))\" r=\"6\" fill=\"\(Palette.blue)\"><title>\(HTML.escape("\(row.label): \(row.note)"))</title></circle>"
      }
      body += SVG.text(row.note, x: left + plot + 12, y: y + 4, fill: Palette.muted, size: 12)
    }
    let description = rows.map { "\($0.label): \($0.note)" }.joined(separator: "; ")
    return SVG.wrap(
      width: width, height: height, title: title,
      description: "\(metric) \(text.byValidationSet). " + description, body: body)
  }
}
