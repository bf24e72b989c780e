import CandorAnalysis
import CandorHTML
import CandorWorkspace

/// `notes.md`: remarks for the team, written beside the report and never shown to the client
/// (what to check, which change to suspect, test-set hygiene, what to watch next week).
extension Narrator {
    public func teamNotes(_ week: WeekAnalysis) -> String {
        func md(_ text: String) -> String { Markdown.escape(text) }
        var check: [String] = []
        var watch: [String] = []
        var hygiene: [String] = []
        let shipped = week.worklog?.items.filter { $0.status == .shipped } ?? []
        for task in week.tasks {
            let metric = task.primaryMetric
            for set in task.sets {
                guard let change = set.change(metric), let delta = change.delta, ChangeNarrator.visible(change) else { continue }
                if change.significant && delta < 0 {
                    let aimed = shipped.filter { $0.tasks.contains(task.task.id) }.map(\.title)
                    let others = shipped.filter { !$0.tasks.contains(task.task.id) }.map(\.title)
                    var line =
                        "\(task.task.name): \(metric.displayName) on '\(set.config.id)' fell by \(words.numbers.movement(delta, isRate: metric.isRate)), beyond noise."
                    if !aimed.isEmpty {
                        line += " Shipped for this task this week: \(aimed.map { "'\($0)'" }.joined(separator: ", ")); check it first."
                    } else if !others.isEmpty {
                        line +=
                            " No shipped item aimed at this task; check whether \(others.map { "'\($0)'" }.joined(separator: " or ")) caused it (shared features, thresholds, data)."
                    } else {
                        line += " Nothing shipped this week: check the data (class mix, labels, pipeline) before the model."
                    }
                    check.append(line)
                } else if change.isSuggestive {
                    watch.append(
                        "\(task.task.name): \(metric.displayName) on '\(set.config.id)' \(Phrases.change(change, metric, words: words)) (p = \(String(format: "%.3f", change.pValue ?? 1)) alone). Watch whether it holds next week."
                    )
                }
            }
        }
        for finding in week.findings {
            switch finding.code {
            case "significant-regression" where finding.severity == .warning:
                watch.append("\(finding.task) · \(finding.set ?? "all sets"): \(words.message(finding))")
            case "prevalence-shift" where finding.severity == .warning:
                check.append("\(finding.task) · \(finding.set ?? "all sets"): \(words.message(finding)) Check the sampling or labelling of this set.")
            case "test-set-reused":
                hygiene.append("\(words.message(finding)) Choose changes on the validation sets and read the test set only to confirm; plan a fresh test set.")
            case "test-set-overlap":
                hygiene.append("\(words.message(finding)) Remove the shared examples from the other set, or draw a new test set.")
            default: continue
            }
        }
        hygiene = hygiene.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
        var out = "# Team notes: \(md(week.clientName)), week \(week.week)\n\n"
        out += "For the team only: this file is never shown to the client. The client's report says the facts; this says what to do about them.\n"
        for (title, lines) in [("To check", check), ("To watch next week", watch), ("Test-set hygiene", hygiene)] where !lines.isEmpty {
            out += "\n## \(title)\n\n" + lines.map { "- " + md($0) }.joined(separator: "\n") + "\n"
        }
        if check.isEmpty && watch.isEmpty && hygiene.isEmpty {
            out += "\nNothing to check this week.\n"
        }
        return out
    }
}
