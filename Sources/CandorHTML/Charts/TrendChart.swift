import Foundation

/// The primary metric week by week, one line per validation set with its 95% band, and a
/// dashed marker on each week where the team shipped work.
public enum TrendChart {
  public struct Series: Sendable {
    public var label: String
    /// One entry per week on the axis; nil where the set was not evaluated that week.
    public var points: [(value: Double, interval: ClosedRange<Double>?)?]
    public init(label: String, points: [(value: Double, interval: ClosedRange<Double>?)?]) {
      self.label = label
      self.points = points
    }
  }

  public static func svg(
    weeks: [String], shipped: [Bool], series: [Series], metric: String, title: String, isRate: Bool,
    text words: ChartText
  ) -> String {
    let left = 56.0
    let right = 48.0
    let top = 20.0
    let plotWidth = 600.0
    let plotHeight = 220.0
    let legendHeight = 22.0 * Double((series.count + 2) / 3)
    let width = left + plotWidth + right
    let height = top + plotHeight + 40 + legendHeight
    let values = series.flatMap {
      $0.points.compactMap { $0 }.flatMap {
        [$0.value, $0.interval?.lowerBound ?? $0.value, $0.interval?.upperBound ?? $0.value]
      }
    }
    var low = ((values.min() ?? 0) * 10).rounded(.down) / 10
    var high = ((values.max() ?? 1) * 10).rounded(.up) / 10
    if high - low < 0.2 {
      high = min(1, low + 0.2)
      low = high - 0.2
    }
    func x(_ index: Int) -> Double {
      weeks.count == 1
        ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(weeks.count - 1)
    }
    func y(_ value: Double) -> Double { top + plotHeight * (1 - (value - low) / (high - low)) }
    var body = ""
    var tick = low
    while tick <= high + 1e-9 {
      body +=
        "<line x1=\"\(SVG.number(left))\" x2=\"\(SVG.number(left + plotWidth))\" y1=\"\(SVG.number(y(tick)))\" y2=\"\(SVG.number(y(tick)))\" stroke=\"\(Palette.grid)\"/>"
      body += SVG.text(
        words.tick(tick, isRate), x: left - 8, y: y(tick) + 4, anchor: "end", fill: Palette.muted,
        size: 11)
      tick += (high - low) > 0.5 ? 0.2 : 0.1
    }
    for (index, week) in weeks.enumerated() {
      if shipped[index] {
        body +=
          "<line x1=\"\(SVG.number(x(index)))\" x2=\"\(SVG.number(x(index)))\" y1=\"\(SVG.number(top))\" y2=\"\(SVG.number(top + plotHeight))\" stroke=\"\(Palette.green)\" stroke-width=\"2\" stroke-dasharray=\"5 4\"><title>\(HTML.escape(words.workShippedIn)) \(HTML.escape(week))</title></line>"
        let last = index == weeks.count - 1
        body += SVG.text(
          words.shipped, x: x(index) + (last ? -4 : 4), y: top + 12, anchor: last ? "end" : "start",
          fill: Palette.green, size: 11)
      }
      body += SVG.text(
        week, x: x(index), y: top + plotHeight + 18, anchor: "middle", fill: Palette.muted, size: 11
      )
    }
    for (number, line) in series.enumerated() {
      let colour = Palette.series[number % Palette.series.count]
      let present = line.points.enumerated().compactMap { index, point in point.map { (index, $0) }
      }
      let upper = present.map {
        "\(SVG.number(x($0.0))),\(SVG.number(y($0.1.interval?.upperBound ?? $0.1.value)))"
      }
      let lower = present.reversed().map {
        "\(SVG.number(x($0.0))),\(SVG.number(y($0.1.interval?.lowerBound ?? $0.1.value)))"
      }
      if present.count > 1 {
        body +=
          "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(colour)\" fill-opacity=\"0.12\"/>"
        body +=
          "<polyline points=\"\(present.map { "\(SVG.number(x($0.0))),\(SVG.number(y($0.1.value)))" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.5\"/>"
      }
      for (index, point) in present {
        let text = words.point(point.value, isRate)
        body +=
          "<circle cx=\"\(SVG.number(x(index)))\" cy=\"\(SVG.number(y(point.value)))\" r=\"4\" fill=\"\(colour)\"><title>\(HTML.escape("\(line.label), \(weeks[index]): \(text)"))</title></circle>"
      }
      let legendX = left + Double(number % 3) * 200
      let legendY = top + plotHeight + 40 + 22 * Double(number / 3)
      body +=
        "<rect x=\"\(SVG.number(legendX))\" y=\"\(SVG.number(legendY - 10))\" width=\"14\" height=\"4\" fill=\"\(colour)\"/>"
      body += SVG.text(SVG.clip(line.label, 24), x: legendX + 20, y: legendY - 4, size: 12)
    }
    let description = series.map { line in
      line.label + ": "
        + line.points.enumerated().compactMap { index, point in
          point.map { "\(weeks[index]) \(words.point($0.value, isRate))" }
        }.joined(separator: ", ")
    }.joined(separator: "; ")
    return SVG.wrap(
      width: width, height: height, title: title,
      description: "\(metric) \(words.perWeek). " + description, body: body)
  }
}
