@testable import CandorAnalysis
@testable import CandorModel

/// A task's analysis from confusion matrices written in the test, for the tests of findings
/// (CandorAnalysisTests) and of their words (CandorReportTests).
public enum AnalysisFixture {
  /// One task, a set per matrix (sets sorted by id), analysed as counts.
  public static func task(
    _ matrices: [String: [[Int]]], classes: [String] = ["ok", "failure"], positive: Int? = 1,
    roles: [String: SetRole] = [:], primary: MetricName = .recall,
    segments: [(name: String, matrix: [[Int]])] = []
  ) -> TaskAnalysis {
    let config = TaskConfig(
      id: "t", name: "Task", positiveLabel: positive.map { classes[$0] }, classes: classes,
      primaryMetric: primary, owner: nil, threshold: 0.5, unit: "engines")
    let analyzer = SetAnalyzer(classes: classes, positive: positive)
    let sets = matrices.keys.sorted().map { id in
      SetResult(
        config: ValidationSetConfig(id: id, description: "", role: roles[id] ?? .validation),
        analysis: analyzer.analyze(
          EvaluationSet(
            setID: id, file: "", source: .counts, matrix: matrices[id]!,
            segments: segments, scored: nil, keyed: nil, histogram: nil)),
        changes: nil)
    }
    return TaskAnalysis(
      task: config, classes: classes, positive: positive, sets: sets, primaryMetric: primary,
      primaryReason: .configured, primaryIsConfigured: true)
  }

  /// The codes of the findings `task` raises, compared with `previous` (week 2026-W47).
  public static func codes(_ task: TaskAnalysis, previous: [TaskAnalysis] = []) -> [String] {
    FindingDetectors.all(
      FindingContext(
        tasks: [task], previous: previous, comparedTo: ISOWeek("2026-W47"),
        overlaps: [:], testSetWeeks: [:])
    ).map(\.code.rawValue)
  }

  /// The week 2026-W48 of client "c" with `tasks`, compared with 2026-W47 when `previous`
  /// is given.
  public static func week(
    _ tasks: [TaskAnalysis], findings: [Finding] = [], previous: [TaskAnalysis] = [],
    worklog: Worklog? = nil
  ) -> WeekAnalysis {
    WeekAnalysis(
      clientID: "c", clientName: "Client", week: ISOWeek("2026-W48")!,
      comparedTo: previous.isEmpty ? nil : ISOWeek("2026-W47"),
      tasks: tasks, previousTasks: previous,
      validationSets: tasks.flatMap { $0.sets.map(\.config) }, worklog: worklog, history: [],
      findings: findings, comparisons: 0, supportingComparisons: 0)
  }

  /// Task `id` with one set per entry, each of its role and carrying `changes` (the week-over-week
  /// comparisons the hierarchy decides); the sets' own matrices are placeholders.
  public static func task(
    id: String, sets: [(id: String, role: SetRole, changes: [MetricChange])]
  ) -> TaskAnalysis {
    var task = self.task(
      Dictionary(uniqueKeysWithValues: sets.map { ($0.id, [[900, 0], [0, 100]]) }),
      roles: Dictionary(uniqueKeysWithValues: sets.map { ($0.id, $0.role) }))
    task.task.id = id
    for index in task.sets.indices {
      task.sets[index].changes = sets.first { $0.id == task.sets[index].config.id }!.changes
    }
    return task
  }
}
