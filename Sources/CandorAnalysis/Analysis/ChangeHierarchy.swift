import CandorModel

/// The weekly report's verdicts, a pre-declared hierarchy per task (serial gatekeeping):
///
/// 1. The task's primary metric on its gate set (the first `role: test` set, else the first
///    set declared) is tested at the full 5%.
/// 2. Only where that is confirmed are the task's other sets tested, Holm among them; each
///    adjusted p-value is at least the gate's, so a set is never confirmed past a closed gate.
/// 3. The metrics named in `supporting:` (at most two) are tested on a set only after its
///    primary change is confirmed there, Holm among the task's supporting hypotheses.
/// 4. Every other metric keeps its interval and gets no verdict (`family: none`).
///
/// Each task is its own family, as a client reads each task on its own: a task's verdicts
/// never depend on another task or on how many monitoring sets there are. Changes that carry
/// the same information as the primary (one `evidenceGroup`) share its verdict.
public enum ChangeHierarchy {
  /// One task's changes, set by set, in declaration order.
  public struct TaskChanges {
    public var primary: MetricName
    public var supporting: [MetricName]
    /// The index of the gate set (see above), where it has changes.
    public var gate: Int?
    public var sets: [[MetricChange]?]
  }

  /// Decides every change in place; returns how many hypotheses were primary and supporting.
  @discardableResult
  public static func apply(_ task: inout TaskChanges) -> (primary: Int, supporting: Int) {
    // Each set's primary hypothesis: the changes sharing the primary's evidence, one p-value.
    var primaryP: [Int: Double] = [:]
    for s in task.sets.indices {
      guard var changes = task.sets[s] else { continue }
      let primaryIndex = changes.firstIndex { $0.metric == task.primary }
      let group = primaryIndex.flatMap { changes[$0].evidenceGroup }
      for c in changes.indices {
        let isPrimary = c == primaryIndex
        let twin = !isPrimary && group != nil && changes[c].evidenceGroup == group
        changes[c].significant = false
        changes[c].adjustedPValue = nil
        changes[c].decidedWithPrimary = isPrimary || twin
        changes[c].family =
          isPrimary
          ? .primary : twin || task.supporting.contains(changes[c].metric) ? .supporting : .none
      }
      if let primaryIndex, let p = changes[primaryIndex].pValue {
        primaryP[s] =
          changes.indices.filter { changes[$0].decidedWithPrimary }
          .compactMap { changes[$0].pValue }.max() ?? p
      }
      task.sets[s] = changes
    }
    // 1–2. The gate at the full level, the others after it.
    let gate = task.gate.flatMap { primaryP[$0] != nil ? $0 : nil } ?? primaryP.keys.min()
    var adjusted: [Int: Double] = [:]
    if let gate, let gateP = primaryP[gate] {
      adjusted[gate] = gateP
      let others = primaryP.keys.filter { $0 != gate }.sorted()
      for (s, p) in zip(others, Holm.adjust(others.map { primaryP[$0]! })) {
        adjusted[s] = max(gateP, p)
      }
    }
    for (s, p) in adjusted {
      for c in task.sets[s]!.indices where task.sets[s]![c].decidedWithPrimary {
        task.sets[s]![c].adjustedPValue = p
        task.sets[s]![c].significant = p < Thresholds.alpha && (task.sets[s]![c].delta ?? 0) != 0
      }
    }
    // 3. Supporting metrics, behind their set's primary.
    var hypotheses: [(set: Int, change: Int, p: Double)] = []
    for s in task.sets.indices {
      guard let changes = task.sets[s] else { continue }
      for c in changes.indices
      where task.supporting.contains(changes[c].metric) && !changes[c].decidedWithPrimary {
        guard let p = changes[c].pValue else { continue }
        hypotheses.append((s, c, p))
      }
    }
    for (hypothesis, holm) in zip(hypotheses, Holm.adjust(hypotheses.map(\.p))) {
      let p = max(holm, adjusted[hypothesis.set] ?? 1)
      task.sets[hypothesis.set]![hypothesis.change].adjustedPValue = p
      task.sets[hypothesis.set]![hypothesis.change].significant =
        p < Thresholds.alpha && (task.sets[hypothesis.set]![hypothesis.change].delta ?? 0) != 0
    }
    return (primaryP.count, hypotheses.count)
  }

  /// Decides every task's changes and writes them back to its sets.
  @discardableResult
  static func apply(to tasks: inout [TaskAnalysis]) -> (primary: Int, supporting: Int) {
    var total = (primary: 0, supporting: 0)
    for t in tasks.indices {
      var changes = TaskChanges(
        primary: tasks[t].primaryMetric, supporting: tasks[t].task.supporting,
        gate: tasks[t].sets.firstIndex { $0.config.role == .test }
          ?? (tasks[t].sets.isEmpty ? nil : 0),
        sets: tasks[t].setChanges)
      let counts = apply(&changes)
      tasks[t].setChanges = changes.sets
      total.primary += counts.primary
      total.supporting += counts.supporting
    }
    return total
  }
}
