import CandorAnalysis
import CandorWorkspace

/// "Is this week's change real?": the change of the watched number on each set, its interval
/// and its test, in plain words; other metrics only where they moved beyond noise.
enum ChangeNarrator {
    static func view(_ task: TaskAnalysis, against: ISOWeek?) -> ChangeView? {
        guard let against, task.sets.contains(where: { $0.changes != nil }) else { return nil }
        let metric = task.primaryMetric
        var items: [String] = []
        for set in task.sets {
            guard let change = set.change(metric) else {
                items.append("'\(set.config.id)' was not evaluated in \(against), so there is nothing to compare yet.")
                continue
            }
            guard let delta = change.delta, let previous = change.previous, let current = change.current else {
                items.append("'\(set.config.id)': the change cannot be computed because \(change.reason ?? "a value is undefined").")
                continue
            }
            let rate = metric.isRate
            let moved = delta == 0 ? "stayed at \(Wording.metric(current, isRate: rate))"
                : "went from \(Wording.metric(previous, isRate: rate)) to \(Wording.metric(current, isRate: rate)) (\(rate ? Wording.signedPoints(delta) : String(format: "%+.3f", delta)))"
            var sentence = "'\(set.config.id)': \(metric.displayName) \(moved)."
            if let ci = change.ci95 {
                sentence += " The true change plausibly lies between \(signed(ci.lowerBound, rate)) and \(signed(ci.upperBound, rate))."
            }
            if let paired = change.pairedExamples, change.test == "mcnemar" || change.test == "paired-bootstrap" {
                sentence += " \(Wording.count(paired)) \(task.task.unit) were scored in both weeks, so we compared the answers one by one (\(Phrases.testDescription(change.test)))."
            } else if change.test != nil {
                sentence += " Tested with \(Phrases.testDescription(change.test))."
            }
            if change.significant {
                sentence += delta > 0 ? " This is a real improvement, beyond noise." : " This is a real drop, beyond noise."
            } else if change.test != nil {
                sentence += " This is within noise: a change this size can happen by chance."
            }
            items.append(sentence)
        }
        // Other metrics: every real drop by name (a hidden cost matters), real gains counted.
        var others: [String] = []
        var gains = 0
        for set in task.sets {
            for change in set.changes ?? [] where change.metric != metric && change.significant {
                guard let delta = change.delta, let previous = change.previous, let current = change.current else { continue }
                guard delta < 0 else { gains += 1; continue }
                let rate = change.metric.isRate
                others.append("\(capitalized(change.metric.displayName)) on '\(set.config.id)' fell from \(Wording.metric(previous, isRate: rate)) to \(Wording.metric(current, isRate: rate)), beyond noise.")
            }
        }
        if gains > 0 {
            others.append("\(Wording.plural(gains, "other measurement")) of this task also improved beyond noise; the table of every metric below shows each change.")
        }
        let method = "A change is called real when it is unlikely to be chance after accounting for every comparison in this report. The interval is the range of changes consistent with the data; when it includes zero, the week's movement may be noise."
        return ChangeView(against: against.description, items: items, otherMoves: others, method: method)
    }

    static func signed(_ value: Double, _ rate: Bool) -> String {
        rate ? Wording.signedPoints(value) : String(format: "%+.3f", value)
    }
}
