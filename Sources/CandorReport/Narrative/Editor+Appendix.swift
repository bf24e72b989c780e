import CandorAnalysis
import CandorModel
import CandorWorkspace

/// The appendix: every finding of the report in one table, for the team's ML lead.
extension Editor {
  static func appendix(_ week: WeekAnalysis, words: Words) -> FindingsTableView? {
    guard !week.findings.isEmpty else { return nil }
    func say(_ key: Sentence.FrontPage) -> String { words.sentence(key) }
    return FindingsTableView(
      caption: say(.appendixCaption), severityColumn: say(.appendixSeverity),
      codeColumn: say(.appendixCode), placeColumn: say(.appendixWhere),
      lineColumn: say(.appendixLine),
      rows: week.findings.map { finding in
        let taskName = week.tasks.first { $0.task.id == finding.task }?.task.name ?? finding.task
        return FindingsTableView.Row(
          severity: words.phrase(.severity(finding.severity)),
          code: finding.code.rawValue,
          place: finding.set.map { "\(taskName) · \($0)" } ?? taskName,
          line: firstSentence(words.message(finding)))
      })
  }

  // MARK: - Standing conditions in a task's section

  /// Whether `callout` says what `finding` says: same kind, severity, task and set (a
  /// week-over-week shift in the mix, a warning, is not the standing difference from the
  /// reference set, a note, though both are `prevalence-shift`).
  static func covers(_ callout: Callout, _ finding: Finding) -> Bool {
    callout.codes.contains(finding.code) && callout.severity == finding.severity
      && (callout.task == finding.task || callout.otherTasks.contains(finding.task))
      && (finding.set.map(callout.sets.contains) ?? callout.sets.isEmpty)
      && (callout.lead.map { holdsAlike($0, finding) } ?? true)
  }

  /// How many different conditions of one kind (a class small, another class small) a task's
  /// section tells, each with the sets it holds on.
  static let conditionsPerCode = 3

  /// Conditions explained once, where they apply: the rare class and misleading accuracy are
  /// told by the accuracy section; the others here, one paragraph per kind. A condition that
  /// a callout of "What is new this week" (`shownNews`) already tells is not told again.
  static func standing(
    _ task: TaskAnalysis, findings: [Finding], shownNews: [Callout] = [], words: Words
  ) -> [String] {
    let told: Set<FindingCode> = [.classImbalance, .accuracyMisleading, .setsDisagree]
    var byCode: [(code: FindingCode, first: Finding, others: [String])] = []
    for finding in findings where finding.task == task.task.id {
      guard
        StandingConditions.codes.contains(finding.code)
          || (finding.code == .prevalenceShift && finding.severity == .info),
        !told.contains(finding.code),
        !shownNews.contains(where: { covers($0, finding) })
      else { continue }
      let merges = finding.code != .testSetReused && finding.code != .prevalenceShift
      if merges,
        let index = byCode.firstIndex(where: {
          $0.code == finding.code && holdsAlike($0.first, finding)
        })
      {
        // Another class on the same set is not another place: each set is named once.
        if let set = finding.set, set != byCode[index].first.set,
          !byCode[index].others.contains(set)
        {
          byCode[index].others.append(set)
        }
      } else if merges,
        byCode.filter({ $0.code == finding.code }).count >= Self.conditionsPerCode
      {
        // A 250-class report is not told of each small class: the first few, each once.
        continue
      } else {
        byCode.append((finding.code, finding, []))
      }
    }
    return byCode.map { entry in
      entry.others.isEmpty
        ? words.message(entry.first)
        : words.message(entry.first) + " "
          + words.sentence(
            Sentence.FrontPage.sameHoldsOn,
            ["sets": words.list(entry.others.map(words.quoted))])
    }
  }
}
