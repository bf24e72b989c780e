import CandorModel

/// The primary metric of every task and set, week by week, for the trend charts.
enum TrendHistory {
  /// - Parameter known: that week's analyses where already made (this week, the week compared to).
  static func week(_ week: WeekSummary, tasks: [TaskAnalysis], known: [TaskAnalysis])
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
}
