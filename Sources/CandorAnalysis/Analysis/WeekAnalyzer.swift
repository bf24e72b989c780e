import CandorModel

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
    // 1. Per-set analysis: each week's sets are analysed once and reused for changes,
    // findings and the trend.
    let previousTasks =
      previous.map { week in week.tasks.map { analyzeTask($0, config: config, against: nil) } }
      ?? []
    // 2. Change analysis against the week compared to.
    var tasks = current.tasks.map { task in
      analyzeTask(
        task, config: config,
        against: previous.flatMap { week in
          week.tasks.first { $0.task.id == task.task.id }.map {
            ($0, previousTasks.first { $0.task.id == task.task.id }!)
          }
        })
    }
    // 3. Multiplicity: each task's pre-declared hierarchy.
    let comparisons = ChangeHierarchy.apply(to: &tasks)
    // Earlier weeks are summaries (counts, and ranking estimates where a ranking metric is the
    // configured primary); only `previous` and `current` are read in full.
    let history =
      earlier.map { ($0, [TaskAnalysis]()) }
      + (previous.map { [(WeekSummary($0, analysed: previousTasks), previousTasks)] } ?? [])
      + [(WeekSummary(current, analysed: tasks), tasks)]
    // A year of weeks, each a few intervals from its counts: shared among the cores.
    let historyWeeks = Concurrently.map(history) {
      TrendHistory.week($0.0, tasks: tasks, known: $0.1)
    }
    // 4. Findings.
    let context = FindingContext(
      tasks: tasks, previous: previousTasks, comparedTo: previous?.week,
      overlaps: Dictionary(
        uniqueKeysWithValues: current.tasks.map {
          ($0.task.id, TestSetHygiene.overlaps($0, config: config))
        }),
      testSetWeeks: TestSetHygiene.weeksScored(history.map(\.0), config: config))
    let findings = FindingOrder.sorted(FindingDetectors.all(context), config: config)
    return WeekAnalysis(
      clientID: clientID, clientName: config.name, week: current.week, comparedTo: previous?.week,
      tasks: tasks, previousTasks: previousTasks, validationSets: config.validationSets,
      worklog: current.worklog,
      history: historyWeeks, findings: findings, comparisons: comparisons.primary,
      supportingComparisons: comparisons.supporting)
  }

  /// One task's sets, their changes where `before` is given, and its primary metric
  /// (`PrimaryMetricPolicy`).
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
    let primary = PrimaryMetricPolicy.choose(task)
    return TaskAnalysis(
      task: task.task, classes: task.classes, positive: task.positiveIndex, sets: sets,
      primaryMetric: primary.metric, primaryReason: primary.reason,
      primaryIsConfigured: primary.isConfigured)
  }
}
