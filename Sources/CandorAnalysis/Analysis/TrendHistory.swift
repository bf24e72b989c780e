import CandorWorkspace

/// The primary metric of every task and set, week by week, for the trend charts.
enum TrendHistory {
  /// - Parameter known: that week's analyses where already made (this week, the week compared to).
  static func week(_ week: WeekEvaluation, tasks: [TaskAnalysis], known: [TaskAnalysis])
    -> HistoryWeek
  {
    var estimates: [String: MetricEstimate] = [:]
    for task in week.tasks {
      guard let primary = tasks.first(where: { $0.task.id == task.task.id })?.primaryMetric else {
        continue
      }
      let analyzer = SetAnalyzer(task: task)
      for set in task.sets {
        if let analysed = known.first(where: { $0.task.id == task.task.id })?.sets.first(where: {
          $0.config.id == set.setID
        }) {
          if let estimate = analysed.analysis.estimate(primary) {
            estimates["\(task.task.id)/\(set.setID)"] = estimate
          }
          continue
        }
        let estimate: MetricEstimate?
        if primary == .rocAUC || primary == .prAUC {
          estimate = analyzer.analyze(set).estimate(primary)
        } else {
          estimate = analyzer.estimates(ConfusionCounts(set.matrix), only: primary).first?.estimate
        }
        if let estimate { estimates["\(task.task.id)/\(set.setID)"] = estimate }
      }
    }
    let shipped = week.worklog?.items.filter { $0.status == .shipped }.map(\.title) ?? []
    return HistoryWeek(week: week.week, shipped: shipped, estimates: estimates)
  }
}
