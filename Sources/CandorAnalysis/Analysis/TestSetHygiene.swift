import CandorModel

/// What the test-set findings need: ids a test set shares with the task's other sets, and in how
/// many weeks each test set has been scored.
enum TestSetHygiene {
  static func overlaps(_ task: TaskEvaluation, config: ClientConfig) -> [(
    test: String, other: String, shared: Int
  )] {
    var result: [(String, String, Int)] = []
    for test in task.sets where config.validationSet(test.setID)?.role == .test {
      guard let ids = test.keyed?.idHashes else { continue }
      for other in task.sets where other.setID != test.setID {
        guard let otherIDs = other.keyed?.idHashes else { continue }
        let shared = SharedIDs.count(ids, otherIDs)
        if shared > 0 { result.append((test.setID, other.setID, shared)) }
      }
    }
    return result
  }

  /// Weeks in which each test set ("task/set") was scored, up to the week reported on.
  static func weeksScored(_ history: [WeekSummary], config: ClientConfig) -> [String: Int] {
    var weeks: [String: Int] = [:]
    for week in history {
      for task in week.tasks {
        for set in task.sets where config.validationSet(set.id)?.role == .test {
          weeks["\(task.id)/\(set.id)", default: 0] += 1
        }
      }
    }
    return weeks
  }
}
