import CandorModel

/// Compares two runs over every task and set present in both, with the weekly report's
/// tests and Holm families (primary metrics; everything else). A metric is *regressed* or
/// *improved* when significant after Holm within its family (adjusted p < 0.05); a *possible regression* when it got worse with a Holm-adjusted
/// p-value under `possibleRegressionP` (0.10): a looser bar, because a missed regression
/// costs more than a second look, yet still corrected for the number of comparisons.
public struct DiffAnalyzer: Sendable {
  public static let possibleRegressionP = 0.10
  public static let sampleCount = 5

  public init() {}

  public func diff(
    base: [TaskEvaluation], candidate: [TaskEvaluation], baseName: String, candidateName: String
  ) -> ModelDiff {
    var tasks: [TaskDiff] = []
    for after in candidate {
      guard let before = base.first(where: { $0.task.id == after.task.id }) else { continue }
      let primary = PrimaryMetricPolicy.choose(after).metric
      var sets: [SetDiff] = []
      for set in after.sets {
        guard let old = before.sets.first(where: { $0.setID == set.setID }) else { continue }
        let a = SetAnalyzer(task: before).analyze(old)
        let b = SetAnalyzer(task: after).analyze(set)
        sets.append(
          SetDiff(
            setID: set.setID, before: a, after: b,
            changes: ChangeAnalyzer().compare(before: (old, a), after: (set, b)), verdicts: [],
            flips: Self.flips(
              before: old, beforeClasses: before.classes, after: set, afterClasses: after.classes),
            primaryMetric: primary))
      }
      guard !sets.isEmpty else { continue }
      tasks.append(TaskDiff(task: after.task, primaryMetric: primary, sets: sets))
    }
    let comparisons = ChangeFamilies.apply(to: &tasks)
    for t in tasks.indices {
      for s in tasks[t].sets.indices {
        tasks[t].sets[s].verdicts = tasks[t].sets[s].changes.map(Self.verdict)
      }
    }
    return ModelDiff(
      base: baseName, candidate: candidateName, tasks: tasks, comparisons: comparisons.primary,
      supportingComparisons: comparisons.supporting)
  }

  static func verdict(_ change: MetricChange) -> DiffVerdict {
    // `gain`: a loss (Brier score, log loss) that fell is an improvement.
    guard let delta = change.gain, delta != 0 else { return .unchanged }
    if change.significant { return delta > 0 ? .improved : .regressed }
    if delta < 0, let p = change.adjustedPValue, p < possibleRegressionP {
      return .possibleRegression
    }
    return .unchanged
  }

  static func flips(
    before: EvaluationSet, beforeClasses: [String], after: EvaluationSet, afterClasses: [String]
  ) -> Flips? {
    guard let a = before.keyed, let b = after.keyed else { return nil }
    var wrong = 0
    var right = 0
    var perClass = [(Int, Int)](repeating: (0, 0), count: afterClasses.count)
    var wrongSamples: [UInt64] = []
    var rightSamples: [UInt64] = []
    let matched = SharedIDs.forEach(a.idHashes, b.idHashes) { i, j in
      let wasRight = beforeClasses[a.label(i)] == beforeClasses[a.prediction(i)]
      let isRight = b.label(j) == b.prediction(j)
      let label = b.label(j)
      if wasRight && !isRight {
        wrong += 1
        perClass[label].0 += 1
        if wrongSamples.count < sampleCount { wrongSamples.append(b.idHashes[j]) }
      } else if !wasRight && isRight {
        right += 1
        perClass[label].1 += 1
        if rightSamples.count < sampleCount { rightSamples.append(b.idHashes[j]) }
      }
    }
    guard matched > 0 else { return nil }
    return Flips(
      becameWrong: wrong, becameRight: right,
      perClass: afterClasses.indices.map { (afterClasses[$0], perClass[$0].0, perClass[$0].1) },
      wrongSamples: wrongSamples, rightSamples: rightSamples)
  }
}
