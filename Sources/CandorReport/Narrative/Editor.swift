import CandorAnalysis
import CandorModel
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
        !PrintedPrecision.isNonEvent(
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

  static func oneMinute(_ week: WeekAnalysis, words: Words) -> [OneMinuteParagraph] {
    func say(_ key: Sentence.OneMinute, _ context: [String: Any]) -> String {
      words.sentence(key, context)
    }
    guard !week.tasks.isEmpty else {
      return [OneMinuteParagraph(text: say(.noResults, ["week": words.week(week.week)]))]
    }
    var drops: [OneMinuteParagraph] = []
    var gains: [OneMinuteParagraph] = []
    var unsure: [OneMinuteParagraph] = []
    var quiet: [(name: String, paragraph: OneMinuteParagraph)] = []
    let numbers = words.numbers
    for task in week.tasks {
      let metric = task.primaryMetric
      let rate = metric.isRate
      let status = TaskStatus(task)
      let lead = words.sentence(
        Sentence.OneMinute.statusLine,
        ["task": task.task.name, "status": words.phrase(.status(status))])
      if let move = headlineMove(task), let previous = move.change.previous,
        let current = move.change.current
      {
        let ends = numbers.changeEnds(previous, current, isRate: rate, besideChange: false)
        var sentence = say(
          .headline,
          [
            "metric": capitalized(words.metric(metric)), "drop": move.delta < 0,
            "previous": ends.previous, "current": ends.current, "set": move.set.config.id,
          ])
        if let meaning = meaning(task, move, week, words: words) { sentence += " " + meaning }
        let paragraph = OneMinuteParagraph(lead: lead, text: sentence)
        if move.delta < 0 { drops.append(paragraph) } else { gains.append(paragraph) }
      } else if status == .tooFewToTell, let set = task.referenceSet,
        let change = set.change(metric), let previous = change.previous,
        let current = change.current
      {
        let ends = numbers.changeEnds(previous, current, isRate: rate, besideChange: false)
        unsure.append(
          OneMinuteParagraph(
            lead: lead,
            text: say(
              .tooFew,
              [
                "metric": capitalized(words.metric(metric)), "previous": ends.previous,
                "current": ends.current, "set": set.config.id,
              ])))
      } else if let reference = task.referenceSet,
        let value = reference.analysis.estimate(metric)?.value
      {
        var context: [String: Any] = [
          "metric": capitalized(words.metric(metric)),
          "value": numbers.metric(value, isRate: rate), "set": reference.config.id,
        ]
        if status == .steady, let since = week.comparedTo { context["since"] = words.week(since) }
        quiet.append((task.task.name, OneMinuteParagraph(lead: lead, text: say(.quiet, context))))
      } else {
        unsure.append(OneMinuteParagraph(lead: lead, text: ""))
      }
    }
    var paragraphs = drops + gains + unsure
    // Quiet tasks take little room: by name when few, counted when many.
    if quiet.count <= 2 || paragraphs.isEmpty && quiet.count <= 3 {
      paragraphs += quiet.map(\.paragraph)
    } else if week.comparedTo != nil {
      paragraphs.append(
        OneMinuteParagraph(
          text: say(
            .quietMany,
            ["count": String(quiet.count), "tasks": quiet.map(\.name).joined(separator: ", ")])))
    } else {
      paragraphs.append(OneMinuteParagraph(text: say(.firstWeek, [:])))
    }
    paragraphs += next(week, words: words).map { OneMinuteParagraph(text: $0) }
    return trim(paragraphs, to: maxOneMinuteWords)
  }

  /// What a primary move means in the client's terms, naming the component that moved most:
  /// cases caught (recall) or false alarms (precision), for the positive class or, with several
  /// classes, for the class whose recall or precision moved most in the change's direction.
  static func meaning(_ task: TaskAnalysis, _ move: Move, _ week: WeekAnalysis, words: Words)
    -> String?
  {
    guard
      let before = week.previousTasks.first(where: { $0.task.id == task.task.id })?.sets.first(
        where: { $0.config.id == move.set.config.id })?.analysis,
      let against = week.comparedTo
    else { return nil }
    let now = move.set.analysis
    let sign = move.delta < 0 ? -1.0 : 1.0
    let unit = words.unit(task.task.unit)
    // Precision can lead only where the watched number weighs it (F1, not recall).
    let weighsAlarms = ![.recall, .macroRecall, .balancedAccuracy, .specificity].contains(
      task.primaryMetric)
    if let positive = task.positive, let label = task.positiveLabel,
      let old = before.classes.firstIndex(of: label)
    {
      let caught = now.counts[positive, positive]
      let total = now.counts.support(positive)
      let caughtBefore = before.counts[old, old]
      let alarms = now.counts.predictedCount(positive) - caught
      let alarmsBefore = before.counts.predictedCount(old) - caughtBefore
      let recall = ClassRates(now.counts, positive).recall - ClassRates(before.counts, old).recall
      let precision =
        ClassRates(now.counts, positive).precision - ClassRates(before.counts, old).precision
      // False alarms lead when precision moved further, in the change's direction, than recall.
      if weighsAlarms, precision * sign > max(0, recall * sign), alarms != alarmsBefore {
        return words.sentence(
          Sentence.OneMinute.alarmsAgainst,
          [
            "alarms": words.numbers.count(alarms), "before": words.numbers.count(alarmsBefore),
            "label": label, "week": words.week(against), "up": alarms > alarmsBefore,
          ])
      }
      guard total > 0, caught != caughtBefore else { return nil }
      return words.sentence(
        Sentence.OneMinute.caughtAgainst,
        [
          "caught": words.caught(caught, of: total), "label": label, "unit": unit,
          "before": words.numbers.count(caughtBefore), "week": words.week(against),
        ])
    }
    // Several classes: the class and component that moved most in the change's direction,
    // named only where it carries most of that component's movement ("mostly in" is false of
    // a gain spread over every class).
    // A macro average weighs every class alike; accuracy, weighted F1, MCC and kappa weigh a
    // class by its examples (its answers, for precision), so a small class's big move is a
    // small part of theirs.
    let perClass = [MetricName.macroF1, .macroRecall, .balancedAccuracy].contains(
      task.primaryMetric)
    let total = Double(max(now.counts.total, 1))
    var best: (name: String, now: Double, then: Double, alarms: Bool, share: Double)?
    var moved = (recall: 0.0, precision: 0.0)
    for (index, name) in task.classes.enumerated() {
      guard let old = before.classes.firstIndex(of: name) else { continue }
      let current = ClassRates(now.counts, index)
      let earlier = ClassRates(before.counts, old)
      if now.counts.support(index) > 0, before.counts.support(old) > 0 {
        let move = (current.recall - earlier.recall) * sign
        let share = move * (perClass ? 1 : Double(now.counts.support(index)) / total)
        moved.recall += max(0, share)
        if move > Thresholds.classMovePoints, share > best?.share ?? 0 {
          best = (name, current.recall, earlier.recall, false, share)
        }
      }
      if weighsAlarms, now.counts.predictedCount(index) > 0, before.counts.predictedCount(old) > 0 {
        let move = (current.precision - earlier.precision) * sign
        let share = move * (perClass ? 1 : Double(now.counts.predictedCount(index)) / total)
        moved.precision += max(0, share)
        if move > Thresholds.classMovePoints, share > best?.share ?? 0 {
          best = (name, current.precision, earlier.precision, true, share)
        }
      }
    }
    guard let best, best.share > 0.5 * (best.alarms ? moved.precision : moved.recall) else {
      return nil
    }
    return words.sentence(
      best.alarms ? Sentence.OneMinute.mostlyInAlarms : .mostlyIn,
      [
        "drop": move.delta < 0, "label": best.name, "unit": unit,
        "now": words.numbers.percent(best.now), "then": words.numbers.percent(best.then),
      ])
  }

  /// What the team does next, only as the worklog has it (work started or planned), never a
  /// promise nobody logged and never an instruction.
  static func next(_ week: WeekAnalysis, words: Words) -> [String] {
    let items = week.worklog?.items ?? []
    // Work "continues" only on what has started; planned work "starts".
    let started = items.filter { $0.status == .inProgress }.map { words.quoted($0.title) }
    let planned = items.filter { $0.status == .planned }.map { words.quoted($0.title) }
    func list(_ titles: ArraySlice<String>) -> String {
      words.list(Array(titles))
    }
    let key: Sentence.OneMinute
    var context: [String: Any]
    var shown: Int
    switch (started.isEmpty, planned.isEmpty) {
    case (true, true): return []
    case (false, true), (true, false):
      key = started.isEmpty ? .starting : .continuing
      let titles = started.isEmpty ? planned : started
      shown = min(2, titles.count)
      context = ["items": list(titles.prefix(2))]
    case (false, false):
      key = .continuingAndStarting
      shown = 2
      context = ["items": started[0], "planned": planned[0]]
    }
    let more = started.count + planned.count - shown
    if more > 0 { context["more"] = String(more) }
    context["moreOne"] = more == 1
    return [words.sentence(key, context)]
  }

  static func words(_ text: String) -> Int {
    text.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
  }

  /// Keeps whole paragraphs while they fit; the first always stays.
  static func trim(_ paragraphs: [OneMinuteParagraph], to limit: Int) -> [OneMinuteParagraph] {
    var kept: [OneMinuteParagraph] = []
    var total = 0
    for paragraph in paragraphs {
      let count = words(paragraph.plain)
      if !kept.isEmpty && total + count > limit { continue }
      kept.append(paragraph)
      total += count
    }
    return kept
  }

}

/// A paragraph of "This week in one minute": a task's status line ("Engines: better.") leads
/// it in bold, then what moved and what it means.
public struct OneMinuteParagraph: Sendable {
  public var lead: String?
  public var text: String

  public init(lead: String? = nil, text: String) {
    self.lead = lead
    self.text = text
  }

  /// The paragraph as one line of plain text.
  public var plain: String {
    [lead, text].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
  }
}

/// One class's recall and precision in a confusion matrix (0 where undefined).
struct ClassRates {
  var recall: Double
  var precision: Double

  init(_ counts: ConfusionCounts, _ index: Int) {
    let right = Double(counts[index, index])
    let actual = counts.support(index)
    let said = counts.predictedCount(index)
    recall = actual > 0 ? right / Double(actual) : 0
    precision = said > 0 ? right / Double(said) : 0
  }
}
