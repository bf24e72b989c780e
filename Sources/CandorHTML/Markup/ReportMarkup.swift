import CandorReport

/// The report's tables, callouts and figures as HTML: every tag the narrators' view models
/// become is written here, so the narrative knows words and numbers only.
///
/// Client text is escaped with `HTML.escape`; sentences from our own templates (captions,
/// labels) with `HTML.text`, which leaves their apostrophes as written.
public enum ReportMarkup {
  /// The view as the templates read it: every table, callout and figure beside the view
  /// model it came from, as `<name>HTML`.
  public static func render(_ view: ReportView, words: Words) -> MarkedView {
    let text = ChartText(words: words)
    return MarkedView(
      view,
      adding: [
        "newsHTML": callouts(view.news),
        "appendixHTML": findings(view.appendix),
        "tasks": view.tasks.map { task($0, text: text) },
      ])
  }

  static func task(_ task: TaskView, text: ChartText) -> MarkedView {
    var markup: [String: Any] = [
      "overviewHTML": table(task.overview),
      "intervalChartHTML": task.intervalChart.map { intervalChart($0, text: text) } ?? "",
      // The client's edition has no table of every metric.
      "metricsHTML": task.showsEveryMetric ? table(task.metrics) : "",
    ]
    // Absent, not empty: the template's `{{#trendHTML}}` section needs two weeks to draw.
    if let trend = task.trend { markup["trendHTML"] = self.trend(trend, text: text) }
    if let confusion = task.confusion {
      markup["confusion"] = MarkedView(
        confusion, adding: ["heatmapHTML": heatmap(confusion.heatmap, text: text)])
    }
    if let segments = task.segments {
      markup["segments"] = MarkedView(segments, adding: ["tableHTML": table(segments.table)])
    }
    if let calibration = task.calibration {
      let sets = calibration.sets.map {
        MarkedView($0, adding: ["figureHTML": reliability($0.figure, text: text)])
      }
      markup["calibration"] = MarkedView(calibration, adding: ["sets": sets])
    }
    return MarkedView(task, adding: markup)
  }

  /// A reliability diagram with its caption.
  static func reliability(_ figure: ReliabilityFigure, text: ChartText) -> String {
    let svg = ReliabilityChart.svg(
      bins: figure.bins, title: figure.title, description: figure.description,
      axes: (figure.xAxis, figure.yAxis), text: text)
    return
      "<figure class=\"reliability\">\(svg)<figcaption>\(HTML.escape(figure.caption))</figcaption></figure>"
  }

  /// The diff's view as the templates read it, its tables beside their view models.
  public static func render(_ view: DiffView) -> MarkedView {
    let tasks = view.tasks.map { task in
      MarkedView(
        task,
        adding: [
          "sets": task.sets.map { MarkedView($0, adding: ["metricsHTML": table($0.metrics)]) }
        ])
    }
    return MarkedView(view, adding: ["summaryHTML": table(view.summary), "tasks": tasks])
  }

  /// A table and, below it, the footnotes its marks point to.
  public static func table(_ table: TableView) -> String {
    HTML.table(
      caption: table.caption, columns: table.columns,
      rows: table.rows.map { ($0.header, $0.cells.map(cell)) },
      className: table.kind == .data ? "data" : "data \(table.kind.rawValue)")
      + table.footnotes.enumerated().map {
        "<p class=\"footnote\"><sup>\($0.offset + 1)</sup> \(HTML.escape($0.element))</p>"
      }.joined()
  }

  static func cell(_ cell: TableView.Cell) -> String {
    let main = text(cell.main)
    var out = cell.strong ? "<strong>\(main)</strong>" : main
    if let detail = cell.detail { out += "<br><span class=\"delta\">\(text(detail))</span>" }
    return out
  }

  static func text(_ text: TableView.Text) -> String {
    HTML.escape(text.words) + (text.mark.map { "<sup class=\"fn\">\($0)</sup>" } ?? "")
  }

  /// "What is new this week", one `<aside>` per callout.
  public static func callouts(_ callouts: [CalloutView]) -> String {
    callouts.map { callout in
      let body = callout.paragraphs.map { "<p>\(HTML.escape($0))</p>" }.joined()
      return
        "<aside class=\"callout \(callout.tone.rawValue)\" role=\"note\"><p class=\"callout-head\"><strong>\(HTML.text(callout.label))</strong> <span class=\"where\">\(HTML.escape(callout.place))</span></p>\(body)</aside>"
    }.joined(separator: "\n")
  }

  /// The appendix of every finding; empty when there is none.
  public static func findings(_ table: FindingsTableView?) -> String {
    guard let table else { return "" }
    let (severity, code, place, line) = (
      HTML.escape(table.severityColumn), HTML.escape(table.codeColumn),
      HTML.escape(table.placeColumn), HTML.escape(table.lineColumn)
    )
    var out =
      "<table class=\"data findings\"><caption>\(HTML.escape(table.caption))</caption><thead><tr><th scope=\"col\">\(severity)</th><th scope=\"col\">\(code)</th><th scope=\"col\">\(place)</th><th scope=\"col\">\(line)</th></tr></thead><tbody>"
    for row in table.rows {
      out +=
        "<tr><td data-label=\"\(severity)\">\(HTML.escape(row.severity))</td><td data-label=\"\(code)\"><code>\(HTML.escape(row.code))</code></td><td data-label=\"\(place)\">\(HTML.escape(row.place))</td><td data-label=\"\(line)\">\(HTML.escape(row.line))</td></tr>"
    }
    return out + "</tbody></table>"
  }

  /// The interval chart; on a phone it gives way to the overview table above it (same numbers).
  public static func intervalChart(_ chart: IntervalChartView, text: ChartText) -> String {
    let rows = chart.rows.map {
      IntervalChart.Row(label: $0.label, value: $0.value, interval: $0.interval, note: $0.note)
    }
    return "<figure class=\"interval\">"
      + IntervalChart.svg(
        rows: rows, metric: chart.metric, title: chart.title, isRate: chart.isRate, text: text)
      + figcaption(chart.caption) + "</figure>"
  }

  /// A figure's caption; none where an earlier figure of its kind already said it.
  static func figcaption(_ caption: String) -> String {
    caption.isEmpty ? "" : "<figcaption>\(HTML.text(caption))</figcaption>"
  }

  /// The trend chart, and the same numbers as a list for narrow screens.
  public static func trend(_ trend: TrendView, text: ChartText) -> String {
    let listed = trend.series.filter {
      !trend.listsOnlyReference || trend.reference == nil || $0.label == trend.reference
    }
    let list = listed.map { line in
      "<li>\(HTML.escape(line.label)): " + line.listed.map(HTML.escape).joined(separator: ", ")
        + "</li>"
    }.joined()
    return "<figure class=\"trend\">"
      + TrendChart.svg(
        weeks: trend.weeks, shipped: trend.shipped,
        series: trend.series.map { TrendChart.Series(label: $0.label, points: $0.points) },
        metric: trend.metric, title: trend.title, isRate: trend.isRate, text: text)
      + figcaption(trend.caption) + "</figure>"
      + "<div class=\"narrow-only\"><p class=\"list-title\">\(HTML.text(trend.listTitle))</p><ul>\(list)</ul></div>"
  }

  /// Classes up to which the matrix is drawn: 40 columns of 60 px fill two printed A4 widths.
  static let maxHeatmapClasses = 40

  /// The confusion matrix; with three or more classes, its largest confusions as a list too
  /// (on a phone in its place; printed, in place of a matrix of more than six classes).
  public static func heatmap(_ heatmap: HeatmapView, text: ChartText) -> String {
    let many = heatmap.labels.count > 6
    if heatmap.labels.count > maxHeatmapClasses {
      // Cells too small to read on any screen: the largest confusions are the figure (none
      // when every answer was right, which the sentences say).
      guard !heatmap.largest.isEmpty else { return "" }
      let items = heatmap.largest.map { "<li>\(HTML.escape($0))</li>" }.joined()
      return
        "<div class=\"confusions\"><p class=\"list-title\">\(HTML.text(heatmap.largestTitle))</p><ol>\(items)</ol></div>"
    }
    let figure =
      "<figure class=\"matrix\(heatmap.wide ? " wide" : "")\(many ? " many" : "")\">"
      + ConfusionHeatmap.svg(
        labels: heatmap.labels, matrix: heatmap.matrix, title: heatmap.title, text: text)
      + figcaption(heatmap.caption) + "</figure>"
    guard !heatmap.largest.isEmpty else { return figure }
    let items = heatmap.largest.map { "<li>\(HTML.escape($0))</li>" }.joined()
    return figure
      + "<div class=\"narrow-only\(many ? " print-too" : "")\"><p class=\"list-title\">\(HTML.text(heatmap.largestTitle))</p><ol>\(items)</ol></div>"
  }
}
