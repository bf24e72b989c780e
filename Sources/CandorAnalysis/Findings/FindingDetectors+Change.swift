import CandorWorkspace

extension FindingDetectors {
    /// Regressions beyond noise for any shown metric; for the primary metric, also a real
    /// improvement or a movement that is within noise.
    static func changes(_ task: TaskAnalysis, _ set: SetResult) -> [Finding] {
        guard let changes = set.changes else { return [] }
        var findings: [Finding] = []
        for change in changes {
            guard let delta = change.delta, let previous = change.previous, let current = change.current else { continue }
            let isPrimary = change.metric == task.primaryMetric
            let name = change.metric.displayName
            let rate = change.metric.isRate
            let movement = rate ? Wording.points(delta) : String(format: "%.2f", abs(delta))
            let span = change.ci95.map { " (95% interval for the change: \(signed($0.lowerBound, rate)) to \(signed($0.upperBound, rate)))" } ?? ""
            if change.significant && delta < 0 {
                findings.append(Finding(code: "significant-regression", severity: isPrimary ? .critical : .warning,
                                        task: task.task.id, set: set.config.id,
                                        message: "\(capitalized(name)) on '\(set.config.id)' fell by \(movement), from \(Wording.metric(previous, isRate: rate)) to \(Wording.metric(current, isRate: rate))\(span). This drop is larger than week-to-week noise explains."))
            } else if isPrimary && change.significant && delta > 0 {
                findings.append(Finding(code: "significant-improvement", severity: .info, task: task.task.id, set: set.config.id,
                                        message: "\(capitalized(name)) on '\(set.config.id)' rose by \(movement), from \(Wording.metric(previous, isRate: rate)) to \(Wording.metric(current, isRate: rate))\(span). This gain is larger than week-to-week noise explains."))
            } else if isPrimary && !change.significant && change.test != nil {
                let direction = delta > 0 ? "rose" : (delta < 0 ? "fell" : "stayed")
                let size = delta == 0 ? "level" : "by \(movement)"
                findings.append(Finding(code: "change-not-significant", severity: .info, task: task.task.id, set: set.config.id,
                                        message: "\(capitalized(name)) on '\(set.config.id)' \(direction) \(size) (\(Wording.metric(previous, isRate: rate)) to \(Wording.metric(current, isRate: rate)))\(span). \(change.isSuggestive ? "On this set alone that is more than noise, but with every comparison in this report taken into account it is not yet a confirmed change; watch whether it holds next week." : "A movement this size is within the noise of a set this big, so it is not yet evidence of a real change.")"))
            }
        }
        return findings
    }

    static func signed(_ value: Double, _ rate: Bool) -> String {
        rate ? Wording.signedPoints(value) : (value >= 0 ? "+" : "−") + String(format: "%.2f", abs(value))
    }

    static func capitalized(_ text: String) -> String {
        text.prefix(1).uppercased() + text.dropFirst()
    }

    /// Two shares differ markedly: by a factor, by points, and beyond chance.
    static func shifted(_ x1: Int, _ n1: Int, _ x2: Int, _ n2: Int) -> Bool {
        let p1 = Double(x1) / Double(n1), p2 = Double(x2) / Double(n2)
        let high = max(p1, p2), low = min(p1, p2)
        guard high - low >= Thresholds.prevalencePoints else { return false }
        guard low == 0 || high / low >= Thresholds.prevalenceRatio else { return false }
        return Proportions.twoProportionP(x1, n1, x2, n2) < Thresholds.prevalenceP
    }

    static func prevalenceShiftOverWeeks(_ task: TaskAnalysis, _ set: SetResult, _ context: FindingContext) -> [Finding] {
        guard let before = context.previousSet(task.task.id, set.config.id), let week = context.comparedTo else { return [] }
        let now = set.analysis
        return task.classes.indices.compactMap { index in
            guard let old = before.classes.firstIndex(of: task.classes[index]) else { return nil }
            let x1 = before.counts.support(old), n1 = before.counts.total
            let x2 = now.counts.support(index), n2 = now.counts.total
            guard shifted(x1, n1, x2, n2) else { return nil }
            return Finding(code: "prevalence-shift", severity: .warning, task: task.task.id, set: set.config.id,
                           message: "'\(task.classes[index])' made up \(Wording.percent(Double(x2) / Double(n2))) of '\(set.config.id)' this week against \(Wording.percent(Double(x1) / Double(n1))) in \(week). When the mix of \(unit(task)) changes this much, metrics can move even if the model did not change.")
        }
    }

    static func prevalenceShiftBetweenSets(_ task: TaskAnalysis) -> [Finding] {
        guard let reference = task.sets.first else { return [] }
        var findings: [Finding] = []
        for other in task.sets.dropFirst() {
            for index in task.classes.indices {
                let a = reference.analysis.counts, b = other.analysis.counts
                guard shifted(a.support(index), a.total, b.support(index), b.total) else { continue }
                findings.append(Finding(code: "prevalence-shift", severity: .info, task: task.task.id, set: other.config.id,
                                        message: "'\(task.classes[index])' makes up \(Wording.percent(Double(b.support(index)) / Double(b.total))) of '\(other.config.id)' but \(Wording.percent(Double(a.support(index)) / Double(a.total))) of '\(reference.config.id)'. The sets describe different situations, so their scores are not directly comparable."))
            }
        }
        return findings
    }

    /// Two sets whose primary-metric intervals do not overlap tell different stories.
    static func setsDisagree(_ task: TaskAnalysis) -> [Finding] {
        let estimates = task.sets.compactMap { set -> (String, Double, ClosedRange<Double>)? in
            guard let estimate = set.analysis.estimate(task.primaryMetric), let value = estimate.value, let ci = estimate.ci95 else { return nil }
            return (set.config.id, value, ci)
        }
        guard let best = estimates.max(by: { $0.1 < $1.1 }), let worst = estimates.min(by: { $0.1 < $1.1 }),
              worst.2.upperBound < best.2.lowerBound else { return [] }
        let rate = task.primaryMetric.isRate
        return [Finding(code: "sets-disagree", severity: .warning, task: task.task.id, set: nil,
                        message: "The validation sets disagree: \(task.primaryMetric.displayName) is \(Wording.metric(best.1, isRate: rate)) on '\(best.0)' but \(Wording.metric(worst.1, isRate: rate)) on '\(worst.0)', a gap too large to be chance. The model works better on some kinds of data than others; '\(worst.0)' shows where it struggles.")]
    }

    static func testSetOverlap(_ task: TaskAnalysis, _ context: FindingContext) -> [Finding] {
        (context.overlaps[task.task.id] ?? []).map { overlap in
            Finding(code: "test-set-overlap", severity: .critical, task: task.task.id, set: overlap.test,
                    message: "\(Wording.plural(overlap.shared, "example")) of the test set '\(overlap.test)' also appear in '\(overlap.other)'. A test set must be kept apart from the data used to build and tune the model; otherwise its score is too optimistic.")
        }
    }

    static func testSetReused(_ task: TaskAnalysis, _ context: FindingContext) -> [Finding] {
        task.sets.compactMap { set in
            guard set.config.role == .test, let weeks = context.testSetWeeks["\(task.task.id)/\(set.config.id)"],
                  weeks >= Thresholds.testSetWeeks else { return nil }
            return Finding(code: "test-set-reused", severity: .info, task: task.task.id, set: set.config.id,
                           message: "The test set '\(set.config.id)' has now been scored in \(weeks) weeks. Every look at a test set that guides a decision makes it a little more like a tuning set; choose changes on the validation sets and read the test set only to confirm.")
        }
    }
}
