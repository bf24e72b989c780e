import CandorAnalysis
import CandorWorkspace

/// The front page an editor would write: "This week in one minute" (at most 150 words: what
/// changed beyond noise, what it means, what happens next), "What is new this week" (at most
/// seven callouts, ranked by what matters to the client, each thing said once) and the
/// appendix table of every finding.
///
/// Only primary-family verdicts (each task's watched number) reach the one-minute summary;
/// "likely, not yet confirmed" never does.
enum Editor {
  static let maxCallouts = 7
  static let maxOneMinuteWords = 150

  // MARK: - The watched number's movement

  /// The primary metric's change on a set, where it shows at the printed precision.
  struct Move {
    var set: SetResult
    var change: MetricChange
    var delta: Double { change.delta ?? 0 }
    var isReal: Bool { change.significant }
  }

  static func moves(_ task: TaskAnalysis) -> [Move] {
    task.sets.compactMap { set in
      guard let change = set.change(task.primaryMetric), let previous = change.previous,
        let current = change.current,
        change.delta != nil,
        !Precision.isNonEvent(
          previous: previous, current: current, isRate: task.primaryMetric.isRate)
      else { return nil }
      return Move(set: set, change: change)
    }
  }

  /// The move worth a headline: a real drop first, else a real gain. Accuracy on a set where
  /// it barely beats the majority baseline is never headline material.
  static func headlineMove(_ task: TaskAnalysis) -> Move? {
    let candidates = moves(task).filter { move in
      move.isReal
        && !(task.primaryMetric == .accuracy
          && StandingConditions.accuracyMisleads(move.set.analysis))
    }
    return candidates.first { $0.delta < 0 } ?? candidates.first { $0.delta > 0 }
  }

  // MARK: - This week in one minute

  static func oneMinute(_ week: WeekAnalysis, words: Words) -> [String] {
    func say(_ key: String, _ context: [String: Any]) -> String {
      words.sentence("one-minute", key, context)
    }
    guard !week.tasks.isEmpty else { return [say("noResults", ["week": words.week(week.week)])] }
    var drops: [String] = []
    var gains: [String] = []
    var quiet: [(String, String)] = []
    var dropped: [TaskAnalysis] = []
    let numbers = words.numbers
    for task in week.tasks {
      let metric = task.primaryMetric
      let rate = metric.isRate
      if let move = headlineMove(task), let previous = move.change.previous,
        let current = move.change.current
      {
        let ends = numbers.changeEnds(previous, current, isRate: rate, besideChange: false)
        var sentence = say(
          "headline",
          [
            "task": task.task.name, "metric": words.metric(metric), "drop": move.delta < 0,
            "previous": ends.previous, "current": ends.current, "set": move.set.config.id,
          ])
        if let meaning = meaning(task, move, week, words: words) { sentence += " " + meaning }
        if move.delta < 0 {
          drops.append(sentence)
          dropped.append(task)
        } else {
          gains.append(sentence)
        }
      } else if let reference = Phrases.referenceSet(task),
        let value = reference.analysis.estimate(metric)?.value
      {
        var context: [String: Any] = [
          "task": task.task.name, "metric": words.metric(metric),
          "value": numbers.metric(value, isRate: rate),
          "set": reference.config.id,
        ]
        if let since = week.comparedTo { context["since"] = words.week(since) }
        quiet.append((task.task.name, say("quiet", context)))
      }
    }
    var paragraphs = drops + gains
    // Quiet tasks take little room: by name when few, counted when many.
    if quiet.count <= 2 || paragraphs.isEmpty && quiet.count <= 3 {
      paragraphs += quiet.map(\.1)
    } else if week.comparedTo != nil {
      paragraphs.append(
        say(
          "quietMany",
          ["count": String(quiet.count), "tasks": quiet.map(\.0).joined(separator: ", ")]))
    } else {
      paragraphs.append(say("firstWeek", [:]))
    }
    paragraphs += next(week, dropped: dropped, words: words)
    return trim(paragraphs, to: maxOneMinuteWords)
  }

  /// What a primary move means in the client's terms: cases caught, or the class that moved most.
  static func meaning(_ task: TaskAnalysis, _ move: Move, _ week: WeekAnalysis, words: Words)
    -> String?
  {
    guard
      let before = week.previousTasks.first(where: { $0.task.id == task.task.id })?.sets.first(
        where: { $0.config.id == move.set.config.id })?.analysis,
      let against = week.comparedTo
    else { return nil }
    let now = move.set.analysis
    if let positive = task.positive, let label = task.positiveLabel,
      let old = before.classes.firstIndex(of: label)
    {
      let caught = now.counts[positive, positive]
      let total = now.counts.support(positive)
      let caughtBefore = before.counts[old, old]
      guard total > 0, caught != caughtBefore else { return nil }
      return words.sentence(
        "one-minute", "caughtAgainst",
        [
          "caught": words.caught(caught, of: total), "label": label,
          "unit": words.unit(task.task.unit),
          "before": words.numbers.count(caughtBefore), "week": words.week(against),
        ])
    }
    // Multiclass: the class whose recognition moved most in the direction of the change.
    var best: (name: String, now: Double, then: Double)?
    for (index, name) in task.classes.enumerated() {
      guard let old = before.classes.firstIndex(of: name), now.counts.support(index) > 0,
        before.counts.support(old) > 0
      else { continue }
      let recallNow = Double(now.counts[index, index]) / Double(now.counts.support(index))
      let recallThen = Double(before.counts[old, old]) / Double(before.counts.support(old))
      let change = (recallNow - recallThen) * (move.delta < 0 ? -1 : 1)
      if change > 0.02, change > (best.map { ($0.now - $0.then) * (move.delta < 0 ? -1 : 1) } ?? 0)
      {
        best = (name, recallNow, recallThen)
      }
    }
    guard let best else { return nil }
    return words.sentence(
      "one-minute", "mostlyIn",
      [
        "drop": move.delta < 0, "label": best.name, "unit": words.unit(task.task.unit),
        "now": words.numbers.percent(best.now),
        "then": words.numbers.percent(best.then),
      ])
  }

  /// What the team does next, said as a fact and a plan, never as an instruction.
  static func next(_ week: WeekAnalysis, dropped: [TaskAnalysis], words: Words) -> [String] {
    if !dropped.isEmpty {
      return [
        words.sentence(
          "one-minute", "investigating", ["tasks": words.list(dropped.map(\.task.name))])
      ]
    }
    let items = week.worklog?.items ?? []
    // Work "continues" only on what has started; planned work "starts".
    let started = items.filter { $0.status == .inProgress }.map { "'\($0.title)'" }
    let planned = items.filter { $0.status == .planned }.map { "'\($0.title)'" }
    func list(_ titles: ArraySlice<String>) -> String {
      titles.joined(separator: " \(words.phrase("and")) ")
    }
    let key: String
    var context: [String: Any]
    var shown: Int
    switch (started.isEmpty, planned.isEmpty) {
    case (true, true): return []
    case (false, true), (true, false):
      key = started.isEmpty ? "starting" : "continuing"
      let titles = started.isEmpty ? planned : started
      shown = min(2, titles.count)
      context = ["items": list(titles.prefix(2))]
    case (false, false):
      key = "continuingAndStarting"
      shown = 2
      context = ["items": started[0], "planned": planned[0]]
    }
    let more = started.count + planned.count - shown
    if more > 0 { context["more"] = String(more) }
    context["moreOne"] = more == 1
    return [words.sentence("one-minute", key, context)]
  }

  static func words(_ text: String) -> Int {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
  }

  /// Keeps whole paragraphs while they fit; the first always stays.
  static func trim(_ paragraphs: [String], to limit: Int) -> [String] {
    var kept: [String] = []
    var total = 0
    for paragraph in paragraphs {
      let count = words(paragraph)
      if !kept.isEmpty && total + count > limit { continue }
      kept.append(paragraph)
      total += count
    }
    return kept
  }

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
  }

  static let changeCodes = FindingCode.changes

  /// Findings of this week that are news, merged and ranked; all of them when `limit` is nil.
  static func news(_ week: WeekAnalysis, words: Words) -> [Callout] {
    var callouts: [Callout] = []
    let findings = week.findings
    // 1. The watched number: one callout per task, every set's verdict in it.
    for task in week.tasks {
      let taskMoves = moves(task).filter { $0.isReal || $0.change.isSuggestive }
      guard !taskMoves.isEmpty else { continue }
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
      else { continue }
      var paragraphs = [message]
      let others = taskMoves.filter { $0.set.config.id != lead.set.config.id }
      if !others.isEmpty {
        let moves = others.map {
          "'\($0.set.config.id)' \(Phrases.change($0.change, task.primaryMetric, words: words))"
        }
        paragraphs.append(
          words.sentence("front-page", "otherSets", ["moves": moves.joined(separator: "; ")]))
      }
      let misleading =
        task.primaryMetric == .accuracy && StandingConditions.accuracyMisleads(lead.set.analysis)
      let rank =
        lead.isReal ? (lead.delta < 0 ? (misleading ? 40 : 0) : (misleading ? 41 : 20)) : 75
      let severity: Finding.Severity =
        lead.isReal && lead.delta < 0 ? (misleading ? .warning : .critical) : .info
      let sameVerdict = taskMoves.filter {
        $0.isReal == lead.isReal && ($0.delta < 0) == (lead.delta < 0)
      }
      callouts.append(
        Callout(
          rank: rank, severity: severity, task: task.task.id, sets: taskMoves.map(\.set.config.id),
          codes: [code], paragraphs: paragraphs,
          headingSets: sameVerdict.map(\.set.config.id)))
    }
    // 2. Everything else that is news, one callout per code and task.
    let previous = week.comparedTo == nil ? nil : StandingConditions.findings(week.previousTasks)
    for finding in findings
    where !changeCodes.contains(finding.code) || isSupportingDrop(finding, week) {
      let rank: Int
      switch finding.code {
      case .testSetOverlap: rank = 10
      case .significantRegression: rank = 30
      case .prevalenceShift where finding.severity == .warning: rank = 50
      case .testSetReused:
        // News only the week the count first reaches the threshold.
        guard case .testSetReused(_, let weeks) = finding.fact, weeks == Thresholds.testSetWeeks
        else { continue }
        rank = 90
      default:
        guard let standing = finding.code.standingRank else { continue }
        if let previous,
          previous.contains(where: {
            $0.code == finding.code && $0.task == finding.task && $0.set == finding.set
          })
        {
          continue
        }
        rank = standing
      }
      // One test set read by several tasks is one callout.
      if finding.code == .testSetReused,
        let index = callouts.firstIndex(where: {
          $0.codes == [finding.code] && $0.sets == finding.set.map { [$0] }
        })
      {
        if !callouts[index].otherTasks.contains(finding.task) {
          callouts[index].otherTasks.append(finding.task)
        }
        continue
      }
      if let index = callouts.firstIndex(where: {
        $0.codes == [finding.code] && $0.task == finding.task && $0.rank == rank
      }) {
        if let set = finding.set, !callouts[index].sets.contains(set) {
          callouts[index].sets.append(set)
        }
        if finding.code == .testSetOverlap || finding.code == .significantRegression
          || finding.code == .prevalenceShift
        {
          callouts[index].paragraphs.append(words.message(finding))
        }
        continue
      }
      callouts.append(
        Callout(
          rank: rank, severity: finding.severity, task: finding.task,
          sets: finding.set.map { [$0] } ?? [],
          codes: [finding.code], paragraphs: [words.message(finding)]))
    }
    for index in callouts.indices
    where callouts[index].sets.count > 1 && callouts[index].codes[0].standingRank != nil
      && callouts[index].codes[0] != .prevalenceShift
    {
      let names = callouts[index].sets.dropFirst().map { "'\($0)'" }
      callouts[index].paragraphs.append(
        words.sentence(
          "front-page", "sameHolds", ["sets": names.joined(separator: " \(words.phrase("and")) ")]))
    }
    let taskOrder = week.tasks.map(\.task.id)
    return callouts.enumerated().sorted { a, b in
      (a.element.rank, taskOrder.firstIndex(of: a.element.task) ?? 0, a.offset) < (
        b.element.rank, taskOrder.firstIndex(of: b.element.task) ?? 0, b.offset
      )
    }.map(\.element)
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
      let taskName = ([callout.task] + callout.otherTasks).map { id in
        week.tasks.first { $0.task.id == id }?.task.name ?? id
      }
      .joined(separator: " \(words.phrase("and")) ")
      let sets = callout.headingSets ?? callout.sets
      let place = sets.isEmpty ? taskName : "\(taskName) · \(sets.joined(separator: ", "))"
      // A real gain is good news, not a "Note": it gets its own label and colour.
      let gain = callout.codes == [.significantImprovement]
      let label = words.phrase(
        gain
          ? "calloutGain"
          : (callout.severity == .critical
            ? "calloutCritical" : (callout.severity == .warning ? "calloutWarning" : "calloutNote"))
      )
      let tone: CalloutView.Tone =
        gain ? .gain : (CalloutView.Tone(rawValue: callout.severity.rawValue) ?? .info)
      return CalloutView(tone: tone, label: label, place: place, paragraphs: callout.paragraphs)
    }
  }

  // MARK: - Appendix

  /// The first sentence of a message (set ids and numbers hold no ". ").
  static func firstSentence(_ text: String) -> String {
    guard let range = text.range(of: ". ") else { return text }
    return String(text[..<range.lowerBound]) + "."
  }

  static func appendix(_ week: WeekAnalysis, words: Words) -> FindingsTableView? {
    guard !week.findings.isEmpty else { return nil }
    func say(_ key: String) -> String { words.sentence("front-page", key) }
    return FindingsTableView(
      caption: say("appendixCaption"), severityColumn: say("appendixSeverity"),
      codeColumn: say("appendixCode"), placeColumn: say("appendixWhere"),
      lineColumn: say("appendixLine"),
      rows: week.findings.map { finding in
        let taskName = week.tasks.first { $0.task.id == finding.task }?.task.name ?? finding.task
        return FindingsTableView.Row(
          severity: words.phrase("severity_" + finding.severity.rawValue),
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
  }

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
      if let index = byCode.firstIndex(where: { $0.code == finding.code }),
        finding.code != .testSetReused, finding.code != .prevalenceShift
      {
        // Another class on the same set is not another place: each set is named once.
        if let set = finding.set, set != byCode[index].first.set,
          !byCode[index].others.contains(set)
        {
          byCode[index].others.append(set)
        }
      } else {
        byCode.append((finding.code, finding, []))
      }
    }
    return byCode.map { entry in
      entry.others.isEmpty
        ? words.message(entry.first)
        : words.message(entry.first) + " "
          + words.sentence(
            "front-page", "sameHoldsOn",
            ["sets": entry.others.map { "'\($0)'" }.joined(separator: " \(words.phrase("and")) ")])
    }
  }
}
