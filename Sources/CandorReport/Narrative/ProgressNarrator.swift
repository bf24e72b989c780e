import CandorAnalysis
import CandorModel
import CandorWorkspace
import Foundation

/// "This week's progress", honestly: shipped items whose tasks moved the intended way are wins,
/// with what was expected against what was measured; those whose tasks fell beyond noise are
/// setbacks; dropped items keep their reason; long-term items show their target and the trend
/// toward it. A drop nobody aimed at is told to the client as a fact and a plan.
enum ProgressNarrator {
  static func view(_ week: WeekAnalysis, words: Words) -> ProgressView {
    func say(_ key: Sentence.Progress, _ context: [String: Any] = [:]) -> String {
      words.sentence(key, context)
    }
    func status(_ status: WorklogItem.Status) -> String {
      switch status {
      case .planned: say(.status_planned)
      case .inProgress: say(.status_inProgress)
      case .shipped: say(.status_shipped)
      case .dropped: say(.status_dropped)
      }
    }
    func done(_ percent: Double) -> String {
      say(.percentDone, ["percent": String(Int(percent.rounded()))])
    }
    let items = week.worklog?.items ?? []
    let shipped = items.filter { $0.horizon == .shortTerm && $0.status == .shipped }
    var wins: [WorkItemView] = []
    var setbacks: [WorkItemView] = []
    var unclear: [WorkItemView] = []
    var asExpected: [WorkItemView] = []
    var short: [WorkItemView] = []
    for entry in shipped {
      let outcome = self.outcome(entry, week, words: words)
      // A note is said as a note: "Expected:" only for what the worklog calls expected (the
      // verdict still weighs a number a note names against the measured change).
      var view = WorkItemView(
        title: entry.title, status: status(entry.status),
        expected: entry.expected.map(Phrases.sentence),
        measured: outcome.measured, verdict: outcome.verdict, reason: nil, percentDone: nil,
        target: nil)
      view.note = entry.note.map(Phrases.sentence)
      switch outcome.kind {
      case .win: wins.append(view)
      case .setback: setbacks.append(view)
      case .unclear: unclear.append(view)
      case .asExpected: asExpected.append(view)
      case .short: short.append(view)
      }
    }
    let notShipped = items.filter {
      $0.horizon == .shortTerm && ($0.status == .planned || $0.status == .inProgress)
    }
    let underway = notShipped.map { entry in
      WorkItemView(
        title: entry.title, status: status(entry.status),
        expected: (entry.expected ?? entry.note).map(Phrases.sentence),
        measured: nil, verdict: nil, reason: nil, percentDone: entry.progress.map(done), target: nil
      )
    }
    let dropped = items.filter { $0.status == .dropped }.map { entry in
      WorkItemView(
        title: entry.title, status: status(entry.status), expected: nil, measured: nil,
        verdict: nil,
        reason: reason(entry, words: words), percentDone: nil, target: nil)
    }
    let longTerm = items.filter { $0.horizon == .longTerm && $0.status != .dropped }.map { entry in
      WorkItemView(
        title: entry.title, status: status(entry.status),
        expected: entry.expected.map(Phrases.sentence),
        measured: nil, verdict: nil, reason: nil, percentDone: entry.progress.map(done),
        target: entry.target.flatMap { target(for: $0, week, words: words) })
    }
    let unplanned = self.unplanned(week, aimedAt: Set(shipped.flatMap(\.tasks)), words: words)
    return ProgressView(
      hasWorklog: !items.isEmpty,
      nothingLogged: say(.nothingLogged, ["week": words.week(week.week)]),
      wins: wins, hasWins: !wins.isEmpty,
      noWins: say(shipped.isEmpty ? .nothingShipped : .noWins),
      setbacks: setbacks, unplanned: unplanned,
      hasSetbacks: !setbacks.isEmpty || !unplanned.isEmpty,
      unclear: unclear, hasUnclear: !unclear.isEmpty,
      asExpected: asExpected, hasAsExpected: !asExpected.isEmpty,
      short: short, hasShort: !short.isEmpty,
      underway: underway, hasUnderway: !underway.isEmpty,
      underwayStarted: notShipped.contains { $0.status == .inProgress },
      underwayPlanned: notShipped.contains { $0.status == .planned },
      dropped: dropped, hasDropped: !dropped.isEmpty,
      longTerm: longTerm, hasLongTerm: !longTerm.isEmpty)
  }

  enum Kind { case win, setback, unclear, asExpected, short }

  /// Where the item's tasks went: a real drop of the watched number on any set is a setback;
  /// otherwise a real gain is a win. Without either, an expectation that names a change (or
  /// none) is weighed against the interval of the change on the reference set: the whole
  /// interval within `Thresholds.materialChange` of it, with the measured change in line, is
  /// "as expected"; the whole interval below it is "less than expected"; only an interval that
  /// spans the expectation and a material difference from it is "not yet clear".
  static func outcome(_ item: WorklogItem, _ week: WeekAnalysis, words: Words) -> (
    kind: Kind, measured: String?, verdict: String?
  ) {
    func say(_ key: Sentence.Progress, _ context: [String: Any] = [:]) -> String {
      words.sentence(key, context)
    }
    guard week.comparedTo != nil else { return (.unclear, say(.noEarlierWeek), nil) }
    let tasks = item.tasks.compactMap { id in week.tasks.first { $0.task.id == id } }
    guard !tasks.isEmpty else { return (.unclear, nil, say(.noTaskNamed)) }
    var parts: [String] = []
    var gained = false
    var dropped = false
    var worst: (change: MetricChange, metric: MetricName)?
    for task in tasks {
      let metric = task.primaryMetric
      // The set the task's story is told on says what the item did; the tables have the rest.
      let reference = Phrases.referenceSet(task)?.config.id
      let told = task.sets.contains { $0.config.id == reference && $0.change(metric) != nil }
      let moves = task.sets.compactMap { set -> String? in
        guard let change = set.change(metric) else { return nil }
        guard change.delta != nil else { return say(.setNotComparable, ["set": set.config.id]) }
        let visible = ChangeNarrator.visible(change)
        if visible && change.significant {
          if (change.delta ?? 0) > 0 { gained = true } else { dropped = true }
        }
        if set.config.id == reference { worst = (change, metric) }
        guard !told || set.config.id == reference else { return nil }
        return say(
          .onSet, ["change": Phrases.change(change, metric, words: words), "set": set.config.id])
      }
      guard !moves.isEmpty else { continue }
      parts.append(
        say(
          .taskMoves,
          [
            "task": task.task.name, "metric": words.metric(metric),
            "moves": moves.joined(separator: "; "),
          ]))
    }
    let measured =
      parts.isEmpty ? say(.noEarlierWeekForTasks) : parts.joined(separator: ". ") + "."
    let expectation = (item.expected ?? item.note).flatMap { text in
      worst.flatMap { expectedChange(text, metric: $0.metric) }
    }
    let verdict = expectation.flatMap { expected in
      worst.map { compare(expected: expected, measured: $0.change.delta ?? 0, words: words) }
    }
    var kind: Kind = dropped ? .setback : (gained ? .win : .unclear)
    if kind == .unclear, let expected = expectation, let interval = worst?.change.ci95,
      let delta = worst?.change.delta
    {
      let margin = Thresholds.materialChange
      if interval.upperBound < expected {
        kind = .short
      } else if interval.lowerBound >= expected - margin, interval.upperBound <= expected + margin,
        verdictKey(expected: expected, measured: delta) == .asExpected
      {
        kind = .asExpected
      }
    }
    return (kind, measured, verdict)
  }

  /// The change an expectation names, in the metric's units (a point is 0.01), or nil when it
  /// names no number or the metric is not a 0-to-1 score where higher is better
  /// (`ExpectedChange`).
  static func expectedChange(_ text: String, metric: MetricName) -> Double? {
    guard metric.possibleValues.upperBound == 1, !metric.lowerIsBetter else { return nil }
    return ExpectedChange.points(in: text).map { $0 / 100 }
  }

  /// The stated rule: at or above the expectation less 1 point is in line (for "no change":
  /// within 1 point either way), more than 5 points below is far worse, between is worse.
  static func verdictKey(expected: Double, measured delta: Double) -> Sentence.Progress {
    if expected == 0 && delta > 0.01 { return .better }
    if delta >= expected - 0.01 { return .asExpected }
    return delta < expected - 0.05 ? .farWorse : .worse
  }

  /// The verdict on an expectation as written, or nil when it names no number.
  static func compare(
    expected text: String, measured delta: Double, metric: MetricName, words: Words
  ) -> String? {
    expectedChange(text, metric: metric).map {
      compare(expected: $0, measured: delta, words: words)
    }
  }

  /// The verdict sentence: expected against measured, in one unit (points).
  static func compare(expected: Double, measured delta: Double, words: Words) -> String {
    words.sentence(
      verdictKey(expected: expected, measured: delta),
      ["measured": words.numbers.signedPoints(delta)])
  }

  static func reason(_ item: WorklogItem, words: Words) -> String {
    guard let note = item.note ?? item.expected else {
      return words.sentence(Sentence.Progress.noReason)
    }
    var text = note.trimmingCharacters(in: .whitespaces)
    if text.lowercased().hasPrefix("dropped:") {
      text = String(text.dropFirst("dropped:".count)).trimmingCharacters(in: .whitespaces)
    }
    return Phrases.sentence(text.prefix(1).uppercased() + text.dropFirst())
  }

  /// The target, where the task stands now and how it has moved.
  static func target(for target: WorklogTarget, _ week: WeekAnalysis, words: Words) -> String? {
    func say(_ key: Sentence.Progress, _ context: [String: Any] = [:]) -> String {
      words.sentence(key, context)
    }
    let rate = target.metric.isRate
    let n = words.numbers
    var context: [String: Any] = [
      "metric": words.metric(target.metric), "value": n.metric(target.value, isRate: rate),
      "task": target.task,
    ]
    guard let task = week.tasks.first(where: { $0.task.id == target.task }),
      let set = Phrases.referenceSet(task)
    else {
      return say(.targetNoResults, context)
    }
    context["task"] = task.task.name
    var text = say(.target, context)
    guard let now = set.analysis.estimate(target.metric)?.value else {
      return text + " " + say(.targetNoValue, ["set": set.config.id])
    }
    // How far is still to go; for a loss (Brier score, log loss) the target lies below. A
    // score is said to three decimals, as the gap is, so "0.793, 0.057 to go" subtracts.
    func value(_ value: Double) -> String { rate ? n.percent(value) : n.fixed(value, 3) }
    let gap = (target.value - now) * (target.metric.lowerIsBetter ? -1 : 1)
    let location: [String: Any] = [
      "now": value(now), "set": set.config.id,
      "gap": n.movement(gap, isRate: rate),
    ]
    text += " " + say(gap > 0 ? .targetToGo : .targetReached, location)
    // The trend, from every week on record where the metric is the one watched, else the week before.
    if target.metric == task.primaryMetric {
      let points = week.history.compactMap { history in
        history.estimates["\(task.task.id)/\(set.config.id)"]?.value.map { (history.week, $0) }
      }
      if points.count >= 2 {
        let list = points.map {
          say(.valueInWeek, ["value": value($0.1), "week": words.week($0.0)])
        }
        text += " " + say(.weekByWeek, ["points": list.joined(separator: ", ")])
      }
    } else if let before = week.previousTasks.first(where: { $0.task.id == task.task.id })?.sets
      .first(where: { $0.config.id == set.config.id })?
      .analysis.estimate(target.metric)?.value, let previous = week.comparedTo
    {
      text +=
        " " + say(.itWas, ["value": value(before), "week": words.week(previous)])
    }
    return text
  }

  /// A real drop of a task's watched number that no shipped item aimed at: a fact and a plan,
  /// one line per task whatever the number of sets it fell on.
  static func unplanned(_ week: WeekAnalysis, aimedAt: Set<String>, words: Words) -> [String] {
    week.tasks.filter { !aimedAt.contains($0.task.id) }.compactMap { task in
      let metric = task.primaryMetric
      let drops = task.sets.compactMap { set -> String? in
        guard let change = set.change(metric), change.significant,
          let delta = change.delta, delta < 0,
          ChangeNarrator.visible(change)
        else { return nil }
        return words.sentence(
          Sentence.Progress.dropOn,
          ["set": set.config.id, "movement": words.numbers.movement(delta, isRate: metric.isRate)])
      }
      guard !drops.isEmpty else { return nil }
      return words.sentence(
        Sentence.Progress.unplanned,
        ["task": task.task.name, "metric": words.metric(metric), "drops": words.list(drops)])
    }
  }

}
