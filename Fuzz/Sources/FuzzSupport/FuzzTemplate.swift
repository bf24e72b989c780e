import CandorHTML
import CandorReport
import Foundation

/// Renders a fuzzed template over a fixed view model through `TemplateLibrary`, the type every
/// report renders with, so its bounds (nesting depth, partial cycles, dynamic partials, the
/// output bound) stand between the input and the Mustache renderer, then turns the Markdown
/// into HTML and inserts the page's security policy, as a report does.
///
/// The input is up to five templates separated by NUL bytes, named after the report's own
/// (`report.md` and its partials), so partials can include each other.
public enum FuzzTemplate {
  static let names = [
    "report.md", "report/task", "report/sets", "report/progress", "report/footer",
  ]

  /// Shaped like `ReportView` (its memberwise initialiser is internal), with client text that
  /// carries Markdown and HTML punctuation, a control character and non-ASCII letters.
  nonisolated(unsafe) static let view: [String: Any] = {
    let hostile = "Ünïcode *bold* _x_ <script>alert(1)</script> & [link](javascript:x) \u{1B}[31m"
    let item: [String: Any] = [
      "title": hostile, "status": "shipped", "expected": "+2 points", "measured": "0.81",
      "verdict": "real gain", "reason": hostile, "percentDone": "40%",
    ]
    let task: [String: Any] = [
      "name": hostile, "id": "engine-failure", "owner": "Ana", "kind": "yes-or-no",
      "primaryMetric": "recall", "primaryReason": hostile, "overviewHTML": "<table></table>",
      "intervalChartHTML": "<svg></svg>", "noData": false, "standing": [hostile, "b"],
      "hasStanding": true,
      "accuracy": ["paragraphs": [hostile, "p"], "rule": "r"],
      "confusion": [
        "setName": "holdout", "heatmapHTML": "<svg></svg>", "paragraphs": ["p", hostile],
        "definitions": ["d"],
      ],
      "change": ["against": "2026-W47", "items": ["i", hostile], "otherMoves": [], "method": "m"],
      "segments": ["setName": "holdout", "tableHTML": "<table></table>", "weakest": hostile],
      "trendHTML": "<svg></svg>", "metricsHTML": "<table></table>",
    ]
    var empty = task
    empty["noData"] = true
    empty["owner"] = nil
    return [
      "title": hostile, "clientName": hostile, "week": "2026-W48", "weekStart": "w",
      "comparison": "c", "oneMinute": [hostile, "second", "third"], "newsHTML": "<div></div>",
      "hasNews": true, "newsNote": "", "appendixHTML": "<table></table>",
      "tasks": [task, empty, task],
      "sets": [
        "items": [["id": "holdout", "role": "test", "description": hostile, "explanation": "e"]],
        "disagreements": [hostile], "show": true, "testSetNote": "n",
      ],
      "progress": [
        "hasWorklog": true, "nothingLogged": "", "wins": [item, item], "hasWins": true,
        "noWins": "", "setbacks": [item], "unplanned": [hostile], "hasSetbacks": true,
        "unclear": [item], "hasUnclear": true, "underway": [item], "hasUnderway": true,
        "dropped": [item], "hasDropped": true, "longTerm": [item, item, item],
        "hasLongTerm": true,
      ],
      "comparisons": "c", "generatedBy": "Candor",
      // page.html's names.
      "body": "<p>body</p>", "language": "en", "printHeader": hostile,
    ]
  }()

  public static func render(_ data: Data) {
    let parts = data.split(
      separator: 0, maxSplits: names.count - 1, omittingEmptySubsequences: false)
    var texts = Dictionary(uniqueKeysWithValues: TemplateLibrary.required.map { ($0, "") })
    for (name, part) in zip(names, parts) {
      // Template files that are not UTF-8 are refused when read (TemplateLibrary.texts).
      guard let text = String(data: part, encoding: .utf8) else { return }
      texts[name] = text
    }
    do {
      let library = try TemplateLibrary(sources: [texts])
      let markdown = try library.render(view, template: "report.md")
      _ = PageSecurity.apply(Markdown.html(from: markdown))
    } catch is TemplateError {
    } catch {
      fatalError("not a TemplateError: \(error)")
    }
  }
}
