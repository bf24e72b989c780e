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
            let flat = Wording.isNonEvent(previous: previous, current: current, isRate: rate)
            let moved =
                flat
                ? "did not move (\(Wording.metric(current, isRate: rate)) in both weeks)"
                : "went from \(Wording.metric(previous, isRate: rate)) to \(Wording.metric(current, isRate: rate)) (\(signed(delta, rate)))"
            var sentence = "'\(set.config.id)': \(metric.displayName) \(moved)."
            if let ci = change.ci95 {
                sentence += " The true change plausibly lies between \(signed(ci.lowerBound, rate)) and \(signed(ci.upperBound, rate))."
            }
            if let paired = change.pairedExamples, change.test?.contains("paired") == true || change.test?.hasPrefix("sign-flip") == true {
                sentence +=
                    " \(Wording.count(paired)) \(task.task.unit) were scored in both weeks, so we compared the answers one by one (\(Phrases.testDescription(change.test)))."
            } else if change.test != nil {
                sentence += " Tested with \(Phrases.testDescription(change.test))."
            }
            if flat {
                // A change that does not show at the printed precision earns no verdict.
            } else if change.significant {
                sentence += delta > 0 ? " This is a real improvement, beyond noise." : " This is a real drop, beyond noise."
            } else if change.isSuggestive {
                sentence +=
                    " Larger than noise on this set alone, but not yet confirmed once every comparison in this report is counted; if it holds next week, it is real."
            } else if change.test != nil {
                sentence += " This is within noise: a change this size can happen by chance."
            }
            items.append(sentence)
        }
        // Other metrics (the supporting family): named where they moved beyond noise, worded
        // so they never contradict the verdict on the number we watch.
        var others: [String] = []
        for set in task.sets {
            let primary = set.change(metric)
            let primaryMoved = primary.map { $0.significant && visible($0) } ?? false
            let primaryDelta = primary?.delta ?? 0
            // Accuracy where it barely beats the majority answer is not evidence either way.
            let skipAccuracy = StandingConditions.accuracyMisleads(set.analysis)
            var along: [String] = []
            var rose: [String] = []
            var fell: [String] = []
            for change in set.changes ?? [] where change.metric != metric && change.significant && visible(change) {
                guard let delta = change.delta, !isRepeat(change, in: set.changes ?? []), !(skipAccuracy && change.metric == .accuracy) else { continue }
                let twin = twinNote(change, in: set.changes ?? [])
                let named = "\(change.metric.displayName) (\(signed(delta, change.metric.isRate))\(twin.isEmpty ? "" : "; " + twin))"
                if primaryMoved && (delta < 0) == (primaryDelta < 0) {
                    along.append(named)
                } else if delta > 0 {
                    rose.append(named)
                } else {
                    fell.append(named)
                }
            }
            if !along.isEmpty {
                others.append(
                    "On '\(set.config.id)', \(list(along)) moved the same way, consistent with the \(primaryDelta < 0 ? "drop" : "gain") in \(metric.displayName)."
                )
            }
            let watched =
                primaryMoved ? "moved the other way, beyond noise" : (primary?.isSuggestive == true ? "moved, but is not yet confirmed" : "moved within noise")
            for (verb, names) in [("rose", rose), ("fell", fell)] where !names.isEmpty {
                others.append(
                    "On '\(set.config.id)', \(list(names)) \(verb) beyond noise as \(names.count == 1 ? "a supporting measurement" : "supporting measurements"), while \(metric.displayName), the number we watch, \(watched)."
                )
            }
        }
        others += classMoves(task, against: against, previous: previous)
        let method =
            "A change in the number we watch is called real when it is unlikely to be chance after accounting for every task and set in this report; the other measurements are checked the same way, as a family of their own, and only support that verdict. The interval is the range of changes consistent with the data; when it includes zero, the week's movement may be noise."
        return ChangeView(against: against.description, items: items, otherMoves: others, method: method)
    }

    static func visible(_ change: MetricChange) -> Bool {
        guard let previous = change.previous, let current = change.current else { return false }
        return !Wording.isNonEvent(previous: previous, current: current, isRate: change.metric.isRate)
    }

    /// Balanced accuracy and macro recall are one number when every class occurs: said once.
    static func identical(_ a: MetricChange, _ b: MetricChange) -> Bool {
        guard a.metric != b.metric, let ap = a.previous, let ac = a.current, let bp = b.previous, let bc = b.current else { return false }
        return abs(ap - bp) < 1e-12 && abs(ac - bc) < 1e-12
    }

    static func isRepeat(_ change: MetricChange, in changes: [MetricChange]) -> Bool {
        guard let index = changes.firstIndex(where: { $0.metric == change.metric }) else { return false }
        return changes[..<index].contains { identical($0, change) }
    }

    /// "here the same number as macro recall", or "".
    static func twinNote(_ change: MetricChange, in changes: [MetricChange]) -> String {
        let twins = changes.filter { identical($0, change) && isRepeat($0, in: changes) }.map(\.metric.displayName)
        return twins.isEmpty ? "" : "here the same number as \(twins.joined(separator: " and "))"
    }

    static func list(_ names: [String]) -> String {
        names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
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
            let x1 = before.counts[old, old]
            let n1 = before.counts.support(old)
            let x2 = now[index, index]
            let n2 = now.support(index)
            let delta = Double(x2) / Double(n2) - Double(x1) / Double(n1)
            guard abs(delta) >= 0.03 else { return nil }
            let ci = Proportions.newcombeDifference(x1, n1, x2, n2)
            return
                "Of the '\(task.classes[index])' \(task.task.unit) on '\(set.config.id)', the model recognised \(Wording.percent(Double(x2) / Double(n2))), against \(Wording.percent(Double(x1) / Double(n1))) in \(against) (\(Wording.signedPoints(delta)); 95% interval \(Wording.signedPoints(ci.lowerBound)) to \(Wording.signedPoints(ci.upperBound)))."
        }
    }
}
