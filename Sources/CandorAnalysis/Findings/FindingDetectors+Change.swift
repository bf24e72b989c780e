import CandorWorkspace

extension FindingDetectors {
    /// The primary metric's change on each set (a real drop, a real gain, or a movement within
    /// noise); other metrics only where they fell beyond noise and the primary metric did not
    /// fall with them (otherwise the primary finding names them). A change that does not show
    /// at the printed precision is no event and no finding.
    static func changes(_ task: TaskAnalysis, _ set: SetResult) -> [Finding] {
        guard let changes = set.changes else { return [] }
        var findings: [Finding] = []
        let primary = changes.first { $0.metric == task.primaryMetric }
        let primaryDropped =
            primary.map { isVisible($0) && $0.significant && ($0.delta ?? 0) < 0 } ?? false
        let misleading = accuracyMisleads(set)
        for change in changes {
            guard let delta = change.delta, let previous = change.previous, let current = change.current,
                isVisible(change)
            else { continue }
            let isPrimary = change.metric == task.primaryMetric
            let name = change.metric.displayName
            let rate = change.metric.isRate
            let movement = Wording.movement(delta, isRate: rate)
            let span =
                change.ci95.map {
                    " (95% interval for the change: \(signed($0.lowerBound, rate)) to \(signed($0.upperBound, rate)))"
                } ?? ""
            let fromTo =
                "from \(Wording.metric(previous, isRate: rate)) to \(Wording.metric(current, isRate: rate))"
            // Accuracy on a set where it barely beats the majority baseline is no news.
            let caveat =
                change.metric == .accuracy && misleading
                ? " On this set accuracy barely beats always saying '\(set.analysis.baseline.label)', so this change says little about the model."
                : ""
            if isPrimary {
                let along = companions(of: change, in: changes, accuracyMisleads: misleading)
                if change.significant && delta < 0 {
                    findings.append(
                        Finding(
                            code: "significant-regression", severity: caveat.isEmpty ? .critical : .warning,
                            task: task.task.id, set: set.config.id,
                            message:
                                "\(capitalized(name)) on '\(set.config.id)' fell by \(movement), \(fromTo)\(span). This drop is larger than week-to-week noise explains.\(along)\(caveat)"
                        ))
                } else if change.significant && delta > 0 {
                    findings.append(
                        Finding(
                            code: "significant-improvement", severity: .info, task: task.task.id,
                            set: set.config.id,
                            message:
                                "\(capitalized(name)) on '\(set.config.id)' rose by \(movement), \(fromTo)\(span). This gain is larger than week-to-week noise explains.\(along)\(caveat)"
                        ))
                } else if change.test != nil {
                    let direction = delta > 0 ? "rose" : "fell"
                    let verdict =
                        change.isSuggestive
                        ? "On this set alone that is more than noise, but with every comparison in this report taken into account it is not yet a confirmed change; watch whether it holds next week."
                        : "A movement this size is within the noise of a set this big, so it is not yet evidence of a real change."
                    findings.append(
                        Finding(
                            code: "change-not-significant", severity: .info, task: task.task.id,
                            set: set.config.id,
                            message:
                                "\(capitalized(name)) on '\(set.config.id)' \(direction) by \(movement) (\(Wording.metric(previous, isRate: rate)) to \(Wording.metric(current, isRate: rate)))\(span). \(verdict)\(caveat)"
                        ))
                }
            } else if change.significant && delta < 0 && !primaryDropped
                && !duplicates(change, in: changes)
            {
                var message =
                    "\(capitalized(name)) on '\(set.config.id)'\(sameAs(change, in: changes)) fell by \(movement), \(fromTo)\(span), beyond noise for a supporting measurement."
                if let primary, let primaryDelta = primary.delta, primary.significant, primaryDelta > 0,
                    isVisible(primary)
                {
                    message +=
                        " The number we watch, \(task.primaryMetric.displayName), rose beyond noise on the same set: this is the price of that gain."
                } else {
                    message +=
                        " The number we watch, \(task.primaryMetric.displayName), did not change beyond noise; this is a cost to keep an eye on."
                }
                message += caveat
                findings.append(
                    Finding(
                        code: "significant-regression", severity: .warning, task: task.task.id,
                        set: set.config.id, message: message))
            }
        }
        return findings
    }

    /// A change that shows at the printed precision; zero or a rounding speck is no event.
    static func isVisible(_ change: MetricChange) -> Bool {
        guard let previous = change.previous, let current = change.current else { return false }
        return !Wording.isNonEvent(previous: previous, current: current, isRate: change.metric.isRate)
    }

    static func accuracyMisleads(_ set: SetResult) -> Bool {
        guard let accuracy = set.analysis.estimate(.accuracy)?.value else { return false }
        return accuracyIsMisleading(accuracy: accuracy, baseline: set.analysis.baseline.accuracy)
    }

    /// Two metrics that are the same number on this data (balanced accuracy and macro recall
    /// when every class occurs): the later one is not said again.
    static func identical(_ a: MetricChange, _ b: MetricChange) -> Bool {
        guard a.metric != b.metric, let ap = a.previous, let ac = a.current, let bp = b.previous,
            let bc = b.current
        else { return false }
        return abs(ap - bp) < 1e-12 && abs(ac - bc) < 1e-12 && a.metric.isRate == b.metric.isRate
    }

    static func duplicates(_ change: MetricChange, in changes: [MetricChange]) -> Bool {
        guard let index = changes.firstIndex(where: { $0.metric == change.metric }) else {
            return false
        }
        return changes[..<index].contains { identical($0, change) }
    }

    /// " (the same number as macro recall here)" for the first of identical metrics.
    static func sameAs(_ change: MetricChange, in changes: [MetricChange]) -> String {
        let twins = changes.filter { identical($0, change) && duplicates($0, in: changes) }.map(
            \.metric.displayName)
        return twins.isEmpty ? "" : " (here the same number as \(twins.joined(separator: " and ")))"
    }

    /// Supporting metrics on the same set that moved beyond noise the same way as a primary
    /// change, named once: " Balanced accuracy (here the same number as macro recall) fell with it, beyond noise."
    static func companions(of primary: MetricChange, in changes: [MetricChange], accuracyMisleads: Bool = false) -> String {
        guard let delta = primary.delta, primary.significant else { return "" }
        let along = changes.filter { other in
            other.metric != primary.metric && !(accuracyMisleads && other.metric == .accuracy) && other.significant && isVisible(other)
                && !duplicates(other, in: changes)
                && ((other.delta ?? 0) < 0) == (delta < 0) && (other.delta ?? 0) != 0
                && !identical(other, primary)
        }
        guard !along.isEmpty else { return "" }
        let names = along.map { other in
            "\(other.metric.displayName) (\(signed(other.delta!, other.metric.isRate))\(sameAs(other, in: changes).replacingOccurrences(of: " (here", with: "; here").dropLast()))"
        }
        let list =
            names.count == 1 ? names[0] : names.dropLast().joined(separator: ", ") + " and " + names.last!
        return
            " \(capitalized(list)) \(delta < 0 ? "fell" : "rose") with it, consistent with the \(delta < 0 ? "drop" : "gain")."
    }

    static func signed(_ value: Double, _ rate: Bool) -> String {
        rate ? Wording.signedPoints(value) : Wording.signedScore(value)
    }

    static func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }

    /// Two shares differ markedly: by a factor, by points, and beyond chance.
    static func shifted(_ x1: Int, _ n1: Int, _ x2: Int, _ n2: Int) -> Bool {
        let p1 = Double(x1) / Double(n1)
        let p2 = Double(x2) / Double(n2)
        let high = max(p1, p2)
        let low = min(p1, p2)
        guard high - low >= Thresholds.prevalencePoints else { return false }
        guard low == 0 || high / low >= Thresholds.prevalenceRatio else { return false }
        return Proportions.twoProportionP(x1, n1, x2, n2) < Thresholds.prevalenceP
    }

    /// The classes whose share is worth a sentence. With two classes one share is the other's
    /// complement, so only one is named: the positive class, else the rarer one.
    static func shareClasses(_ task: TaskAnalysis, _ counts: ConfusionCounts) -> [Int] {
        guard task.classes.count == 2 else { return Array(task.classes.indices) }
        if let positive = task.positive { return [positive] }
        return [counts.support(0) <= counts.support(1) ? 0 : 1]
    }

    static func prevalenceShiftOverWeeks(
        _ task: TaskAnalysis, _ set: SetResult, _ context: FindingContext
    ) -> [Finding] {
        guard let before = context.previousSet(task.task.id, set.config.id),
            let week = context.comparedTo
        else { return [] }
        let now = set.analysis
        return shareClasses(task, now.counts).compactMap { index in
            guard let old = before.classes.firstIndex(of: task.classes[index]) else { return nil }
            let x1 = before.counts.support(old)
            let n1 = before.counts.total
            let x2 = now.counts.support(index)
            let n2 = now.counts.total
            guard shifted(x1, n1, x2, n2) else { return nil }
            return Finding(
                code: "prevalence-shift", severity: .warning, task: task.task.id, set: set.config.id,
                message:
                    "'\(task.classes[index])' made up \(Wording.percent(Double(x2) / Double(n2))) of '\(set.config.id)' this week against \(Wording.percent(Double(x1) / Double(n1))) in \(week). When the mix of \(unit(task)) changes this much, metrics can move even if the model did not change."
            )
        }
    }

    static func prevalenceShiftBetweenSets(_ task: TaskAnalysis) -> [Finding] {
        guard let reference = task.sets.first else { return [] }
        var findings: [Finding] = []
        for other in task.sets.dropFirst() {
            for index in shareClasses(task, reference.analysis.counts) {
                let a = reference.analysis.counts
                let b = other.analysis.counts
                guard shifted(a.support(index), a.total, b.support(index), b.total) else { continue }
                findings.append(
                    Finding(
                        code: "prevalence-shift", severity: .info, task: task.task.id, set: other.config.id,
                        message:
                            "'\(task.classes[index])' makes up \(Wording.percent(Double(b.support(index)) / Double(b.total))) of '\(other.config.id)' but \(Wording.percent(Double(a.support(index)) / Double(a.total))) of '\(reference.config.id)'. The sets describe different situations, so their scores are not directly comparable."
                    ))
            }
        }
        return findings
    }

    /// Two sets whose primary-metric intervals do not overlap tell different stories.
    static func setsDisagree(_ task: TaskAnalysis) -> [Finding] {
        let estimates = task.sets.compactMap { set -> (String, Double, ClosedRange<Double>)? in
            guard let estimate = set.analysis.estimate(task.primaryMetric), let value = estimate.value,
                let ci = estimate.ci95
            else { return nil }
            return (set.config.id, value, ci)
        }
        guard let best = estimates.max(by: { $0.1 < $1.1 }),
            let worst = estimates.min(by: { $0.1 < $1.1 }),
            worst.2.upperBound < best.2.lowerBound
        else { return [] }
        let rate = task.primaryMetric.isRate
        return [
            Finding(
                code: "sets-disagree", severity: .warning, task: task.task.id, set: nil,
                message:
                    "The validation sets disagree: \(task.primaryMetric.displayName) is \(Wording.metric(best.1, isRate: rate)) on '\(best.0)' but \(Wording.metric(worst.1, isRate: rate)) on '\(worst.0)', a gap too large to be chance. The model works better on some kinds of data than others; '\(worst.0)' shows where it struggles."
            )
        ]
    }

    static func testSetOverlap(_ task: TaskAnalysis, _ context: FindingContext) -> [Finding] {
        (context.overlaps[task.task.id] ?? []).map { overlap in
            Finding(
                code: "test-set-overlap", severity: .critical, task: task.task.id, set: overlap.test,
                message:
                    "\(Wording.plural(overlap.shared, "example")) of the test set '\(overlap.test)' also \(overlap.shared == 1 ? "appears" : "appear") in '\(overlap.other)'. A test set must be kept apart from the data used to build and tune the model; otherwise its score is too optimistic."
            )
        }
    }

    static func testSetReused(_ task: TaskAnalysis, _ context: FindingContext) -> [Finding] {
        task.sets.compactMap { set in
            guard set.config.role == .test,
                let weeks = context.testSetWeeks["\(task.task.id)/\(set.config.id)"],
                weeks >= Thresholds.testSetWeeks
            else { return nil }
            return Finding(
                code: "test-set-reused", severity: .info, task: task.task.id, set: set.config.id,
                message:
                    "The test set '\(set.config.id)' has now been scored in \(weeks) weeks. Every look at a test set that guides a decision makes it a little more like a tuning set, so its score may be slightly optimistic."
            )
        }
    }
}
