import CandorAnalysis
import CandorModel
import CandorWorkspace

/// "What is new this week": this week's findings that are news, merged and ranked.
extension Editor {
  // MARK: - What is new this week

  struct Callout {
    var rank: Int
    var severity: Finding.Severity
    var task: String
    /// Further tasks the same callout speaks for (one test set read by several tasks).
    var otherTasks: [String] = []
    var sets: [String]
    var codes: [FindingCode]
    var paragraphs: [String]
    /// The sets the heading names, where not all of `sets`: under "Real gain", only the sets
    /// where the gain is real (the others' verdicts are in the body).
    var headingSets: [String]? = nil
    /// A watched number's callout in the client's edition: its lead set's paragraph under a
    /// heading naming that set alone (the other sets' verdicts are in the task's table).
    var client: (paragraphs: [String], headingSets: [String])? = nil
    /// The finding the callout was opened with: another set joins it only where the same
    /// condition holds (`holdsAlike`), since its text will say "the same holds on" that set.
    var lead: Finding? = nil
  }

  static let changeCodes = FindingCode.changes

  /// Findings of this week that are news, merged and ranked (the front page shows the first
  /// `maxCallouts`).
  static func news(_ week: WeekAnalysis, words: Words) -> [Callout] {
    // 1. The watched number: one callout per task, every set's verdict in it.
    var callouts = week.tasks.compactMap {
      watchedNumber($0, findings: week.findings, words: words)
    }
    // 2. Everything else that is news, one callout per code and task.
    let previous = week.comparedTo == nil ? nil : StandingConditions.findings(week.previousTasks)
    for finding in week.findings
    where !changeCodes.contains(finding.code) || isSupportingDrop(finding, week) {
      guard let rank = newsRank(finding, previous: previous) else { continue }
      merge(finding, rank: rank, into: &callouts, words: words)
    }
    // 3. A standing condition on several sets is told once, naming the others.
    for index in callouts.indices
    where callouts[index].sets.count > 1 && callouts[index].codes.first?.standingRank != nil
      && callouts[index].codes.first != .prevalenceShift
    {
      let names = callouts[index].sets.dropFirst().map(words.quoted)
      callouts[index].paragraphs.append(
        words.sentence(
          Sentence.FrontPage.sameHolds, ["sets": words.list(Array(names))]
        ))
    }
    callouts += firstModels(week, words: words)
    let taskOrder = week.tasks.map(\.task.id)
    return callouts.enumerated().sorted { a, b in
      (a.element.rank, taskOrder.firstIndex(of: a.element.task) ?? 0, a.offset) < (
        b.element.rank, taskOrder.firstIndex(of: b.element.task) ?? 0, b.offset
      )
    }.map(\.element)
  }

  /// The task's callout on its primary metric: the set that moved most urgently leads (a real
  /// drop, else a real gain, else a suggestive move), the other sets' moves follow; nil when
  /// nothing moved.
  static func watchedNumber(_ task: TaskAnalysis, findings: [Finding], words: Words) -> Callout? {
    let taskMoves = moves(task).filter {
      $0.isReal || $0.change.isSuggestive || $0.change.isHeldBack
    }
    guard !taskMoves.isEmpty else { return nil }
    let lead =
      taskMoves.first { $0.isReal && $0.delta < 0 } ?? taskMoves.first { $0.isReal }
      ?? taskMoves[0]
    let code: FindingCode =
      lead.isReal
      ? (lead.delta < 0 ? .significantRegression : .significantImprovement)
      : .changeNotSignificant
    guard
      let message = findings.first(where: {
        $0.task == task.task.id && $0.set == lead.set.config.id && $0.code == code
      }).map(words.message)
    else { return nil }
    var paragraphs = [message]
    let others = taskMoves.filter { $0.set.config.id != lead.set.config.id }
    if !others.isEmpty {
      let moves = others.map {
        "\(words.quoted($0.set.config.id)) \(Phrases.change($0.change, task.primaryMetric, words: words))"
      }
      paragraphs.append(
        words.sentence(Sentence.FrontPage.otherSets, ["moves": moves.joined(separator: "; ")]))
    }
    let misleading =
      task.primaryMetric == .accuracy && StandingConditions.accuracyMisleads(lead.set.analysis)
    let rank =
      lead.isReal ? (lead.delta < 0 ? (misleading ? 40 : 0) : (misleading ? 41 : 20)) : 75
    // A drop held back by the order of tests is a warning, as its finding is.
    let severity: Finding.Severity =
      lead.isReal && lead.delta < 0
      ? (misleading ? .warning : .critical)
      : lead.change.isHeldBack && lead.delta < 0 && !misleading ? .warning : .info
    let sameVerdict = taskMoves.filter {
      $0.isReal == lead.isReal && ($0.delta < 0) == (lead.delta < 0)
    }
    return Callout(
      rank: rank, severity: severity, task: task.task.id, sets: taskMoves.map(\.set.config.id),
      codes: [code], paragraphs: paragraphs, headingSets: sameVerdict.map(\.set.config.id),
      client: ([message], [lead.set.config.id]))
  }

  /// Where a finding other than the watched number goes among the news; nil when it is not
  /// news (a standing condition already true last week, a reused test set before its week).
  static func newsRank(_ finding: Finding, previous: [Finding]?) -> Int? {
    switch finding.code {
    case .testSetOverlap: return 10
    case .significantRegression: return 30
    case .prevalenceShift where finding.severity == .warning: return 50
    case .testSetReused:
      // News only the week the count first reaches the threshold.
      guard case .testSetReused(_, let weeks) = finding.fact, weeks == Thresholds.testSetWeeks
      else { return nil }
      return 90
    default:
      guard let standing = finding.code.standingRank else { return nil }
      if let previous,
        previous.contains(where: {
          $0.code == finding.code && $0.task == finding.task && $0.set == finding.set
        })
      {
        return nil
      }
      return standing
    }
  }

  /// Adds `finding` as a callout, or to the callout that already tells its code for its task
  /// (one test set read by several tasks is one callout).
  static func merge(_ finding: Finding, rank: Int, into callouts: inout [Callout], words: Words) {
    if finding.code == .testSetReused,
      let index = callouts.firstIndex(where: {
        $0.codes == [finding.code] && $0.sets == finding.set.map { [$0] }
      })
    {
      if !callouts[index].otherTasks.contains(finding.task) {
        callouts[index].otherTasks.append(finding.task)
      }
      return
    }
    if let index = callouts.firstIndex(where: {
      $0.codes == [finding.code] && $0.task == finding.task && $0.rank == rank
        && ($0.lead.map { holdsAlike($0, finding) } ?? true)
    }) {
      if let set = finding.set, !callouts[index].sets.contains(set) {
        callouts[index].sets.append(set)
      }
      if finding.code == .testSetOverlap || finding.code == .significantRegression
        || finding.code == .prevalenceShift
      {
        callouts[index].paragraphs.append(words.message(finding))
      }
      return
    }
    // Another class of a set a callout already tells of: one callout a set, not one a class.
    if let set = finding.set,
      callouts.contains(where: {
        $0.codes == [finding.code] && $0.task == finding.task && $0.rank == rank
          && $0.sets.contains(set)
      })
    {
      return
    }
    callouts.append(
      Callout(
        rank: rank, severity: finding.severity, task: finding.task,
        sets: finding.set.map { [$0] } ?? [],
        codes: [finding.code], paragraphs: [words.message(finding)], lead: finding))
  }

  /// Whether one finding's condition is another's on a different set, so that "the same holds
  /// on" it is true: the same class rare (or absent), the same class mostly missed, the same
  /// majority answer. Counts and rates may differ (the condition, not its numbers, is what holds alike).
  static func holdsAlike(_ a: Finding, _ b: Finding) -> Bool {
    switch (a.fact, b.fact) {
    case (.classImbalance(let x), .classImbalance(let y)):
      return x.label == y.label && (x.support == 0) == (y.support == 0)
    case (.accuracyMisleading(let x), .accuracyMisleading(let y)):
      return x.baselineLabel == y.baselineLabel
        && x.missedPositives?.label == y.missedPositives?.label
        && (x.missedPositives?.caught == 0) == (y.missedPositives?.caught == 0)
    case (.smallSample(let x), .smallSample(let y)):
      return x.recognised.label == y.recognised.label
    case (.rankingHidesPrecision(let x), .rankingHidesPrecision(let y)):
      return x.label == y.label
    case (.averageHidesWeakClass(let x), .averageHidesWeakClass(let y)):
      return x.weak.label == y.weak.label
    default:
      return true
    }
  }

  /// A `significant-regression` finding about a supporting metric (the primary did not fall there).
  static func isSupportingDrop(_ finding: Finding, _ week: WeekAnalysis) -> Bool {
    guard finding.code == .significantRegression,
      let task = week.tasks.first(where: { $0.task.id == finding.task }),
      let set = task.sets.first(where: { $0.config.id == finding.set })
    else { return false }
    return !moves(task).contains { $0.set.config.id == set.config.id && $0.isReal && $0.delta < 0 }
  }

  /// The callouts shown, at most `maxCallouts`, each with its label and place in words.
  static func callouts(_ callouts: [Callout], week: WeekAnalysis, words: Words) -> [CalloutView] {
    callouts.prefix(maxCallouts).map { callout in
      let taskName = words.list(
        ([callout.task] + callout.otherTasks).map { id in
          week.tasks.first { $0.task.id == id }?.task.name ?? id
        })
      func place(_ sets: [String]) -> String {
        sets.isEmpty ? taskName : "\(taskName) · \(sets.joined(separator: ", "))"
      }
      // A real gain is good news, not a "Note": it gets its own label and colour.
      let gain = callout.codes == [.significantImprovement]
      let label = words.phrase(
        gain
          ? .calloutGain
          : (callout.severity == .critical
            ? .calloutCritical : (callout.severity == .warning ? .calloutWarning : .calloutNote))
      )
      let tone: CalloutView.Tone =
        gain ? .gain : (CalloutView.Tone(rawValue: callout.severity.rawValue) ?? .info)
      var view = CalloutView(
        tone: tone, label: label, place: place(callout.headingSets ?? callout.sets),
        paragraphs: callout.paragraphs)
      // A watched number's callout: its other sets' verdicts are the team's (the client reads
      // them in the task's table).
      if let client = callout.client {
        view.clientParagraphs = client.paragraphs
        view.clientPlace = place(client.headingSets)
      }
      return view
    }
  }

  // MARK: - Appendix

  /// The first sentence of a message (set ids and numbers hold no ". ").
  static func firstSentence(_ text: String) -> String {
    guard let range = text.range(of: ". ") else { return text }
    return String(text[..<range.lowerBound]) + "."
  }
}
