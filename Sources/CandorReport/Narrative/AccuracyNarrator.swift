import CandorAnalysis
import CandorWorkspace

/// "Why accuracy is not the number to watch": the majority baseline in the client's labels.
enum AccuracyNarrator {
    static func view(_ task: TaskAnalysis, findings: [Finding], words: Words) -> AccuracyView? {
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
            "Take '\(set.config.id)': \(words.numbers.count(counts.total)) \(unit), of which \(words.numbers.count(rareCount)) are '\(rareName)' (\(words.oneIn(rareCount, of: counts.total))). A model that always said '\(baseline.label)', without looking at the data at all, would be right \(words.numbers.percent(baseline.accuracy)) of the time."
        )
        var closing = "Our model is \(words.numbers.percent(accuracy)) accurate, \(comparison(accuracy: accuracy, baseline: baseline, words: words))."
        if let positive = task.positive {
            let caught = counts[positive, positive]
            let total = counts.support(positive)
            if total > 0 {
                closing +=
                    caught == 0
                    ? " The number that matters is different: the model caught none of the \(words.numbers.count(total)) '\(task.classes[positive])' \(unit)."
                    : " The number that matters is different: of the \(words.numbers.count(total)) '\(task.classes[positive])' \(unit), the model caught \(words.numbers.count(caught)) (\(words.numbers.percent(Double(caught) / Double(total))))."
            }
        } else if rareCount > 0 {
            let right = counts[rare, rare]
            closing +=
                right == 0
                ? " The number that matters is how the rare class fares: the model recognised none of the \(words.numbers.count(rareCount)) '\(rareName)' \(unit)."
                : " The number that matters is how the rare class fares: of the \(words.numbers.count(rareCount)) '\(rareName)' \(unit), the model recognised \(words.numbers.count(right)) (\(words.numbers.percent(Double(right) / Double(rareCount))))."
        }
        paragraphs.append(closing)
        paragraphs.append("That is why this report leads with \(task.primaryMetric.displayName), not accuracy.")
        let rule =
            "Candor calls a class rare when it makes up less than \(words.numbers.percent(Thresholds.imbalanceShare, digits: 0)) of a set and less than half of an even share among the \(task.classes.count) classes; here '\(rareName)' is \(words.oneIn(rareCount, of: counts.total)) \(unit). It calls a margin over always saying '\(baseline.label)' \"only\" so many points when the model avoids less than half of the mistakes that answer makes."
        return AccuracyView(paragraphs: paragraphs, rule: rule)
    }

    /// How accuracy compares with always saying the majority class. "Only" when the model
    /// avoids less than half of that answer's mistakes (the `accuracy-misleading` rule);
    /// otherwise the model beats it clearly; "no better" when the gap does not show.
    static func comparison(accuracy: Double, baseline: (label: String, accuracy: Double), words: Words) -> String {
        let gap = accuracy - baseline.accuracy
        if Precision.isNonEvent(previous: baseline.accuracy, current: accuracy, isRate: true) { return "no better than that" }
        if gap < 0 { return "\(words.numbers.points(gap)) worse than that" }
        let errors = 1 - baseline.accuracy
        let avoided = errors > 0 ? gap / errors : 0
        if gap <= Thresholds.baselineMargin || avoided < Thresholds.baselineErrorShare {
            return "only \(words.numbers.points(gap)) better than that"
        }
        return "\(words.numbers.points(gap)) better than that: it avoids \(words.numbers.percent(avoided, digits: 0)) of the mistakes that always saying '\(baseline.label)' makes, so it beats that answer clearly"
    }
}
