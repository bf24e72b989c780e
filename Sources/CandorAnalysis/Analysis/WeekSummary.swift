import CandorModel

/// What a report needs of an earlier week to draw the trend and count test-set reuse: each
/// set's counts, the estimate of a ranking primary metric (the one number that needs the
/// scores), and the titles of work shipped. Small and independent of the week reported on, so
/// it can be cached, and a year of history costs what two weeks do.
public struct WeekSummary: Sendable, Equatable {
  public var week: ISOWeek
  public var shipped: [String]
  public var tasks: [Task]

  public struct Task: Sendable, Equatable {
    public var id: String
    public var classes: [String]
    public var positive: Int?
    public var sets: [Set]

    public init(id: String, classes: [String], positive: Int?, sets: [Set]) {
      self.id = id
      self.classes = classes
      self.positive = positive
      self.sets = sets
    }
  }

  public struct Set: Sendable, Equatable {
    public var id: String
    public var matrix: [[Int]]
    /// The estimate of the task's primary metric when client.yaml makes it ROC AUC or average
    /// precision (only configured primaries are ranking metrics); nil otherwise or without scores.
    public var ranking: MetricEstimate?

    public init(id: String, matrix: [[Int]], ranking: MetricEstimate?) {
      self.id = id
      self.matrix = matrix
      self.ranking = ranking
    }
  }

  public init(week: ISOWeek, shipped: [String], tasks: [Task]) {
    self.week = week
    self.shipped = shipped
    self.tasks = tasks
  }

  /// - Parameter analysed: the week's tasks where already analysed, whose ranking estimates
  ///   are reused instead of computed again.
  public init(_ evaluation: WeekEvaluation, analysed: [TaskAnalysis] = []) {
    week = evaluation.week
    shipped = evaluation.worklog?.items.filter { $0.status == .shipped }.map(\.title) ?? []
    tasks = evaluation.tasks.map { task in
      let analyzer = SetAnalyzer(task: task)
      let primary = task.task.primaryMetric.flatMap { $0.isRanking ? $0 : nil }
      let known = analysed.first { $0.task.id == task.task.id }
      return Task(
        id: task.task.id, classes: task.classes, positive: task.positiveIndex,
        sets: task.sets.map { set in
          let ranking = primary.flatMap { metric in
            if let result = known?.sets.first(where: { $0.config.id == set.setID }) {
              return result.analysis.estimate(metric)
            }
            return analyzer.analyze(set).estimate(metric)
          }
          return Set(id: set.setID, matrix: set.matrix, ranking: ranking)
        })
    }
  }
}
