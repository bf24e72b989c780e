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

}
