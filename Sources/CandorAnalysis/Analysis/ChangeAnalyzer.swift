import CandorModel

/// Compares one set between two weeks, metric by metric, with tests that hold their error
/// rate at any sample size and intervals that stay within each change's possible range.
///
/// Count metrics: a sign-flip randomisation test on the examples both weeks share by id,
/// otherwise a permutation test; ROC AUC and average precision: see `RankingChanges`. Metrics
/// whose changes carry the same information (balanced accuracy and macro recall; balanced
/// accuracy and recall when only the positive examples' answers changed) share one p-value and
/// one `evidenceGroup`, so they cannot get different verdicts. `significant` is left false
/// here: only the report's Holm adjustment, family by family, sets it.
public struct ChangeAnalyzer: Sendable {
  public init() {}

  public func compare(
    before: (set: EvaluationSet, analysis: SetAnalysis),
    after: (set: EvaluationSet, analysis: SetAnalysis)
  ) -> [MetricChange] {
    let positiveName = after.analysis.positive.map { after.analysis.classes[$0] }
    var changes = after.analysis.metrics.map { name, estimate in
      Self.unresolved(name, estimate: estimate, before: before.analysis.estimate(name))
    }
    let counted = changes.indices.filter {
      changes[$0].delta != nil && !changes[$0].metric.isRanking
        && !MetricName.scoreDerived.contains(changes[$0].metric)
    }
    var draws: CountChangeResampling.Draws?
    if !counted.isEmpty {
      var union = after.analysis.classes
      for name in before.analysis.classes where !union.contains(name) { union.append(name) }
      let resampling = CountChangeResampling(
        names: counted.map { changes[$0].metric }, classes: union,
        positive: positiveName.flatMap { union.firstIndex(of: $0) })
      let paired = PairedExamples(
        before: before.set, beforeClasses: before.analysis.classes, after: after.set,
        afterClasses: after.analysis.classes, positiveName: positiveName)
      let result =
        paired.map(resampling.paired)
        ?? resampling.unpaired(
          before.analysis.counts.remapped(from: before.analysis.classes, to: union),
          after.analysis.counts.remapped(from: after.analysis.classes, to: union))
      draws = result
      for (column, index) in counted.enumerated() {
        let metric = changes[index].metric
        let exact = result.nullProbabilities != nil
        guard
          let test = ResampledTest(
            statistic: result.statistic[column], estimate: changes[index].delta!,
            null: exact ? result.null[column] : result.null[column].filter { !$0.isNaN },
            probabilities: result.nullProbabilities,
            posterior: result.posterior[column].filter { !$0.isNaN },
            range: metric.changeRange)
        else {
          changes[index].reason = .tooFewResamples
          continue
        }
        changes[index].record(
          test, name: paired == nil ? .permutation : exact ? .signFlipExact : .signFlip,
          pairedExamples: paired?.total)
      }
    }
    if var ranking = RankingChanges(before: before, after: after) {
      for index in changes.indices where changes[index].metric.isRanking {
        guard let delta = changes[index].delta else { continue }
        let outcome =
          changes[index].metric == .rocAUC
          ? ranking.rocAUC(delta: delta) : ranking.averagePrecision(delta: delta)
        if let (test, name, paired) = outcome {
          changes[index].record(test, name: name, pairedExamples: paired)
        } else {
          changes[index].reason = .rankingTooFewOfOneClass
        }
      }
    }
    // Each a pass or two over every example (a binary task's losses computed as they are
    // read): the metrics share the cores. The weeks' rows are put in hash order once, for all
    // of them (their ids are one array a week).
    let perExample = changes.indices.compactMap {
      index -> (index: Int, delta: Double, before: ExampleValues, after: ExampleValues)? in
      let metric = changes[index].metric
      guard let delta = changes[index].delta, let a = before.analysis.perExample[metric],
        let b = after.analysis.perExample[metric]
      else { return nil }
      return (index, delta, a, b)
    }
    let orders = perExample.first.flatMap { item in
      item.before.idHashes.flatMap { a in
        item.after.idHashes.map { b in Concurrently.both({ HashOrder(a) }, { HashOrder(b) }) }
      }
    }
    let tested = Concurrently.map(perExample) {
      ExampleChanges.compare(
        before: $0.before, after: $0.after, delta: $0.delta,
        orders: orders.map { (before: $0.0, after: $0.1) })
    }
    for ((index, _, _, _), outcome) in zip(perExample, tested) {
      if let (test, name, paired) = outcome {
        changes[index].record(test, name: name, pairedExamples: paired)
      }
    }
    if let draws { Self.groupSameEvidence(&changes, counted: counted, draws: draws) }
    for index in changes.indices { changes[index].keepWithinReach() }
    return changes
  }

  /// A change with its values and, where it cannot be computed, the reason; not yet tested.
  static func unresolved(_ name: MetricName, estimate: MetricEstimate, before: MetricEstimate?)
    -> MetricChange
  {
    var change = MetricChange(
      metric: name, previous: before?.value, current: estimate.value, significant: false)
    if let previous = change.previous, let current = change.current {
      change.delta = current - previous
    } else if before == nil {
      change.reason = .earlierHasNoScores
    } else if change.previous == nil {
      change.reason = .earlierUndefined(before?.reason)
    } else {
      change.reason = .currentUndefined(estimate.reason)
    }
    return change
  }

  /// Changes whose null draws are proportional, draw for draw, carry the same information:
  /// they share the largest of their p-values, and each interval is kept in agreement with it.
  static func groupSameEvidence(
    _ changes: inout [MetricChange], counted: [Int], draws: CountChangeResampling.Draws
  ) {
    var group = [Int](repeating: -1, count: counted.count)
    for i in counted.indices where group[i] < 0 {
      group[i] = i
      let si = draws.statistic[i]
      guard si != 0, !si.isNaN, changes[counted[i]].pValue != nil else { continue }
      for j in counted.indices where j > i && group[j] < 0 {
        let sj = draws.statistic[j]
        guard sj != 0, !sj.isNaN, (si > 0) == (sj > 0), changes[counted[j]].pValue != nil else {
          continue
        }
        if proportional(draws.null[i], draws.null[j], ratio: si / sj) { group[j] = i }
      }
    }
    for (position, index) in counted.enumerated() {
      changes[index].evidenceGroup = group[position]
    }
    for leader in Set(group) {
      let members = counted.indices.filter { group[$0] == leader }.map { counted[$0] }
      guard members.count > 1 else { continue }
      let shared = members.compactMap { changes[$0].pValue }.max() ?? 1
      for index in members {
        changes[index].pValue = shared
        if shared >= Thresholds.alpha, let ci = changes[index].ci95, !ci.contains(0) {
          changes[index].ci95 = ci.lowerBound > 0 ? 0...ci.upperBound : ci.lowerBound...0
        }
      }
    }
  }

  /// Proportional wherever both are defined, and both defined in most draws (balanced
  /// accuracy stays defined where macro recall does not, when a class is predicted but absent).
  static func proportional(_ x: [Double], _ y: [Double], ratio: Double) -> Bool {
    guard x.count == y.count else { return false }
    var both = 0
    for (a, b) in zip(x, y) where !a.isNaN && !b.isNaN {
      both += 1
      if abs(a - ratio * b) > 1e-9 * (abs(a) + abs(ratio * b)) + 1e-12 { return false }
    }
    return both * 2 >= x.count
  }
}

extension MetricChange {
  mutating func record(_ result: ResampledTest, name: TestMethod, pairedExamples: Int?) {
    ci95 = result.ci
    pValue = result.p
    test = name
    self.pairedExamples = pairedExamples
  }
}

extension MetricChange {
  /// A change cannot carry the metric past its possible values (from 0% no drop can happen),
  /// so neither does its interval; clipping only removes impossible values, and the interval
  /// still contains the change and zero exactly when it did before. Losses are left alone: a
  /// multiclass Brier score's ceiling depends on the class count.
  mutating func keepWithinReach() {
    guard !metric.lowerIsBetter, let previous, let ci = ci95 else { return }
    let possible = metric.possibleValues
    let reach = (possible.lowerBound - previous)...(possible.upperBound - previous)
    let clipped = ci.clamped(to: reach)
    if clipped.upperBound > clipped.lowerBound { ci95 = clipped }
  }
}

extension MetricName {
  var isRanking: Bool { self == .rocAUC || self == .prAUC }

  /// Where a change of this metric can lie: [−2, 2] for the correlations, [−1, 1] for rates.
  /// Log loss has no upper bound.
  var changeRange: ClosedRange<Double> {
    switch self {
    case .mcc, .cohenKappa: -2...2
    case .logLoss: -Double.greatestFiniteMagnitude...Double.greatestFiniteMagnitude
    default: -1...1
    }
  }
}
