import CandorReport

extension ChartText {
  /// Numbers and words for the SVG charts in the report's language, from its catalogue.
  public init(words: Words) {
    let n = words.numbers
    var text = ChartText(
      tick: { value, isRate in isRate ? n.percent(value, digits: 0) : n.fixed(value, 1) },
      point: { value, isRate in isRate ? n.percent(value) : n.fixed(value, 3) },
      share: { n.shareOfRow($0) }, count: { n.count($0) },
      byValidationSet: words.phrase("chartByValidationSet"), perWeek: words.phrase("chartPerWeek"),
      shipped: words.phrase("chartShipped"),
      workShippedIn: words.phrase("chartWorkShippedIn"))
    text.predictedAxis = words.phrase("chartPredictedAxis")
    text.actualAxis = words.phrase("chartActualAxis")
    text.cell = { actual, predicted, count, share in
      words.phrase(
        "chartCell", ["actual": actual, "predicted": predicted, "count": count, "share": share])
    }
    text.row = { actual, cells in
      let parts = cells.map {
        words.phrase("chartRowCell", ["count": $0.count, "predicted": $0.predicted])
      }
      return words.phrase("chartRow", ["actual": actual, "cells": parts.joined(separator: ", ")])
    }
    self = text
  }
}
