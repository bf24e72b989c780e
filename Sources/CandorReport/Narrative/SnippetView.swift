import CandorAnalysis
import CandorHTML
import CandorWorkspace

/// A few sentences for a client's email: each task in plain words (what the model caught, on
/// which data, and whether the watched number moved beyond chance), the finding that changes how
/// the numbers read, and what shipped. No metric without words, no set ids, no "likely".
public struct SnippetView: Sendable {
    public var title: String
    public var lines: [String]
    public var footer: String
    /// The full report's address, where `--report-url` gave one.
    public var reportURL: String?
    public var hasReportURL: Bool
}

extension Narrator {
    public func snippet(_ week: WeekAnalysis, reportURL: String? = nil) -> SnippetView {
        var lines: [String] = []
        for task in week.tasks {
            guard let set = Phrases.referenceSet(task) else { continue }
            var line = "\(task.task.name): " + self.plainState(task, set)
            if let verdict = self.plainVerdict(task, set, against: week.comparedTo) { line += " " + verdict }
            lines.append(line)
        }
        let dropped = week.tasks.filter { task in Editor.headlineMove(task).map { $0.delta < 0 } ?? false }.map(\.task.name)
        if !dropped.isEmpty {
            lines.append("We are investigating the drop in \(dropped.joined(separator: " and ")) and will report what caused it next week.")
        }
        // The finding that changes how the numbers read, said once, in words.
        let preferred = ["test-set-overlap", "accuracy-misleading", "ranking-hides-precision", "average-hides-weak-class", "sets-disagree", "prevalence-shift"]
        for code in preferred {
            guard let finding = week.findings.first(where: { $0.code == code && $0.severity != .info }) else { continue }
            lines.append(self.plainFinding(finding, week))
            break
        }
        let shipped = week.worklog?.items.filter { $0.status == .shipped }.map(\.title) ?? []
        if !shipped.isEmpty {
            lines.append("Shipped this week: \(shipped.joined(separator: "; ")).")
        }
        let link = reportURL.map { self.reportAddress(base: $0, client: week.clientID, week: week.week) }
        let footer =
            link == nil
            ? "The full report (report.html) gives every number with its range of uncertainty. \"Beyond chance\" means the change is too large to be explained by luck, even after allowing for every comparison in the report."
            : "The full report gives every number with its range of uncertainty. \"Beyond chance\" means the change is too large to be explained by luck, even after allowing for every comparison in the report."
        return SnippetView(
            title: "\(week.clientName): model quality, week \(week.week)", lines: lines, footer: footer, reportURL: link, hasReportURL: link != nil)
    }

    /// `<base>/<client>/<week>/report.html`, the layout `--out` writes.
    func reportAddress(base: String, client: String, week: ISOWeek) -> String {
        var trimmed = base
        while trimmed.hasSuffix("/") { trimmed.removeLast() }
        return "\(trimmed)/\(client)/\(week)/report.html"
    }

    /// "the frozen test set", "the last four weeks of fleet data": a set by its description.
    func plainSet(_ set: ValidationSetConfig) -> String {
        let text = set.description.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return "the set '\(set.id)'" }
        let clause = text.split(whereSeparator: { ":;,(.".contains($0) }).first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? text
        let words = clause.split(separator: " ")
        // Lower-case a leading capital only when the next letter is lower-case ("Frozen", not "ACME").
        var phrase = clause
        if let first = words.first, first.count > 1, first.first!.isUppercase, first.dropFirst().first!.isLowercase {
            phrase = first.lowercased() + clause.dropFirst(first.count)
        }
        let article = ["the ", "a ", "an ", "our ", "your "].contains { phrase.lowercased().hasPrefix($0) }
        return article ? phrase : "the " + phrase
    }

    /// Where the task stands, in counts a client can picture.
    func plainState(_ task: TaskAnalysis, _ set: SetResult) -> String {
        let counts = set.analysis.counts
        let unit = task.task.unit
        let place = plainSet(set.config)
        if let positive = task.positive, let label = task.positiveLabel {
            let total = counts.support(positive)
            let caught = counts[positive, positive]
            let alarms = counts.predictedCount(positive) - caught
            guard total > 0 else { return "on \(place) there were no '\(label)' \(unit) to catch this week." }
            return "on \(place), the model caught \(words.caught(caught, of: total)) '\(label)' \(unit), with \(words.counted(alarms, "falseAlarm"))."
        }
        let right = task.classes.indices.map { counts[$0, $0] }.reduce(0, +)
        var text = "on \(place), the model sorted \(words.caught(right, of: counts.total)) \(unit) correctly"
        let recalls = task.classes.indices.compactMap { index -> (String, Int, Int)? in
            counts.support(index) > 0 ? (task.classes[index], counts[index, index], counts.support(index)) : nil
        }
        if let weakest = recalls.min(by: { Double($0.1) / Double($0.2) < Double($1.1) / Double($1.2) }), recalls.count > 1 {
            text += "; the class it finds hardest, '\(weakest.0)', it recognised \(words.caught(weakest.1, of: weakest.2)) times"
        }
        return text + "."
    }

    /// The watched number in words: what it measures, before and after, and whether the
    /// change is beyond chance. Only the primary verdict; "likely" is never said here.
    func plainVerdict(_ task: TaskAnalysis, _ set: SetResult, against: ISOWeek?) -> String? {
        guard let against, let change = set.change(task.primaryMetric) else { return nil }
        let metric = task.primaryMetric
        let rate = metric.isRate
        guard let delta = change.delta, let previous = change.previous, let current = change.current else {
            return "It cannot be compared with \(against) this week."
        }
        if Precision.isNonEvent(previous: previous, current: current, isRate: rate) {
            return "No change since \(against)."
        }
        let what = capitalized(Phrases.plainMetric(metric, task: task))
        let moved = "\(what) went from \(words.numbers.metric(previous, isRate: rate)) to \(words.numbers.metric(current, isRate: rate)) since \(against)"
        if change.significant {
            return "\(moved): a real \(delta > 0 ? "improvement" : "drop"), beyond chance."
        }
        return "\(moved), a difference too small to tell apart from chance."
    }

    func plainFinding(_ finding: Finding, _ week: WeekAnalysis) -> String {
        guard let task = week.tasks.first(where: { $0.task.id == finding.task }) else { return words.message(finding) }
        switch finding.code {
        case "accuracy-misleading":
            if let set = task.sets.first(where: { $0.config.id == finding.set }) {
                let baseline = set.analysis.baseline
                return
                    "A note on reading \(task.task.name): a model that always answered '\(baseline.label)' would already be right \(words.numbers.percent(baseline.accuracy)) of the time, so we judge the model by the cases it catches, not by its overall accuracy."
            }
        case "test-set-overlap":
            return "Some examples of the test set for \(task.task.name) also appear in another set, so its score may be too optimistic; we are separating them."
        default: break
        }
        var message = words.message(finding)
        for set in task.sets { message = message.replacingOccurrences(of: "'\(set.config.id)'", with: plainSet(set.config)) }
        return message
    }
}
