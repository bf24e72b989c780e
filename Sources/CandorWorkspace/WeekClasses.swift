import CandorModel

extension WeekEvaluation {
  /// A binary task whose other class is named differently this week than in `previous`
  /// ('neg' then, 'negative' now): the contract's "a third value anywhere in its files is an
  /// error", across the two weeks a report compares. A class a week's files do not hold at
  /// all (a week of positives only) is no rename.
  public func renamedClasses(since previous: WeekEvaluation) -> [InputError] {
    var errors: [InputError] = []
    for task in tasks where task.positiveIndex != nil {
      guard let before = previous.tasks.first(where: { $0.task.id == task.task.id }),
        before.positiveIndex != nil
      else { continue }
      let now = Self.classesHeld(task)
      let then = Self.classesHeld(before)
      guard now.count == 2, then.count == 2, now != then,
        let new = now.subtracting(then).sorted().first,
        let old = then.subtracting(now).sorted().first,
        let file = task.sets.first(where: { set in
          Self.holds(set, task.classes.firstIndex { task.task.fileName(ofClass: $0) == new }!)
        })
      else { continue }
      let positive = task.task.fileName(ofClass: task.classes[task.positiveIndex!])
      errors.append(
        InputError(
          file: file.file,
          "holds the class \(quoted(new)), where \(previous.week) held \(quoted(old)) beside \(quoted(positive)): a binary task's two classes keep their names week to week (classes: [\(old), \(positive)] in client.yaml makes a file with another name an error on its line)"
        ))
    }
    return errors
  }

  /// The true classes a task's files hold this week, as the files write them. Only true
  /// classes: a file of scores without predictions predicts the negative class by the name
  /// Candor gives it when no file names it ("not bad"), which is no rename.
  static func classesHeld(_ task: TaskEvaluation) -> Set<String> {
    Set(
      task.classes.indices.filter { k in task.sets.contains { holds($0, k) } }.map {
        task.task.fileName(ofClass: task.classes[$0])
      })
  }

  static func holds(_ set: EvaluationSet, _ k: Int) -> Bool {
    set.matrix[k].contains { $0 > 0 }
  }
}
