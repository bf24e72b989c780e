import CandorModel

/// Holm's adjustment in two families, for the weekly report and `candor diff` alike.
///
/// The confirmatory family holds each task's primary metric on each set: the headline, the
/// snippet, findings and `--fail-on` rest on it. Every other change is supporting evidence,
/// adjusted in a family of its own, so near-duplicate metrics cannot eat the primary tests'
/// power. Changes that carry the same information (one `evidenceGroup`) count once and get
/// one verdict, taken from the primary family when the primary metric is among them; only the
/// primary metric itself is labelled `primary`.
public enum ChangeFamilies {
  /// One set's changes and the primary metric of its task.
  public struct Member {
    public var primary: MetricName
    public var changes: [MetricChange]

    public init(primary: MetricName, changes: [MetricChange]) {
      self.primary = primary
      self.changes = changes
    }
  }

  /// Adjusts in place; returns how many hypotheses each family held.
  @discardableResult
  public static func apply(_ members: inout [Member]) -> (primary: Int, supporting: Int) {
    // A hypothesis: the changes (set, index) that share one p-value.
    var families: [ChangeFamily: [(places: [(Int, Int)], p: Double)]] = [
      .primary: [], .supporting: [],
    ]
    for (s, member) in members.enumerated() {
      // A change without a test (a week's value undefined) still belongs to its metric's family.
      for (c, change) in member.changes.enumerated() where change.pValue == nil {
        members[s].changes[c].family = change.metric == member.primary ? .primary : .supporting
      }
      var groups: [Int: [Int]] = [:]
      var order: [Int] = []
      for (c, change) in member.changes.enumerated() where change.pValue != nil {
        let key = change.evidenceGroup.map { $0 } ?? (1000 + c)
        if groups[key] == nil { order.append(key) }
        groups[key, default: []].append(c)
      }
      for key in order {
        let indices = groups[key]!
        let family: ChangeFamily =
          indices.contains { member.changes[$0].metric == member.primary } ? .primary : .supporting
        let p = indices.compactMap { member.changes[$0].pValue }.max()!
        families[family]!.append((indices.map { (s, $0) }, p))
      }
    }
    for (family, hypotheses) in families {
      for (hypothesis, adjusted) in zip(hypotheses, Holm.adjust(hypotheses.map(\.p))) {
        for (s, c) in hypothesis.places {
          // `family` names the metric's role (the contract's "primary" is the task's primary
          // metric only): a twin of the primary (balanced accuracy when macro recall is
          // watched) shares its hypothesis and verdict but is labelled supporting.
          members[s].changes[c].family =
            members[s].changes[c].metric == members[s].primary ? .primary : .supporting
          members[s].changes[c].decidedWithPrimary = family == .primary
          members[s].changes[c].adjustedPValue = adjusted
          members[s].changes[c].significant =
            adjusted < Thresholds.alpha && (members[s].changes[c].delta ?? 0) != 0
        }
      }
    }
    return (families[.primary]!.count, families[.supporting]!.count)
  }

  /// Adjusts every set's changes of every task in place, in one pass over both families, and
  /// writes each result back to its set: the weekly report and `candor diff` alike.
  @discardableResult
  static func apply<Task: FamilyTask>(to tasks: inout [Task]) -> (primary: Int, supporting: Int) {
    var members = tasks.flatMap { task in
      task.setChanges.map { Member(primary: task.primaryMetric, changes: $0 ?? []) }
    }
    let counts = apply(&members)
    var next = 0
    for t in tasks.indices {
      var lists = tasks[t].setChanges
      for s in lists.indices {
        if lists[s] != nil { lists[s] = members[next].changes }
        next += 1
      }
      tasks[t].setChanges = lists
    }
    return counts
  }
}

/// A task whose sets' changes are adjusted in the two families.
protocol FamilyTask {
  var primaryMetric: MetricName { get }
  /// Each set's changes, in set order; nil where a set has no earlier week.
  var setChanges: [[MetricChange]?] { get set }
}

extension TaskAnalysis: FamilyTask {
  var setChanges: [[MetricChange]?] {
    get { sets.map(\.changes) }
    set { for index in sets.indices { sets[index].changes = newValue[index] } }
  }
}

extension TaskDiff: FamilyTask {
  var setChanges: [[MetricChange]?] {
    get { sets.map(\.changes) }
    set { for index in sets.indices { sets[index].changes = newValue[index] ?? [] } }
  }
}
