import Foundation

/// A confusion matrix as a heatmap: counts and row percentages, in the client's label names.
///
/// Rows are actual classes, columns predicted. Shading follows the row percentage, blue on
/// the diagonal (right) and vermillion off it (wrong), so the eye goes to the mistakes.
public enum ConfusionHeatmap {
  public static func svg(labels: [String], matrix: [[Int]], title: String, text: ChartText)
    -> String
  {
    let k = labels.count
    let cell = k <= 3 ? 120.0 : (k <= 6 ? 84.0 : 60.0)
    let left = 150.0
    let top = 56.0
    let width = left + cell * Double(k) + 16
    let height = top + cell * Double(k) + 16
    var body = SVG.text(
      text.predictedAxis, x: left + cell * Double(k) / 2, y: 18, anchor: "middle",
      fill: Palette.muted)
    body += SVG.text(text.actualAxis, x: 8, y: 18, fill: Palette.muted)
    for (column, label) in labels.enumerated() {
      body += SVG.text(
        SVG.clip(label, 16), x: left + cell * (Double(column) + 0.5), y: top - 10, anchor: "middle",
        weight: "600")
    }
    for (row, label) in labels.enumerated() {
      let total = matrix[row].reduce(0, +)
      let y = top + cell * Double(row)
      body += SVG.text(
        SVG.clip(label, 18), x: left - 10, y: y + cell / 2 + 4, anchor: "end", weight: "600")
      for column in 0..<k {
        let count = matrix[row][column]
        let share = total > 0 ? Double(count) / Double(total) : 0
        let colour = row == column ? Palette.blue : Palette.vermillion
        let x = left + cell * Double(column)
        let opacity = count == 0 ? 0.03 : 0.12 + 0.78 * share
        let textColour = opacity > 0.55 ? "#ffffff" : Palette.ink
        body +=
          "<rect x=\"\(SVG.number(x + 1))\" y=\"\(SVG.number(y + 1))\" width=\"\(SVG.number(cell - 2))\" height=\"\(SVG.number(cell - 2))\" rx=\"4\" fill=\"\(colour)\" fill-opacity=\"\(String(format: "%.2f", opacity))\">"
        body +=
          "<title>\(HTML.escape(text.cell(label, labels[column], String(count), text.share(share))))</title></rect>"
        body += SVG.text(
          text.count(count), x: x + cell / 2, y: y + cell / 2, anchor: "middle", fill: textColour,
          weight: "700", size: cell >= 84 ? 16 : 13)
        body += SVG.text(
          total > 0 ? text.share(share) : "–", x: x + cell / 2, y: y + cell / 2 + 18,
          anchor: "middle", fill: textColour, size: 13)
      }
    }
    let description = labels.indices.map { row in
      text.row(labels[row], labels.indices.map { (String(matrix[row][$0]), labels[$0]) })
    }.joined(separator: ". ")
    return SVG.wrap(
      width: width, height: height, title: title, description: description, body: body)
  }
}
