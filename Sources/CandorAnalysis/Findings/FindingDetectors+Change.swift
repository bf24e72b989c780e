import CandorModel

extension FindingDetectors {
  /// The primary metric's change on each set (a real drop, a real gain, or a movement within
  /// noise); other metrics only where they fell beyond noise and the primary metric did not
  /// fall with them (otherwise the primary finding names them). A change that does not show
  /// at the printed precision is no real drop or gain, but a nonzero one within noise is still
  /// `change-not-significant` (the contract's condition holds; the words say it did not show).
  static func changes(_ task: TaskAnalysis, _ set: SetResult) -> [Finding] {
    guard let changes = set.changes else { return [] }
    var findings: [Finding] = []
    let primary = changes.first { $0.metric == task.primaryMetric }
    let primaryDropped =
      primary.map { isVisible($0) && $0.significant && ($0.delta ?? 0) < 0 } ?? false
    let misleading = accuracyMisleads(set)
    for change in changes {
      guard let delta = change.delta, let move = move(change, in: changes) else { continue }
      let isPrimary = change.metric == task.primaryMetric
      guard isVisible(change) || (isPrimary && !change.significant && delta != 0) else {
        continue
      }
      // Accuracy on a set where it barely beats the majority baseline is no news.
      let caveat = change.metric == .accuracy && misleading ? set.analysis.baseline.label : nil
      if isPrimary {
        let verdict: ChangeVerdict
        if change.significant {
          verdict = delta < 0 ? .realDrop : .realGain
        } else if change.test != nil {
          // A move that does not show is not "more than noise on this set", whatever its p.
          verdict =
            !isVisible(change)
            ? .withinNoise
            : change.isHeldBack ? .heldBack : change.isSuggestive ? .unconfirmed : .withinNoise
        } else {
          continue
        }
        let along =
          change.significant
          ? companions(of: change, in: changes, accuracyMisleads: misleading) : []
        findings.append(
          Finding(
            severity: verdict == .realDrop
              ? (caveat == nil ? .critical : .warning)
              : verdict == .heldBack && delta < 0 && caveat == nil ? .warning : .info,
            task: task.task.id, set: set.config.id,
            fact: .primaryChange(
              PrimaryChange(
                set: set.config.id, move: move, verdict: verdict, companions: along,
                accuracyMisleadsAgainst: caveat))))
      } else if change.significant && (change.gain ?? 0) < 0 && !primaryDropped
        && !duplicates(change, in: changes)
      {
        var rose = false
        if let primary, let primaryDelta = primary.delta, primary.significant, primaryDelta > 0,
          isVisible(primary)
        {
          rose = true
        }
        findings.append(
          Finding(
            severity: .warning, task: task.task.id, set: set.config.id,
            fact: .supportingDrop(
              SupportingDrop(
                set: set.config.id, move: move, primaryMetric: task.primaryMetric,
                primaryRose: rose,
                accuracyMisleadsAgainst: caveat))))
      }
    }
    return findings
  }

  /// The typed move of a change whose both values exist, naming the metrics it equals here.
  static func move(_ change: MetricChange, in changes: [MetricChange]) -> MetricMove? {
    guard let delta = change.delta, let previous = change.previous, let current = change.current
    else { return nil }
    return MetricMove(
      metric: change.metric, previous: previous, current: current, delta: delta, ci95: change.ci95,
      sameAs: sameAs(change, in: changes))
  }

  /// A change that shows at the printed precision; zero or a rounding speck is no event.
  static func isVisible(_ change: MetricChange) -> Bool {
    guard let previous = change.previous, let current = change.current else { return false }
    return !PrintedPrecision.isNonEvent(
      previous: previous, current: current, isRate: change.metric.isRate)
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

  /// The metrics this change equals on this data, said with it (and not again).
  static func sameAs(_ change: MetricChange, in changes: [MetricChange]) -> [MetricName] {
    changes.filter { identical($0, change) && duplicates($0, in: changes) }.map(\.metric)
  }

  /// Supporting metrics on the same set that moved beyond noise the same way as a primary
  /// change, named once inside the primary finding.
  static func companions(
    of primary: MetricChange, in changes: [MetricChange], accuracyMisleads: Bool = false
  ) -> [MetricMove] {
    guard let delta = primary.delta, primary.significant else { return [] }
    // Losses are not named as companions: "fell with it" would misread a loss that rose.
    return changes.filter { other in
      other.metric != primary.metric && !(accuracyMisleads && other.metric == .accuracy)
        && !other.metric.lowerIsBetter
        && other.significant && isVisible(other)
        && !duplicates(other, in: changes)
        && ((other.delta ?? 0) < 0) == (delta < 0) && (other.delta ?? 0) != 0
        && !identical(other, primary)
    }.compactMap { move($0, in: changes) }
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
        severity: .warning, task: task.task.id, set: set.config.id,
        fact: .prevalenceShift(
          ShareShift(
            set: set.config.id, label: task.classes[index], unit: unit(task),
            share: Double(x2) / Double(n2),
            otherShare: Double(x1) / Double(n1), otherWeek: week, otherSet: nil)))
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
            severity: .info, task: task.task.id, set: other.config.id,
            fact: .prevalenceShift(
              ShareShift(
                set: other.config.id, label: task.classes[index], unit: unit(task),
                share: Double(b.support(index)) / Double(b.total),
                otherShare: Double(a.support(index)) / Double(a.total), otherWeek: nil,
                otherSet: reference.config.id))))
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
    return [
      Finding(
        severity: .warning, task: task.task.id, set: nil,
        fact: .setsDisagree(
          SetsGap(
            metric: task.primaryMetric, bestSet: best.0, best: best.1, worstSet: worst.0,
            worst: worst.1)))
    ]
  }

  static func testSetOverlap(_ task: TaskAnalysis, _ context: FindingContext) -> [Finding] {
    (context.overlaps[task.task.id] ?? []).map { overlap in
      Finding(
        severity: .critical, task: task.task.id, set: overlap.test,
        fact: .testSetOverlap(
          Overlap(test: overlap.test, other: overlap.other, shared: overlap.shared)))
    }
  }

  static func testSetReused(_ task: TaskAnalysis, _ context: FindingContext) -> [Finding] {
    task.sets.compactMap { set in
      guard set.config.role == .test,
        let weeks = context.testSetWeeks["\(task.task.id)/\(set.config.id)"],
        weeks >= Thresholds.testSetWeeks
      else { return nil }
      return Finding(
        severity: .info, task: task.task.id, set: set.config.id,
        fact: .testSetReused(set: set.config.id, weeks: weeks))
    }
  }
}
