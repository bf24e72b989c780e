/// The report's tables, callouts and figures as words and numbers. CandorHTML turns them into
/// markup; nothing here knows a tag.

/// A table: a caption, column headers, one header per row, and the footnotes its cells mark.
public struct TableView: Sendable, Equatable {
  /// What a table holds, which decides its look (a metrics table is wider than a data table).
  public enum Kind: String, Sendable {
    case data
    case metrics
    case diff
  }

  /// One piece of a cell: words, optionally with a footnote mark (1-based) after them.
  public struct Text: Sendable, Equatable {
    public var words: String
    public var mark: Int?

    public init(_ words: String, mark: Int? = nil) {
      self.words = words
      self.mark = mark
    }
  }

  /// A cell: its main text, emphasised where it is a verdict, and a smaller second line (a
  /// change under its value, an interval under its change).
  public struct Cell: Sendable, Equatable {
    public var main: Text
    public var strong: Bool
    public var detail: Text?

    public init(_ main: Text, strong: Bool = false, detail: Text? = nil) {
      self.main = main
      self.strong = strong
      self.detail = detail
    }

    public init(_ words: String, strong: Bool = false) {
      self.init(Text(words), strong: strong)
    }
  }

  public struct Row: Sendable, Equatable {
    public var header: String
    public var cells: [Cell]

    public init(header: String, cells: [Cell]) {
      self.header = header
      self.cells = cells
    }
  }

  public var caption: String?
  public var columns: [String]
  public var rows: [Row]
  public var kind: Kind
  /// The reasons behind footnote marks, in mark order.
  public var footnotes: [String]

  public init(
    caption: String?, columns: [String], rows: [Row], kind: Kind = .data, footnotes: [String] = []
  ) {
    self.caption = caption
    self.columns = columns
    self.rows = rows
    self.kind = kind
    self.footnotes = footnotes
  }
}

/// One "What is new this week" callout.
public struct CalloutView: Sendable, Equatable {
  /// How the callout looks: a real gain has its own tone, otherwise the finding's severity.
  public enum Tone: String, Sendable {
    case gain
    case critical
    case warning
    case info
  }

  public var tone: Tone
  /// "Critical", "Real gain": the callout's label.
  public var label: String
  /// The task (and sets) it speaks of.
  public var place: String
  public var paragraphs: [String]
  /// What the client's edition keeps, where it is less (a change's other sets are in the
  /// tables the client reads).
  public var clientParagraphs: [String]? = nil
  /// The client's edition's `place`, where it names fewer sets (those its paragraphs speak of).
  public var clientPlace: String? = nil
}

/// The appendix: every finding in one line.
public struct FindingsTableView: Sendable, Equatable {
  public struct Row: Sendable, Equatable {
    public var severity: String
    public var code: String
    public var place: String
    public var line: String
  }

  public var caption: String
  public var severityColumn: String
  public var codeColumn: String
  public var placeColumn: String
  public var lineColumn: String
  public var rows: [Row]
}

/// The primary metric on every set of a task, each with its interval, on one axis.
public struct IntervalChartView: Sendable {
  public struct Row: Sendable {
    public var label: String
    public var value: Double?
    public var interval: ClosedRange<Double>?
    /// The value as printed beside its bar, or the word for "undefined".
    public var note: String
  }

  public var rows: [Row]
  public var metric: String
  public var title: String
  public var isRate: Bool
  public var caption: String
}

/// The primary metric week by week on each set, and the same numbers as a list for phones.
public struct TrendView: Sendable {
  public struct Series: Sendable {
    public var label: String
    /// One point per week, nil where the set was not scored.
    public var points: [(value: Double, interval: ClosedRange<Double>?)?]
    /// "2026-W47 84.0%": the weeks with a value, for the list.
    public var listed: [String]
  }

  public var weeks: [String]
  public var shipped: [Bool]
  public var series: [Series]
  public var metric: String
  public var title: String
  public var isRate: Bool
  public var caption: String
  public var listTitle: String
  /// The set the task's story is told on.
  public var reference: String? = nil
  /// The series the phone's list gives (all, unless the client's edition keeps only the
  /// reference set's: the table above has every set's current value and change).
  public var listsOnlyReference = false
}

/// A confusion matrix, and for five or more classes its largest confusions as a list.
public struct HeatmapView: Sendable {
  public var labels: [String]
  /// Rows are actual, columns predicted.
  public var matrix: [[Int]]
  public var title: String
  public var caption: String
  /// Five or more classes: on a phone the list stands in for the matrix.
  public var wide: Bool
  public var largestTitle: String
  /// "'c3' taken for 'c0': 41 (27.3% of 'c3')", the largest first; empty when not wide.
  public var largest: [String]
}
