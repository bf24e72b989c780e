import CandorAnalysis
import CandorWorkspace

/// "This week's progress": short-term wins tied to measured changes, long-term investments
/// with their progress and what they should bring.
enum ProgressNarrator {
    static func view(_ week: WeekAnalysis) -> ProgressView {
        guard let worklog = week.worklog, !worklog.items.isEmpty else {
            return ProgressView(
                hasWorklog: false, shortTerm: [], longTerm: [],
                nothingLogged: "Nothing was logged for week \(week.week), so this report cannot tie this week's numbers to specific work.",
                sameWeekEffects: [])
        }
        func item(_ entry: WorklogItem) -> WorkItemView {
            WorkItemView(
                title: entry.title, status: status(entry.status), note: entry.note,
                percentDone: entry.progress.map { "\(Int($0.rounded()))% done" }, expected: entry.expected,
                measured: entry.horizon == .shortTerm && entry.status == .shipped ? measured(entry, week) : [])
        }
        let shipped = worklog.items.filter { $0.horizon == .shortTerm && $0.status == .shipped }
        let named = Set(shipped.flatMap(\.tasks))
        // A shipped change can hurt a task it did not aim at; say so next to the wins.
        var effects: [String] = []
        if !shipped.isEmpty {
            for task in week.tasks where !named.contains(task.task.id) {
                for set in task.sets {
                    guard let change = set.change(task.primaryMetric), change.significant, let delta = change.delta, delta < 0 else { continue }
                    effects.append(
                        "\(task.task.name) was not a target of this week's changes, yet its \(task.primaryMetric.displayName) on '\(set.config.id)' fell by \(movement(delta, task.primaryMetric)), beyond noise. Check whether a shipped change caused it."
                    )
                }
            }
        }
        return ProgressView(
            hasWorklog: true,
            shortTerm: worklog.items.filter { $0.horizon == .shortTerm }.map(item),
            longTerm: worklog.items.filter { $0.horizon == .longTerm }.map(item),
            nothingLogged: "", sameWeekEffects: effects)
    }

    static func status(_ status: WorklogItem.Status) -> String {
        switch status {
        case .planned: "planned"
        case .inProgress: "in progress"
        case .shipped: "shipped"
        case .dropped: "dropped"
        }
    }

    static func movement(_ delta: Double, _ metric: MetricName) -> String {
        metric.isRate ? Wording.points(delta) : String(format: "%.3f", abs(delta))
    }

    /// The measured change of each task the item names, on every set.
    static func measured(_ item: WorklogItem, _ week: WeekAnalysis) -> [String] {
        guard week.comparedTo != nil else { return ["No earlier week to measure against yet."] }
        return item.tasks.compactMap { id in week.tasks.first { $0.task.id == id } }.flatMap { task in
            task.sets.compactMap { set -> String? in
                guard let change = set.change(task.primaryMetric) else { return nil }
                guard let delta = change.delta else { return "\(task.task.name) on '\(set.config.id)': not comparable (\(change.reason ?? "undefined"))." }
                let verdict = Phrases.shortVerdict(change)
                let direction = delta > 0 ? "up" : (delta < 0 ? "down" : "unchanged,")
                return "\(task.task.name) on '\(set.config.id)': \(task.primaryMetric.displayName) \(direction) \(delta == 0 ? "" : movement(delta, task.primaryMetric) + ", ")\(verdict)."
            }
        }
    }
}
