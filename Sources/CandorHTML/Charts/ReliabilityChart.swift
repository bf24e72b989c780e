import CandorReport
import Foundation

/// A reliability diagram: for each tenth of predicted probability, how often the event
/// happened. Bars show the observed rate, a dot the bin's mean predicted probability against
/// it, the dashed diagonal where the two would be equal; each bin's count is written under
/// it. Bins with too few examples to judge are drawn faded.
public enum ReliabilityChart {
  public typealias Bin = ReliabilityFigure.Bin

  /// - Parameters:
  ///   - description: the text alternative, one sentence per bin (the report words it).
  public static func svg(
    bins: [Bin], title: String, description: String, axes: (x: String, y: String),
    text: ChartText
  ) -> String {
    let left = 56.0
    let top = 16.0
    let plot = 300.0
    let width = left + plot + 16
    // Counts are written at 12 px (11.6 px on a 390 px phone); five characters or more
    // ("12,345") would touch their neighbours, so then every other one goes a line lower.
    let labels = bins.map { text.count($0.examples) }
    let stagger = labels.contains { $0.count > 4 }
    let height = top + plot + (stagger ? 76 : 62)
    func x(_ p: Double) -> Double { left + p * plot }
    func y(_ p: Double) -> Double { top + (1 - p) * plot }
    var body = ""
    for tick in stride(from: 0.0, through: 1.0, by: 0.2) {
      body +=
        "<line x1=\"\(SVG.number(x(0)))\" y1=\"\(SVG.number(y(tick)))\" x2=\"\(SVG.number(x(1)))\" y2=\"\(SVG.number(y(tick)))\" stroke=\"\(Palette.grid)\"/>"
      body += SVG.text(
        text.tick(tick, true), x: left - 6, y: y(tick) + 4, anchor: "end", fill: Palette.muted)
      body += SVG.text(
        text.tick(tick, true), x: x(tick), y: top + plot + 16, anchor: "middle",
        fill: Palette.muted)
    }
    body +=
      "<line x1=\"\(SVG.number(x(0)))\" y1=\"\(SVG.number(y(0)))\" x2=\"\(SVG.number(x(1)))\" y2=\"\(SVG.number(y(1)))\" stroke=\"\(Palette.muted)\" stroke-dasharray=\"5 4\"/>"
    for (index, bin) in bins.enumerated() {
      let opacity = bin.judged ? "0.35" : "0.12"
      if let observed = bin.observedRate {
        body +=
          "<rect x=\"\(SVG.number(x(bin.low) + 2))\" y=\"\(SVG.number(y(observed)))\" width=\"\(SVG.number((bin.high - bin.low) * plot - 4))\" height=\"\(SVG.number(max(0, observed * plot)))\" fill=\"\(Palette.blue)\" fill-opacity=\"\(opacity)\"/>"
      }
      if let predicted = bin.meanPredicted, let observed = bin.observedRate {
        body +=
          "<circle cx=\"\(SVG.number(x(predicted)))\" cy=\"\(SVG.number(y(observed)))\" r=\"4\" fill=\"\(bin.judged ? Palette.vermillion : Palette.muted)\"/>"
      }
      body += SVG.text(
        labels[index], x: x((bin.low + bin.high) / 2),
        y: top + plot + 34 + (stagger && index % 2 == 1 ? 14 : 0), anchor: "middle",
        fill: bin.judged ? Palette.ink : Palette.muted, size: 12)
    }
    body += SVG.text(
      axes.x, x: x(0.5), y: top + plot + (stagger ? 68 : 54), anchor: "middle", fill: Palette.muted)
    body +=
      "<text x=\"12\" y=\"\(SVG.number(y(0.5)))\" text-anchor=\"middle\" fill=\"\(Palette.muted)\" transform=\"rotate(-90 12 \(SVG.number(y(0.5))))\">\(HTML.escape(axes.y))</text>"
    return SVG.wrap(
      width: width, height: height, title: title, description: description, body: body)
  }
}
