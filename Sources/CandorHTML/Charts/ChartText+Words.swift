import CandorReport

extension ChartText {
  /// Numbers and words for the SVG charts in the report's language, from its catalogue.
  public init(words: Words) {
    let n = words.numbers
    var text = ChartText(
      tick: { value, isRate in isRate ? n.percent(value, digits: 0) : n.fixed(value, 1) },
      point: { value, isRate in isRate ? n.percent(value) : n.fixed(value, 3) },
      share: { n.shareOfRow($0) }, count: { n.count($0) },
      byValidationSet: words.phrase(.chartByValidationSet), perWeek: words.phrase(.chartPerWeek),
      shipped: words.phrase(.chartShipped),
      workShippedIn: words.phrase(.chartWorkShippedIn))
    text.predictedAxis = words.phrase(.chartPredictedAxis)
    text.actualAxis = words.phrase(.chartActualAxis)
    let cell = PhrasePattern(words, .chartCell, names: ["actual", "predicted", "count", "share"])
    text.cell = { actual, predicted, count, share in cell.fill([actual, predicted, count, share]) }
    let rowCell = PhrasePattern(words, .chartRowCell, names: ["count", "predicted"])
    let row = PhrasePattern(words, .chartRow, names: ["actual", "cells"])
    text.row = { actual, cells in
      row.fill([
        actual, cells.map { rowCell.fill([$0.count, $0.predicted]) }.joined(separator: ", "),
      ])
    }
    self = text
  }
}
