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

  /// The plot's place on the canvas and the values its height spans.
  struct Frame {
    let left = 56.0
    let top = 20.0
    let plotWidth = 600.0
    let plotHeight = 220.0
    let weekCount: Int
    let low: Double
    let high: Double

    /// The range every value and band fits in, whole tenths, at least 0.2 tall.
    init(weekCount: Int, series: [Series]) {
      self.weekCount = weekCount
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
      self.low = low
      self.high = high
    }

    func x(_ index: Int) -> Double {
      weekCount == 1
        ? left + plotWidth / 2 : left + plotWidth * Double(index) / Double(weekCount - 1)
    }

    func y(_ value: Double) -> Double { top + plotHeight * (1 - (value - low) / (high - low)) }
  }

  public static func svg(
    weeks: [String], shipped: [Bool], series: [Series], metric: String, title: String, isRate: Bool,
    text words: ChartText
  ) -> String {
    let frame = Frame(weekCount: weeks.count, series: series)
    let legendHeight = 22.0 * Double((series.count + 2) / 3)
    let width = frame.left + frame.plotWidth + 48
    let height = frame.top + frame.plotHeight + 40 + legendHeight
    var body = grid(frame, isRate: isRate, words: words)
    body += weekAxis(frame, weeks: weeks, shipped: shipped, words: words)
    for (number, line) in series.enumerated() {
      body += self.line(line, number: number, frame, weeks: weeks, isRate: isRate, words: words)
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

  /// Horizontal grid lines with their values, every tenth (every fifth on a tall range).
  static func grid(_ frame: Frame, isRate: Bool, words: ChartText) -> String {
    var body = ""
    var tick = frame.low
    while tick <= frame.high + 1e-9 {
      body +=
        "<line x1=\"\(SVG.number(frame.left))\" x2=\"\(SVG.number(frame.left + frame.plotWidth))\" y1=\"\(SVG.number(frame.y(tick)))\" y2=\"\(SVG.number(frame.y(tick)))\" stroke=\"\(Palette.grid)\"/>"
      body += SVG.text(
        words.tick(tick, isRate), x: frame.left - 8, y: frame.y(tick) + 4, anchor: "end",
        fill: Palette.muted, size: 11)
      tick += (frame.high - frame.low) > 0.5 ? 0.2 : 0.1
    }
    return body
  }

  /// The weeks under the plot, and a dashed marker on each week the team shipped work.
  static func weekAxis(_ frame: Frame, weeks: [String], shipped: [Bool], words: ChartText)
    -> String
  {
    var body = ""
    for (index, week) in weeks.enumerated() {
      let x = frame.x(index)
      if shipped[index] {
        body +=
          "<line x1=\"\(SVG.number(x))\" x2=\"\(SVG.number(x))\" y1=\"\(SVG.number(frame.top))\" y2=\"\(SVG.number(frame.top + frame.plotHeight))\" stroke=\"\(Palette.green)\" stroke-width=\"2\" stroke-dasharray=\"5 4\"><title>\(HTML.escape(words.workShippedIn)) \(HTML.escape(week))</title></line>"
        let last = index == weeks.count - 1
        body += SVG.text(
          words.shipped, x: x + (last ? -4 : 4), y: frame.top + 12, anchor: last ? "end" : "start",
          fill: Palette.green, size: 11)
      }
      body += SVG.text(
        week, x: x, y: frame.top + frame.plotHeight + 18, anchor: "middle", fill: Palette.muted,
        size: 11)
    }
    return body
  }

  /// One set's line, its band, a point per week it was evaluated, and its legend entry.
  static func line(
    _ line: Series, number: Int, _ frame: Frame, weeks: [String], isRate: Bool, words: ChartText
  ) -> String {
    var body = ""
    let colour = Palette.series[number % Palette.series.count]
    let present = line.points.enumerated().compactMap { index, point in point.map { (index, $0) } }
    let upper = present.map {
      "\(SVG.number(frame.x($0.0))),\(SVG.number(frame.y($0.1.interval?.upperBound ?? $0.1.value)))"
    }
    let lower = present.reversed().map {
      "\(SVG.number(frame.x($0.0))),\(SVG.number(frame.y($0.1.interval?.lowerBound ?? $0.1.value)))"
    }
    if present.count > 1 {
      body +=
        "<polygon points=\"\((upper + lower).joined(separator: " "))\" fill=\"\(colour)\" fill-opacity=\"0.12\"/>"
      body +=
        "<polyline points=\"\(present.map { "\(SVG.number(frame.x($0.0))),\(SVG.number(frame.y($0.1.value)))" }.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2.5\"/>"
    }
    for (index, point) in present {
      let text = words.point(point.value, isRate)
      body +=
        "<circle cx=\"\(SVG.number(frame.x(index)))\" cy=\"\(SVG.number(frame.y(point.value)))\" r=\"4\" fill=\"\(colour)\"><title>\(HTML.escape("\(line.label), \(weeks[index]): \(text)"))</title></circle>"
    }
    let legendX = frame.left + Double(number % 3) * 200
    let legendY = frame.top + frame.plotHeight + 40 + 22 * Double(number / 3)
    body +=
      "<rect x=\"\(SVG.number(legendX))\" y=\"\(SVG.number(legendY - 10))\" width=\"14\" height=\"4\" fill=\"\(colour)\"/>"
    body += SVG.text(SVG.clip(line.label, 24), x: legendX + 20, y: legendY - 4, size: 12)
    return body
  }
}
