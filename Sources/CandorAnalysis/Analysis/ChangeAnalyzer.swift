import CandorWorkspace

/// Compares one set between two weeks, metric by metric, with the test that fits the data.
///
/// Paired when both weeks have ids in common: McNemar's test for accuracy, recall and
/// specificity (on the shared examples), a paired bootstrap for the rest. Otherwise
/// Newcombe's interval with a two-proportion z-test for proportions and an unpaired
/// bootstrap for the rest. ROC AUC and average precision use z-tests on their variances.
/// `significant` is left false here: only the whole report's Holm adjustment sets it.
public struct ChangeAnalyzer: Sendable {
    public init() {}

    public func compare(before: (set: EvaluationSet, analysis: SetAnalysis),
                        after: (set: EvaluationSet, analysis: SetAnalysis)) -> [MetricChange] {
        let positiveName = after.analysis.positive.map { after.analysis.classes[$0] }
        let paired = PairedExamples(before: before.set, beforeClasses: before.analysis.classes,
                                    after: after.set, afterClasses: after.analysis.classes, positiveName: positiveName)
        let bootstrap = paired.map { pairedBootstrap($0, metrics: after.analysis.metrics.map(\.name)) }
            ?? unpairedBootstrap(before.analysis, after.analysis)
        return after.analysis.metrics.map { name, estimate in
            var change = MetricChange(metric: name, previous: before.analysis.estimate(name)?.value, current: estimate.value,
                                      significant: false)
            guard let previous = change.previous, let current = change.current else {
                change.reason = change.previous == nil && before.analysis.estimate(name) != nil
                    ? "the earlier week's value is undefined: \(before.analysis.estimate(name)?.reason ?? "")"
                    : (before.analysis.estimate(name) == nil ? "the earlier week has no value for this metric (it had no scores)" : "this week's value is undefined: \(estimate.reason ?? "")")
                return change
            }
            let delta = current - previous
            change.delta = delta
            if let (ci, test, p, shared) = rankingTest(name, before.analysis, after.analysis, delta: delta)
                ?? proportionTest(name, before.analysis, after.analysis, paired: paired, delta: delta, positiveName: positiveName,
                                  pairedInterval: paired == nil ? nil : bootstrap[name].flatMap { Bootstrap.differenceSummary($0, estimate: delta)?.ci })
                ?? bootstrapTest(name, bootstrap, delta: delta, paired: paired) {
                change.ci95 = ci
                change.test = test
                change.pValue = p
                change.pairedExamples = shared
            } else {
                change.reason = "the change cannot be tested: too few resamples had a value"
            }
            return change
        }
    }

    private typealias Outcome = (ClosedRange<Double>, String, Double, Int?)

    private func rankingTest(_ name: MetricName, _ before: SetAnalysis, _ after: SetAnalysis, delta: Double) -> Outcome? {
        guard name == .rocAUC || name == .prAUC, let a = before.ranking, let b = after.ranking else { return nil }
        let variance: Double
        if name == .rocAUC {
            variance = (a.rocAUCVariance ?? 0) + (b.rocAUCVariance ?? 0)
        } else {
            func apVariance(_ r: RankingMetrics) -> Double {
                let ap = r.averagePrecision ?? 0
                return ap * (1 - ap) / Double(max(1, r.positives))
            }
            variance = apVariance(a) + apVariance(b)
        }
        let se = variance.squareRoot()
        let ci = (delta - Normal.z95 * se)...(delta + Normal.z95 * se)
        guard se > 0 || delta == 0 else { return nil }
        let p = se > 0 ? Normal.twoSidedP(delta / se) : 1
        return (ci, name == .rocAUC ? "delong" : "ap-z", p, nil)
    }

    /// With paired examples, `pairedInterval` (from the paired bootstrap) replaces Newcombe's
    /// unpaired interval, so the interval and McNemar's test tell the same story.
    private func proportionTest(_ name: MetricName, _ before: SetAnalysis, _ after: SetAnalysis, paired: PairedExamples?,
                                delta: Double, positiveName: String?, pairedInterval: ClosedRange<Double>?) -> Outcome? {
        let analyzerBefore = SetAnalyzer(classes: before.classes, positive: before.positive)
        let analyzerAfter = SetAnalyzer(classes: after.classes, positive: after.positive)
        guard let (x1, n1) = analyzerBefore.proportion(name, before.counts),
              let (x2, n2) = analyzerAfter.proportion(name, after.counts), n1 > 0, n2 > 0 else { return nil }
        let ci = Proportions.newcombeDifference(x1, n1, x2, n2)
        if let paired, name != .precision {
            let positive = paired.positive
            let include: (Int) -> Bool
            switch name {
            case .recall: include = { $0 == positive }
            case .specificity: include = { $0 != positive }
            default: include = { _ in true }
            }
            let (improved, worsened) = paired.discordant(where: include)
            return (pairedInterval ?? ci, "mcnemar", McNemar.pValue(improved: improved, worsened: worsened), paired.total)
        }
        return (ci, "newcombe", Proportions.twoProportionP(x1, n1, x2, n2), nil)
    }

    private func bootstrapTest(_ name: MetricName, _ deltas: [MetricName: [Double]], delta: Double,
                               paired: PairedExamples?) -> Outcome? {
        guard let values = deltas[name], let summary = Bootstrap.differenceSummary(values, estimate: delta) else { return nil }
        return (summary.ci, paired == nil ? "bootstrap" : "paired-bootstrap", summary.p, paired?.total)
    }

    private func pairedBootstrap(_ paired: PairedExamples, metrics: [MetricName]) -> [MetricName: [Double]] {
        let weights = paired.cells.map { Double($0.count) / Double(paired.total) }
        var random = RandomSource(seed: RandomSource.seed(from: paired.cells.map(\.count), salt: "paired"))
        var draw = [Int](repeating: 0, count: weights.count)
        var deltas = [MetricName: [Double]]()
        let names = metrics.filter { $0 != .rocAUC && $0 != .prAUC }
        for _ in 0..<Bootstrap.resamples / 2 {
            let (before, after) = paired.resample(using: &random, weights: weights, draw: &draw)
            let a = CountMetrics(counts: before, classes: paired.classes, positive: paired.positive)
            let b = CountMetrics(counts: after, classes: paired.classes, positive: paired.positive)
            for name in names {
                if let x = a.value(name).number, let y = b.value(name).number { deltas[name, default: []].append(y - x) }
            }
        }
        return deltas
    }

    private func unpairedBootstrap(_ before: SetAnalysis, _ after: SetAnalysis) -> [MetricName: [Double]] {
        var random = RandomSource(seed: RandomSource.seed(from: before.counts.cells + after.counts.cells, salt: "unpaired"))
        let names = after.metrics.map(\.name).filter { $0 != .rocAUC && $0 != .prAUC }
        func weights(_ counts: ConfusionCounts) -> [Double] { counts.cells.map { Double($0) / Double(counts.total) } }
        let wa = weights(before.counts), wb = weights(after.counts)
        var drawA = before.counts, drawB = after.counts
        var deltas = [MetricName: [Double]]()
        for _ in 0..<Bootstrap.resamples / 2 {
            Binomial.multinomial(before.counts.total, wa, into: &drawA.cells, using: &random)
            Binomial.multinomial(after.counts.total, wb, into: &drawB.cells, using: &random)
            let a = CountMetrics(counts: drawA, classes: before.classes, positive: before.positive)
            let b = CountMetrics(counts: drawB, classes: after.classes, positive: after.positive)
            for name in names {
                if let x = a.value(name).number, let y = b.value(name).number { deltas[name, default: []].append(y - x) }
            }
        }
        return deltas
    }
}
