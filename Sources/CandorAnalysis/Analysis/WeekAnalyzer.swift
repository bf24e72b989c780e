import CandorWorkspace

/// Turns one client's loaded weeks into a `WeekAnalysis`. Pure: the caller does the reading.
public struct WeekAnalyzer: Sendable {
  public init() {}

  /// - Parameters:
  ///   - current: the week reported on.
  ///   - previous: the latest earlier week present, if any.
  ///   - earlier: the weeks before `previous`, oldest first, for trends (summaries: only
  ///     `current` and `previous` are read in full).
  public func analyze(
    clientID: String, config: ClientConfig, current: WeekEvaluation,
    previous: WeekEvaluation?, earlier: [WeekSummary]
  ) -> WeekAnalysis {
    // Each week's sets are analysed once and reused for changes, findings and the trend.
    let previousTasks =
      previous.map { week in week.tasks.map { analyzeTask($0, config: config, against: nil) } }
      ?? []
    var tasks = current.tasks.map { task in
      analyzeTask(
        task, config: config,
        against: previous.flatMap { week in
          week.tasks.first { $0.task.id == task.task.id }.map {
            ($0, previousTasks.first { $0.task.id == task.task.id }!)
          }
        })
    }
    let comparisons = applyHolm(&tasks)
    let history =
      earlier.map { ($0, [TaskAnalysis]()) }
      + (previous.map { [(WeekSummary($0, analysed: previousTasks), previousTasks)] } ?? [])
      + [(WeekSummary(current, analysed: tasks), tasks)]
    let historyWeeks = history.map { historyWeek($0.0, tasks: tasks, known: $0.1) }
    var testSetWeeks: [String: Int] = [:]
    for (week, _) in history {
      for task in week.tasks {
        for set in task.sets where config.validationSet(set.id)?.role == .test {
          testSetWeeks["\(task.id)/\(set.id)", default: 0] += 1
        }
      }
    }
    let context = FindingContext(
      tasks: tasks, previous: previousTasks, comparedTo: previous?.week,
      overlaps: Dictionary(
        uniqueKeysWithValues: current.tasks.map { ($0.task.id, testOverlaps($0, config: config)) }),
      testSetWeeks: testSetWeeks)
    let findings = sortFindings(FindingDetectors.all(context), tasks: tasks, config: config)
    return WeekAnalysis(
      clientID: clientID, clientName: config.name, week: current.week, comparedTo: previous?.week,
      tasks: tasks, previousTasks: previousTasks, validationSets: config.validationSets,
      worklog: current.worklog,
      history: historyWeeks, findings: findings, comparisons: comparisons.primary,
      supportingComparisons: comparisons.supporting)
  }

  /// - Parameter against: the same task in the week compared to, with its analysis.
  func analyzeTask(
    _ task: TaskEvaluation, config: ClientConfig, against before: (TaskEvaluation, TaskAnalysis)?
  ) -> TaskAnalysis {
    let analyzer = SetAnalyzer(task: task)
    let sets = task.sets.map { set -> SetResult in
      let analysis = analyzer.analyze(set)
      var changes: [MetricChange]?
      if let (evaluation, analysed) = before,
        let old = evaluation.sets.first(where: { $0.setID == set.setID }),
        let oldAnalysis = analysed.sets.first(where: { $0.config.id == set.setID })?.analysis
      {
        changes = ChangeAnalyzer().compare(before: (old, oldAnalysis), after: (set, analysis))
      }
      return SetResult(
        config: config.validationSet(set.setID)!, analysis: analysis, changes: changes)
    }
    let pooled = pooledCounts(task)
    let (metric, reason, configured): (MetricName, PrimaryReason, Bool)
    if let chosen = task.task.primaryMetric {
      (metric, reason, configured) = (chosen, .configured, true)
    } else {
      let choice = Self.choosePrimary(
        classes: task.classes, positive: task.positiveIndex, counts: pooled)
      (metric, reason, configured) = (choice.0, choice.1, false)
    }
    return TaskAnalysis(
      task: task.task, classes: task.classes, positive: task.positiveIndex, sets: sets,
      primaryMetric: metric, primaryReason: reason, primaryIsConfigured: configured)
  }

  func pooledCounts(_ task: TaskEvaluation) -> ConfusionCounts {
    let k = task.classes.count
    var pooled = ConfusionCounts(size: k, cells: .init(repeating: 0, count: k * k))
    for set in task.sets {
      for (index, value) in set.matrix.flatMap({ $0 }).enumerated() { pooled.cells[index] += value }
    }
    return pooled
  }

  /// Where client.yaml names no primary metric: never accuracy on imbalanced data.
  static func choosePrimary(classes: [String], positive: Int?, counts: ConfusionCounts) -> (
    MetricName, PrimaryReason
  ) {
    let total = Double(max(1, counts.total))
    let shares = classes.indices.map { Double(counts.support($0)) / total }
    let smallest = shares.min() ?? 0
    if positive != nil {
      if smallest < Thresholds.balancedMinorityShare {
        return (.f1, .positiveIsMinority)
      }
      return (.balancedAccuracy, .bothOutcomesCommon)
    }
    if smallest < Thresholds.balancedMinorityShare / Double(classes.count) * 2 {
      return (.macroF1, .someClassesRare)
    }
    return (.balancedAccuracy, .classesEven)
  }

  /// Adjusts the report's p-values in their two families; returns each family's size.
  func applyHolm(_ tasks: inout [TaskAnalysis]) -> (primary: Int, supporting: Int) {
    var members = tasks.flatMap { task in
      task.sets.map {
        ChangeFamilies.Member(primary: task.primaryMetric, changes: $0.changes ?? [])
      }
    }
    let counts = ChangeFamilies.apply(&members)
    var next = 0
    for t in tasks.indices {
      for s in tasks[t].sets.indices {
        if tasks[t].sets[s].changes != nil { tasks[t].sets[s].changes = members[next].changes }
        next += 1
      }
    }
    return counts
  }

  /// - Parameter known: that week's analyses where already made (this week, the week compared to).
  func historyWeek(_ week: WeekSummary, tasks: [TaskAnalysis], known: [TaskAnalysis])
    -> HistoryWeek
  {
    var estimates: [String: MetricEstimate] = [:]
    for task in week.tasks {
      guard let primary = tasks.first(where: { $0.task.id == task.id })?.primaryMetric else {
        continue
      }
      let analyzer = SetAnalyzer(classes: task.classes, positive: task.positive)
      for set in task.sets {
        if let analysed = known.first(where: { $0.task.id == task.id })?.sets.first(where: {
          $0.config.id == set.id
        }) {
          if let estimate = analysed.analysis.estimate(primary) {
            estimates["\(task.id)/\(set.id)"] = estimate
          }
          continue
        }
        let estimate: MetricEstimate?
        if primary.isRanking {
          estimate = set.ranking
        } else {
          estimate = analyzer.estimates(ConfusionCounts(set.matrix), only: primary).first?.estimate
        }
        if let estimate { estimates["\(task.id)/\(set.id)"] = estimate }
      }
    }
    return HistoryWeek(week: week.week, shipped: week.shipped, estimates: estimates)
  }

  func testOverlaps(_ task: TaskEvaluation, config: ClientConfig) -> [(
    test: String, other: String, shared: Int
  )] {
    var result: [(String, String, Int)] = []
    for test in task.sets where config.validationSet(test.setID)?.role == .test {
      guard let ids = test.keyed?.idHashes else { continue }
      for other in task.sets where other.setID != test.setID {
        guard let otherIDs = other.keyed?.idHashes else { continue }
        // Both are sorted by hash: count the common ones in one merge.
        var i = 0
        var j = 0
        var shared = 0
        while i < ids.count && j < otherIDs.count {
          if ids[i] < otherIDs[j] {
            i += 1
          } else if otherIDs[j] < ids[i] {
            j += 1
          } else {
            shared += 1
            i += 1
            j += 1
          }
        }
        if shared > 0 { result.append((test.setID, other.setID, shared)) }
      }
    }
    return result
  }

  /// Most severe first, then in client.yaml's order of tasks and sets, so output is stable.
  func sortFindings(_ findings: [Finding], tasks: [TaskAnalysis], config: ClientConfig) -> [Finding]
  {
    let taskOrder = config.tasks.map(\.id)
    let setOrder = config.validationSets.map(\.id)
    return findings.enumerated().sorted { a, b in
      let x = a.element
      let y = b.element
      if x.severity != y.severity { return x.severity > y.severity }
      let tx = taskOrder.firstIndex(of: x.task) ?? 0
      let ty = taskOrder.firstIndex(of: y.task) ?? 0
      if tx != ty { return tx < ty }
      let sx = x.set.flatMap { setOrder.firstIndex(of: $0) } ?? -1
      let sy = y.set.flatMap { setOrder.firstIndex(of: $0) } ?? -1
      if sx != sy { return sx < sy }
      return a.offset < b.offset
    }.map(\.element)
  }
}
