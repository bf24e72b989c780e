import CandorAnalysis

/// A few sentences for an email: the headline, each task's watched number, the most
/// severe finding and what shipped.
public struct SnippetView: Sendable {
    public var title: String
    public var lines: [String]
    public var footer: String
}

extension Narrator {
    public func snippet(_ week: WeekAnalysis) -> SnippetView {
        var lines: [String] = []
        for task in week.tasks {
            guard let set = Phrases.referenceSet(task), let estimate = set.analysis.estimate(task.primaryMetric),
                let value = estimate.value
            else { continue }
            let metric = task.primaryMetric
            var line = "\(task.task.name): \(metric.displayName) \(Wording.metric(value, isRate: metric.isRate))"
            if let ci = estimate.ci95 { line += " (95% interval \(Wording.interval(ci, isRate: metric.isRate)))" }
            line += " on '\(set.config.id)'"
            if let change = set.change(metric), let delta = change.delta, let before = week.comparedTo {
                let size = metric.isRate ? Wording.points(delta) : String(format: "%.3f", abs(delta))
                let direction = delta > 0 ? "up \(size)" : (delta < 0 ? "down \(size)" : "unchanged")
                line += ", \(direction) since \(before): " + Phrases.shortVerdict(change)
            }
            lines.append(line + ".")
        }
        // The most severe finding that the lines above do not already say.
        let changeCodes: Set<String> = ["significant-regression", "significant-improvement", "change-not-significant"]
        // Among equals, the finding that changes how the numbers are read comes first.
        let preferred = [
            "test-set-overlap", "accuracy-misleading", "ranking-hides-precision", "average-hides-weak-class",
            "sets-disagree", "prevalence-shift", "class-imbalance",
        ]
        let candidates = week.findings.filter { $0.severity != .info && !changeCodes.contains($0.code) }
        func rank(_ finding: Finding) -> (Int, Int) {
            (-(Finding.Severity.allCases.firstIndex(of: finding.severity) ?? 0), preferred.firstIndex(of: finding.code) ?? preferred.count)
        }
        if let top = candidates.min(by: { rank($0) < rank($1) }) {
            lines.append(top.message)
        }
        let shipped = week.worklog?.items.filter { $0.status == .shipped }.map(\.title) ?? []
        if !shipped.isEmpty {
            lines.append("Shipped this week: \(shipped.joined(separator: "; ")).")
        }
        return SnippetView(
            title: "\(week.clientName): model quality, week \(week.week)", lines: lines,
            footer: "Full report: report.html for week \(week.week). Intervals are 95%; \"real\" means beyond noise after correcting for every comparison in the report.")
    }
}
