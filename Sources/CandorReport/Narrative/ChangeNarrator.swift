import CandorAnalysis
import CandorWorkspace

/// "Is this week's change real?": the change of the watched number on each set, its interval
/// and its test, in plain words; other metrics only where they moved beyond noise.
enum ChangeNarrator {
    /// - Parameter previous: the week compared to, set by set, for per-class detail.
    static func view(_ task: TaskAnalysis, against: ISOWeek?, previous: [String: SetAnalysis] = [:]) -> ChangeView? {
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
                : "went from \(Wording.metric(previous, isRate: rate)) to \(Wording.metric(current, isRate: rate)) (\(signed(delta, rate)))"
            var sentence = "'\(set.config.id)': \(metric.displayName) \(moved)."
            if let ci = change.ci95 {
                sentence += " The true change plausibly lies between \(signed(ci.lowerBound, rate)) and \(signed(ci.upperBound, rate))."
            }
            if let paired = change.pairedExamples, change.test?.contains("paired") == true || change.test?.hasPrefix("sign-flip") == true {
                sentence += " \(Wording.count(paired)) \(task.task.unit) were scored in both weeks, so we compared the answers one by one (\(Phrases.testDescription(change.test)))."
            } else if change.test != nil {
                sentence += " Tested with \(Phrases.testDescription(change.test))."
            }
            if change.significant {
                sentence += delta > 0 ? " This is a real improvement, beyond noise." : " This is a real drop, beyond noise."
            } else if change.isSuggestive {
                sentence += " Larger than noise on this set alone, but not yet confirmed once every comparison in this report is counted; if it holds next week, it is real."
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
        others += classMoves(task, against: against, previous: previous)
        if gains > 0 {
            others.append("\(Wording.plural(gains, "other measurement")) of this task also improved beyond noise; the table of every metric below shows each change.")
        }
        let method = "A change is called real when it is unlikely to be chance after accounting for every comparison in this report. The interval is the range of changes consistent with the data; when it includes zero, the week's movement may be noise."
        return ChangeView(against: against.description, items: items, otherMoves: others, method: method)
    }

    static func signed(_ value: Double, _ rate: Bool) -> String {
        rate ? Wording.signedPoints(value) : Wording.signedScore(value)
    }

    /// Multiclass: which classes moved, since an average can hide one class's loss.
    static func classMoves(_ task: TaskAnalysis, against: ISOWeek, previous: [String: SetAnalysis]) -> [String] {
        guard task.positive == nil, let set = Phrases.referenceSet(task), let before = previous[set.config.id] else { return [] }
        let now = set.analysis.counts
        return task.classes.indices.compactMap { index in
            guard let old = before.classes.firstIndex(of: task.classes[index]), now.support(index) > 0, before.counts.support(old) > 0 else { return nil }
            let x1 = before.counts[old, old], n1 = before.counts.support(old), x2 = now[index, index], n2 = now.support(index)
            let delta = Double(x2) / Double(n2) - Double(x1) / Double(n1)
            guard abs(delta) >= 0.03 else { return nil }
            let ci = Proportions.newcombeDifference(x1, n1, x2, n2)
            return "Of the '\(task.classes[index])' \(task.task.unit) on '\(set.config.id)', the model recognised \(Wording.percent(Double(x2) / Double(n2))), against \(Wording.percent(Double(x1) / Double(n1))) in \(against) (\(Wording.signedPoints(delta)); 95% interval \(Wording.signedPoints(ci.lowerBound)) to \(Wording.signedPoints(ci.upperBound)))."
        }
    }
}
