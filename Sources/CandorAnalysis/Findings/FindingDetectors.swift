import CandorModel

/// The detectors, each small and independent; `all` runs them in a fixed order.
enum FindingDetectors {
  static func all(_ context: FindingContext) -> [Finding] {
    var findings: [Finding] = []
    for task in context.tasks {
      var taskFindings: [Finding] = []
      for set in task.sets {
        taskFindings += classImbalance(task, set)
        taskFindings += accuracyMisleading(task, set)
        taskFindings += smallSample(task, set)
        taskFindings += rankingHidesPrecision(task, set)
        taskFindings += changes(task, set)
        taskFindings += prevalenceShiftOverWeeks(task, set, context)
      }
      taskFindings += prevalenceShiftBetweenSets(task)
      taskFindings += setsDisagree(task)
      taskFindings += testSetOverlap(task, context)
      taskFindings += testSetReused(task, context)
      // Reassurance ("the average looks healthy") never sits beside a critical finding.
      let critical = taskFindings.contains { $0.severity == .critical }
      for set in task.sets { taskFindings += averageHidesWeakClass(task, set, reassure: !critical) }
      findings += taskFindings
    }
    return findings
  }

  static func unit(_ task: TaskAnalysis) -> String { task.task.unit }

  /// A class under 10% of the set and under half an even share.
  static func classImbalance(_ task: TaskAnalysis, _ set: SetResult) -> [Finding] {
    let counts = set.analysis.counts
    let limit = Thresholds.imbalanceLimit(classes: task.classes.count)
    let rare = task.classes.indices.filter { index in
      Double(counts.support(index)) / Double(counts.total) < limit
    }
    return rare.map { index in
      Finding(
        severity: .warning, task: task.task.id, set: set.config.id,
        fact: .classImbalance(
          ClassShare(
            set: set.config.id, label: task.classes[index], unit: unit(task),
            support: counts.support(index),
            total: counts.total)))
    }
  }

  /// Accuracy barely beats always saying the majority class: the model removes less than half
  /// of that baseline's errors, or accuracy is within 2 points of it, or accuracy is above 90%
  /// while the positive class is mostly missed.
  public static func accuracyIsMisleading(accuracy: Double, baseline: Double) -> Bool {
    let baselineErrors = 1 - baseline
    let removed = baselineErrors - (1 - accuracy)
    return accuracy - baseline <= Thresholds.baselineMargin
      || removed < Thresholds.baselineErrorShare * baselineErrors
  }

  static func accuracyMisleading(_ task: TaskAnalysis, _ set: SetResult) -> [Finding] {
    let analysis = set.analysis
    guard let accuracy = analysis.estimate(.accuracy)?.value else { return [] }
    let baseline = analysis.baseline
    let nearBaseline = accuracyIsMisleading(accuracy: accuracy, baseline: baseline.accuracy)
    var missed: CaughtCount?
    if let positive = task.positive, let label = task.positiveLabel,
      accuracy > Thresholds.highAccuracy,
      let recall = analysis.estimate(.recall)?.value, recall < Thresholds.lowRecall
    {
      missed = CaughtCount(
        label: label, caught: analysis.counts[positive, positive],
        total: analysis.counts.support(positive))
    }
    guard nearBaseline || missed != nil else { return [] }
    return [
      Finding(
        severity: .warning, task: task.task.id, set: set.config.id,
        fact: .accuracyMisleading(
          AccuracyAgainstBaseline(
            set: set.config.id, unit: unit(task), accuracy: accuracy, baselineLabel: baseline.label,
            baselineAccuracy: baseline.accuracy, missedPositives: missed)))
    ]
  }

  /// A class present but too rare for its recall to be pinned down within 20 points.
  static func smallSample(_ task: TaskAnalysis, _ set: SetResult) -> [Finding] {
    let counts = set.analysis.counts
    return task.classes.indices.compactMap { index in
      let support = counts.support(index)
      guard support > 0 else { return nil }
      let interval = Proportions.wilson(counts[index, index], support)
      guard interval.upperBound - interval.lowerBound > Thresholds.wideInterval else { return nil }
      return Finding(
        severity: .info, task: task.task.id, set: set.config.id,
        fact: .smallSample(
          SmallClass(
            set: set.config.id, unit: unit(task),
            recognised: CaughtCount(
              label: task.classes[index], caught: counts[index, index], total: support),
            interval: interval)))
    }
  }

  static func rankingHidesPrecision(_ task: TaskAnalysis, _ set: SetResult) -> [Finding] {
    guard let label = task.positiveLabel, let auc = set.analysis.estimate(.rocAUC)?.value,
      let precision = set.analysis.estimate(.precision)?.value,
      auc >= Thresholds.strongAUC, precision < Thresholds.lowPrecision
    else { return [] }
    let counts = set.analysis.counts
    let positive = task.positive!
    return [
      Finding(
        severity: .warning, task: task.task.id, set: set.config.id,
        fact: .rankingHidesPrecision(
          RankingAgainstAlerts(
            set: set.config.id, label: label, rocAUC: auc,
            alerts: CaughtCount(
              label: label, caught: counts[positive, positive],
              total: counts.predictedCount(positive)),
            precision: precision)))
    ]
  }

  /// - Parameter reassure: false when the task has a critical finding: then the average is
  ///   not called "healthy".
  static func averageHidesWeakClass(_ task: TaskAnalysis, _ set: SetResult, reassure: Bool = true)
    -> [Finding]
  {
    guard task.positive == nil,
      let macro = set.analysis.estimate(.macroRecall)?.value
        ?? set.analysis.estimate(.balancedAccuracy)?.value,
      macro >= Thresholds.goodAverage
    else { return [] }
    let counts = set.analysis.counts
    return task.classes.indices.compactMap { index in
      let support = counts.support(index)
      guard support > 0 else { return nil }
      let recall = Double(counts[index, index]) / Double(support)
      guard recall < Thresholds.lowRecall else { return nil }
      return Finding(
        severity: .warning, task: task.task.id, set: set.config.id,
        fact: .averageHidesWeakClass(
          WeakClass(
            set: set.config.id, average: macro, reassure: reassure,
            weak: CaughtCount(
              label: task.classes[index], caught: counts[index, index], total: support))))
    }
  }
}

/// Conditions that hold week after week (a rare class, accuracy that misleads): computed for
/// any week's tasks, so a report can tell a condition that is new from one that stands.
public enum StandingConditions {
  public static let codes: Set<FindingCode> = [
    .classImbalance, .accuracyMisleading, .smallSample, .rankingHidesPrecision,
    .averageHidesWeakClass,
    .setsDisagree, .testSetReused,
  ]

  /// Every condition of these tasks that does not depend on the week before: rare classes,
  /// misleading accuracy, small classes, ranking against precision, weak classes behind an
  /// average, sets that disagree or differ in mix.
  public static func findings(_ tasks: [TaskAnalysis]) -> [Finding] {
    var findings: [Finding] = []
    for task in tasks {
      for set in task.sets {
        findings += FindingDetectors.classImbalance(task, set)
        findings += FindingDetectors.accuracyMisleading(task, set)
        findings += FindingDetectors.smallSample(task, set)
        findings += FindingDetectors.rankingHidesPrecision(task, set)
        findings += FindingDetectors.averageHidesWeakClass(task, set)
      }
      findings += FindingDetectors.setsDisagree(task)
      findings += FindingDetectors.prevalenceShiftBetweenSets(task)
    }
    return findings
  }

  /// Accuracy barely beats always saying the majority class on this set (the
  /// `accuracy-misleading` rule without its recall clause).
  public static func accuracyMisleads(_ set: SetAnalysis) -> Bool {
    guard let accuracy = set.estimate(.accuracy)?.value else { return false }
    return FindingDetectors.accuracyIsMisleading(
      accuracy: accuracy, baseline: set.baseline.accuracy)
  }
}
