import CandorAnalysis
import CandorHTML
import CandorWorkspace

/// "Reading the confusion matrix": missed cases and false alarms in the client's terms.
enum ConfusionNarrator {
    static func view(_ task: TaskAnalysis, words: Words) -> ConfusionView? {
        guard let set = Phrases.referenceSet(task) else { return nil }
        let counts = set.analysis.counts
        let unit = task.task.unit
        // On a phone a wide matrix's text would shrink below 11 px: there, a ranked list of the
        // largest confusions stands in for it (the CSS shows one or the other).
        let wide = task.classes.count >= 5
        let heatmap =
            "<figure class=\"matrix\(wide ? " wide" : "")\">"
            + ConfusionHeatmap.svg(
                labels: task.classes, matrix: counts.rows,
                title: "Confusion matrix of \(task.task.name) on \(set.config.id)")
            + "<figcaption>Rows are what really happened, columns what the model said. Each cell shows the count and its share of the row. The diagonal (blue) is correct; everything else (orange-red) is a mistake.</figcaption></figure>"
            + (wide ? largestConfusions(task, counts, words: words) : "")
        var paragraphs: [String] = []
        var definitions: [String] = []
        let perThousand = 1000 / Double(counts.total)
        if let positive = task.positive {
            let negative = positive == 0 ? 1 : 0
            let label = task.classes[positive]
            let actual = counts.support(positive)
            let caught = counts[positive, positive]
            let missed = actual - caught
            let falseAlarms = counts[negative, positive]
            let alerts = counts.predictedCount(positive)
            if actual > 0 {
                let outcome =
                    caught == 0
                    ? "the model caught none"
                    : (missed == 0
                        ? "the model caught \(words.caught(caught, of: actual))"
                        : "the model caught \(words.numbers.count(caught)) and missed \(words.numbers.count(missed))")
                paragraphs.append(
                    "Of the \(words.numbers.count(actual)) \(unit) that were really '\(label)', \(outcome). That share caught, \(words.numbers.percent(Double(caught) / Double(actual))), is its recall."
                )
            } else {
                paragraphs.append("No \(unit) in '\(set.config.id)' were really '\(label)' this week, so there was nothing to catch.")
            }
            if alerts > 0 {
                let split =
                    caught == 0
                    ? "none of those were right: all were false alarms"
                    : (falseAlarms == 0
                        ? "all of those were right, with no false alarm"
                        : "\(words.numbers.count(caught)) of those were right and \(words.numbers.count(falseAlarms)) were false alarms")
                paragraphs.append(
                    "The model said '\(label)' \(words.counted(alerts, "time")); \(split). That share right, \(words.numbers.percent(Double(caught) / Double(alerts))), is its precision."
                )
            } else {
                paragraphs.append("The model never said '\(label)' on this set, so it raised no alarms at all, right or wrong.")
            }
            paragraphs.append(
                "Per 1,000 \(unit): \(words.numbers.fixed(Double(missed) * perThousand, 1)) missed '\(label)' cases and \(words.numbers.fixed(Double(falseAlarms) * perThousand, 1)) false alarms."
            )
            definitions = [
                "Recall: of the \(unit) that really were '\(label)', the share the model caught.",
                "Precision: of the model's '\(label)' alerts, the share that were right.",
            ]
        } else {
            for (index, name) in task.classes.enumerated() {
                let actual = counts.support(index)
                guard actual > 0 else { continue }
                let right = counts[index, index]
                var sentence =
                    right == 0
                    ? "Of the \(words.numbers.count(actual)) '\(name)' \(unit), the model recognised none"
                    : "Of the \(words.numbers.count(actual)) '\(name)' \(unit), the model recognised \(words.numbers.count(right)) (\(words.numbers.percent(Double(right) / Double(actual))))"
                let confusions = task.classes.indices.filter { $0 != index && counts[index, $0] > 0 }.sorted { counts[index, $0] > counts[index, $1] }
                if let top = confusions.first {
                    sentence += "; the most common mistake was calling \(words.numbers.count(counts[index, top])) of them '\(task.classes[top])'"
                }
                paragraphs.append(sentence + ".")
            }
            definitions = ["Recall of a class: of the \(unit) that really belong to it, the share the model put there."]
        }
        return ConfusionView(setName: set.config.id, heatmapHTML: heatmap, paragraphs: paragraphs, definitions: definitions)
    }

    /// The largest off-diagonal cells, for narrow screens: "'c3' taken for 'c0': 41 (27.3% of 'c3')".
    static func largestConfusions(_ task: TaskAnalysis, _ counts: ConfusionCounts, words: Words) -> String {
        var cells: [(row: Int, column: Int, count: Int)] = []
        for row in task.classes.indices {
            for column in task.classes.indices where column != row && counts[row, column] > 0 {
                cells.append((row, column, counts[row, column]))
            }
        }
        let top = cells.sorted { ($0.count, $1.row, $1.column) > ($1.count, $0.row, $0.column) }.prefix(8)
        guard !top.isEmpty else { return "" }
        let items = top.map { cell in
            let share = Double(cell.count) / Double(max(1, counts.support(cell.row)))
            return
                "<li>\(HTML.escape("'\(task.classes[cell.row])' taken for '\(task.classes[cell.column])': \(words.numbers.count(cell.count)) (\(words.numbers.percent(share)) of '\(task.classes[cell.row])')"))</li>"
        }
        return "<div class=\"narrow-only\"><p class=\"list-title\">The largest confusions, most frequent first</p><ol>\(items.joined())</ol></div>"
    }
}
