import CandorModel

/// A multiclass task's class whose recall moved by at least `Thresholds.classMovePoints` on the
/// reference set since the week compared to, with Newcombe's interval for the difference of the
/// two recalls (an average can hide one class's loss).
public struct ClassMove: Sendable {
  public var label: String
  public var set: String
  /// Recall of the class this week and in the week compared to.
  public var now: Double
  public var then: Double
  public var delta: Double { now - then }
  public var ci95: ClosedRange<Double>

  /// Every class that moved, in class order; none for a yes-or-no task or without an earlier week.
  public static func moves(_ task: TaskAnalysis, previous: SetAnalysis?) -> [ClassMove] {
    guard task.positive == nil, let set = task.referenceSet, let before = previous else {
      return []
    }
    let now = set.analysis.counts
    return task.classes.indices.compactMap { index in
      guard let old = before.classes.firstIndex(of: task.classes[index]), now.support(index) > 0,
        before.counts.support(old) > 0
      else { return nil }
      let x1 = before.counts[old, old]
      let n1 = before.counts.support(old)
      let x2 = now[index, index]
      let n2 = now.support(index)
      let recallNow = Double(x2) / Double(n2)
      let recallThen = Double(x1) / Double(n1)
      guard abs(recallNow - recallThen) >= Thresholds.classMovePoints else { return nil }
      return ClassMove(
        label: task.classes[index], set: set.config.id, now: recallNow, then: recallThen,
        ci95: Proportions.newcombeDifference(x1, n1, x2, n2))
    }
  }
}
