import CandorModel

/// What the detectors look at: this week's analyses, the week compared to, and facts about
/// ids and history that only the loader could see.
struct FindingContext {
  var tasks: [TaskAnalysis]
  var previous: [TaskAnalysis]
  var comparedTo: ISOWeek?
  /// Per task: (test set, other set, shared ids).
  var overlaps: [String: [(test: String, other: String, shared: Int)]]
  /// Per "task/set" of role test: how many weeks it has been evaluated in, this one included.
  var testSetWeeks: [String: Int]

  func previousSet(_ task: String, _ set: String) -> SetAnalysis? {
    previous.first { $0.task.id == task }?.sets.first { $0.config.id == set }?.analysis
  }
}
