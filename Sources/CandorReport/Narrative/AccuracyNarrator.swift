import CandorAnalysis
import CandorWorkspace

/// "Why accuracy is not the number to watch": the majority baseline in the client's labels.
enum AccuracyNarrator {
    static func view(_ task: TaskAnalysis, findings: [Finding]) -> AccuracyView? {
        let relevant = findings.filter { $0.task == task.task.id && ($0.code == "class-imbalance" || $0.code == "accuracy-misleading") }
        guard !relevant.isEmpty else { return nil }
        // Tell the story on the test set when it is concerned, else on the first set concerned.
        let concerned = task.sets.filter { set in relevant.contains { $0.set == set.config.id } }
        guard let set = concerned.first(where: { $0.config.role == .test }) ?? concerned.first,
            let accuracy = set.analysis.estimate(.accuracy)?.value
        else { return nil }
        let analysis = set.analysis
        let counts = analysis.counts
        let unit = task.task.unit
        let baseline = analysis.baseline
        var paragraphs: [String] = []
        let rare = task.classes.indices.min { counts.support($0) < counts.support($1) }!
        let rareName = task.classes[rare]
        let rareCount = counts.support(rare)
        paragraphs.append(
            "Take '\(set.config.id)': \(Wording.count(counts.total)) \(unit), of which \(Wording.count(rareCount)) are '\(rareName)' (\(Wording.oneIn(rareCount, of: counts.total))). A model that always said '\(baseline.label)', without looking at the data at all, would be right \(Wording.percent(baseline.accuracy)) of the time."
        )
        let gap = accuracy - baseline.accuracy
        let comparison = gap >= 0 ? "only \(Wording.points(gap)) better than that" : "\(Wording.points(gap)) worse than that"
        var closing = "Our model is \(Wording.percent(accuracy)) accurate, \(comparison)."
        if let positive = task.positive {
            let caught = counts[positive, positive]
            let total = counts.support(positive)
            if total > 0 {
                closing +=
                    " The number that matters is different: of the \(Wording.count(total)) '\(task.classes[positive])' \(unit), the model caught \(Wording.count(caught)) (\(Wording.percent(Double(caught) / Double(total))))."
            }
        } else if rareCount > 0 {
            closing +=
                " The number that matters is how the rare class fares: of the \(Wording.count(rareCount)) '\(rareName)' \(unit), the model recognised \(Wording.count(counts[rare, rare])) (\(Wording.percent(Double(counts[rare, rare]) / Double(rareCount))))."
        }
        paragraphs.append(closing)
        paragraphs.append("That is why this report leads with \(task.primaryMetric.displayName), not accuracy.")
        let rule =
            "Candor calls a class rare when it makes up less than \(Wording.percent(Thresholds.imbalanceShare, digits: 0)) of a set and less than half of an even share among the \(task.classes.count) classes; here '\(rareName)' is \(Wording.oneIn(rareCount, of: counts.total)) \(unit)."
        return AccuracyView(paragraphs: paragraphs, rule: rule)
    }
}
