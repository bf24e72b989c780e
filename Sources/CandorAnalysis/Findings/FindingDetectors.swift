import CandorWorkspace

/// The detectors, each small and independent; `all` runs them in a fixed order.
enum FindingDetectors {
    static func all(_ context: FindingContext) -> [Finding] {
        var findings: [Finding] = []
        for task in context.tasks {
            for set in task.sets {
                findings += classImbalance(task, set)
                findings += accuracyMisleading(task, set)
                findings += smallSample(task, set)
                findings += rankingHidesPrecision(task, set)
                findings += averageHidesWeakClass(task, set)
                findings += changes(task, set)
                findings += prevalenceShiftOverWeeks(task, set, context)
            }
            findings += prevalenceShiftBetweenSets(task)
            findings += setsDisagree(task)
            findings += testSetOverlap(task, context)
            findings += testSetReused(task, context)
        }
        return findings
    }

    static func unit(_ task: TaskAnalysis) -> String { task.task.unit }

    /// A class under 10% of the set and under half an even share.
    static func classImbalance(_ task: TaskAnalysis, _ set: SetResult) -> [Finding] {
        let counts = set.analysis.counts
        let k = Double(task.classes.count)
        let rare = task.classes.indices.filter { index in
            let share = Double(counts.support(index)) / Double(counts.total)
            return share < Thresholds.imbalanceShare && share < Thresholds.imbalanceEvenShareFraction / k
        }
        return rare.map { index in
            let support = counts.support(index)
            let name = task.classes[index]
            let message = support == 0
                ? "The '\(set.config.id)' set has no '\(name)' \(unit(task)) at all among its \(Wording.count(counts.total)), so nothing can be said about how well the model recognises them here."
                : "'\(name)' is rare in the '\(set.config.id)' set: \(Wording.oneIn(support, of: counts.total)) \(unit(task)) (\(Wording.count(support)) of \(Wording.count(counts.total))). On data this uneven, overall accuracy says little; watch how many '\(name)' cases are caught instead."
            return Finding(code: "class-imbalance", severity: .warning, task: task.task.id, set: set.config.id, message: message)
        }
    }

    static func accuracyMisleading(_ task: TaskAnalysis, _ set: SetResult) -> [Finding] {
        let analysis = set.analysis
        guard let accuracy = analysis.estimate(.accuracy)?.value else { return [] }
        let baseline = analysis.baseline
        let nearBaseline = accuracy - baseline.accuracy <= Thresholds.baselineMargin
        var lowRecall: Double?
        if let positive = task.positive, accuracy > Thresholds.highAccuracy,
           let recall = analysis.estimate(.recall)?.value, recall < Thresholds.lowRecall {
            lowRecall = recall
            _ = positive
        }
        guard nearBaseline || lowRecall != nil else { return [] }
        var message = "The model is \(Wording.percent(accuracy)) accurate on '\(set.config.id)', but a model that always said '\(baseline.label)' would be \(Wording.percent(baseline.accuracy)) accurate, because \(Wording.percent(baseline.accuracy)) of these \(unit(task)) are '\(baseline.label)'."
        if let lowRecall, let label = task.positiveLabel {
            let positives = analysis.counts.support(task.positive!)
            let caught = analysis.counts[task.positive!, task.positive!]
            message += " Meanwhile it catches only \(Wording.count(caught)) of \(Wording.count(positives)) '\(label)' cases (\(Wording.percent(lowRecall)))."
        }
        message += " Accuracy is not the number to judge this model by."
        return [Finding(code: "accuracy-misleading", severity: .warning, task: task.task.id, set: set.config.id, message: message)]
    }

    /// A class present but too rare for its recall to be pinned down within 20 points.
    static func smallSample(_ task: TaskAnalysis, _ set: SetResult) -> [Finding] {
        let counts = set.analysis.counts
        return task.classes.indices.compactMap { index in
            let support = counts.support(index)
            guard support > 0 else { return nil }
            let interval = Proportions.wilson(counts[index, index], support)
            guard interval.upperBound - interval.lowerBound > Thresholds.wideInterval else { return nil }
            let name = task.classes[index]
            return Finding(code: "small-sample", severity: .info, task: task.task.id, set: set.config.id,
                           message: "Only \(Wording.count(support)) '\(name)' \(unit(task)) are in '\(set.config.id)', so the share the model gets right (\(Wording.percent(Double(counts[index, index]) / Double(support)))) could plausibly be anywhere from \(Wording.interval(interval, isRate: true)). Treat small movements here as noise.")
        }
    }

    static func rankingHidesPrecision(_ task: TaskAnalysis, _ set: SetResult) -> [Finding] {
        guard let label = task.positiveLabel, let auc = set.analysis.estimate(.rocAUC)?.value,
              let precision = set.analysis.estimate(.precision)?.value,
              auc >= Thresholds.strongAUC, precision < Thresholds.lowPrecision else { return [] }
        let counts = set.analysis.counts, positive = task.positive!
        let alarms = counts.predictedCount(positive)
        return [Finding(code: "ranking-hides-precision", severity: .warning, task: task.task.id, set: set.config.id,
                        message: "On '\(set.config.id)' the model ranks '\(label)' cases well (ROC AUC \(String(format: "%.2f", auc))), but at the current threshold only \(Wording.count(counts[positive, positive])) of its \(Wording.count(alarms)) '\(label)' alerts are real (\(Wording.percent(precision))). A strong ranking score does not mean the alerts a person acts on are mostly right.")]
    }

    static func averageHidesWeakClass(_ task: TaskAnalysis, _ set: SetResult) -> [Finding] {
        guard task.positive == nil, let macro = set.analysis.estimate(.macroRecall)?.value ?? set.analysis.estimate(.balancedAccuracy)?.value,
              macro >= Thresholds.goodAverage else { return [] }
        let counts = set.analysis.counts
        return task.classes.indices.compactMap { index in
            let support = counts.support(index)
            guard support > 0 else { return nil }
            let recall = Double(counts[index, index]) / Double(support)
            guard recall < Thresholds.lowRecall else { return nil }
            return Finding(code: "average-hides-weak-class", severity: .warning, task: task.task.id, set: set.config.id,
                           message: "The average looks healthy on '\(set.config.id)' (\(Wording.percent(macro)) of each class recognised, on average), but '\(task.classes[index])' is recognised in only \(Wording.count(counts[index, index])) of \(Wording.count(support)) cases (\(Wording.percent(recall))).")
        }
    }
}
