import CandorAnalysis
import CandorModel
import CandorWorkspace

/// "Is this week's change real?": the change of the watched number on each set, its interval
/// and its test, in plain words; other metrics only where they moved beyond noise.
enum ChangeNarrator {
  /// - Parameter previous: the week compared to, set by set, for per-class detail.
  static func view(
    _ task: TaskAnalysis, against: ISOWeek?, words: Words, previous: [String: SetAnalysis] = [:]
  ) -> ChangeView? {
    // A set that had a file last time and none now is said even when no set was compared.
    guard let against,
      task.sets.contains(where: { $0.changes != nil })
        || previous.keys.contains(where: { id in !task.sets.contains { $0.config.id == id } })
    else { return nil }
    let speaker = Speaker(words: words, metric: task.primaryMetric, unit: task.task.unit)
    // Each set's sentence, with how its change was tested kept apart: when every set was
    // tested the same way, the report says how once, after the lists, not once per set.
    let items = task.sets.map { speaker.item($0, against: against) }
    // A set evaluated last time with no file this week is said to be missing, not left out
    // silently (it had a value the client saw a week ago).
    let present = Set(task.sets.map(\.config.id))
    let gone = previous.keys.filter { !present.contains($0) }.sorted().map { id in
      Item(
        set: id,
        sentence: words.sentence(
          Sentence.Change.notThisWeek, ["set": id, "week": words.week(against)]),
        test: nil, verdict: "")
    }
    let tests = items.compactMap(\.test)
    let shared =
      tests.count > 1 && tests.count == items.count
        && Set(tests.map { $0.description }).count == 1
        && Set(tests.map { $0.pairedExamples != nil }).count == 1
      ? tests.first : nil
    // Other metrics (the supporting family): named where they moved beyond noise, worded
    // so they never contradict the verdict on the number we watch.
    let others =
      task.sets.flatMap(speaker.otherMoves)
      + classMoves(task, against: against, previous: previous, words: words)
    return ChangeView(
      against: words.week(against), howTested: shared.map { speaker.howTested($0, items: items) },
      items: items.map { speaker.sentence($0, testSaidOnce: shared != nil) } + gone.map(\.sentence),
      otherMoves: others,
      method: nil,
      referenceItem: task.referenceSet.flatMap { reference in
        items.first { $0.set == reference.config.id }.map {
          speaker.sentence($0, testSaidOnce: true)
        }
      },
      missing: gone.map(\.sentence))
  }

  /// One set's change of the watched number, before it is put into words with its test.
  struct Item {
    var set: String
    var sentence: String
    var test: TestUsed?
    var verdict: String
  }

  /// The change section's sentences for one task's watched metric.
  struct Speaker {
    let words: Words
    let metric: MetricName
    let unit: String
    var n: NumberFormat { words.numbers }
    var name: String { words.metric(metric) }

    init(words: Words, metric: MetricName, unit: String) {
      self.words = words
      self.metric = metric
      self.unit = words.unit(unit)
    }

    func say(_ key: Sentence.Change, _ context: [String: Any] = [:]) -> String {
      words.sentence(key, context)
    }

    /// How the watched number moved on one set, its interval, its test and its verdict.
    func item(_ set: SetResult, against: ISOWeek) -> Item {
      let id = set.config.id
      guard let change = set.change(metric) else {
        let sentence = say(.notEvaluated, ["set": id, "week": words.week(against)])
        return Item(set: id, sentence: sentence, test: nil, verdict: "")
      }
      guard let delta = change.delta, let previous = change.previous, let current = change.current
      else {
        let reason = change.reason.map(words.reason) ?? say(.aValueIsUndefined)
        let sentence = say(.cannotCompute, ["set": id, "reason": reason])
        return Item(set: id, sentence: sentence, test: nil, verdict: "")
      }
      let rate = metric.isRate
      let flat = PrintedPrecision.isNonEvent(previous: previous, current: current, isRate: rate)
      let ends = n.changeEnds(previous, current, isRate: rate)
      var sentence = say(
        flat ? .flat : .moved,
        [
          "set": id, "metric": name, "previous": ends.previous, "current": ends.current,
          "delta": n.signed(delta, isRate: rate),
        ])
      if let ci = change.ci95 {
        sentence +=
          " "
          + say(
            .interval,
            [
              "low": n.signed(ci.lowerBound, isRate: rate),
              "high": n.signed(ci.upperBound, isRate: rate),
            ])
      }
      let test = change.test.map { method in
        TestUsed(
          description: testDescription(method, words: words),
          pairedExamples: method.isPaired ? change.pairedExamples : nil)
      }
      return Item(set: id, sentence: sentence, test: test, verdict: verdict(change, flat: flat))
    }

    /// A change that does not show at the printed precision earns no verdict.
    func verdict(_ change: MetricChange, flat: Bool) -> String {
      if flat { return "" }
      if change.significant { return say((change.delta ?? 0) > 0 ? .realImprovement : .realDrop) }
      if change.isHeldBack { return say(.heldBack) }
      if change.isSuggestive { return say(.unconfirmed) }
      guard change.test != nil else { return "" }
      return say(Phrases.isLargeOnFewExamples(change) ? .tooFewToConfirm : .withinNoise)
    }

    /// The one sentence that says how every set was tested, when they all were alike.
    func howTested(_ test: TestUsed, items: [Item]) -> String {
      guard test.pairedExamples != nil else {
        return say(.testedAllWith, ["metric": name, "test": test.description])
      }
      // Only examples scored in both weeks are paired: each set's count says how many.
      let counts = items.map { item in
        say(.pairedCount, ["count": n.count(item.test?.pairedExamples ?? 0), "set": item.set])
      }
      return say(
        .pairedAll,
        ["metric": name, "unit": unit, "test": test.description, "counts": words.list(counts)])
    }

    func sentence(_ item: Item, testSaidOnce: Bool) -> String {
      var parts = [item.sentence]
      if !testSaidOnce, let test = item.test {
        parts.append(
          test.pairedExamples.map {
            say(.paired, ["count": n.count($0), "unit": unit, "test": test.description])
          } ?? say(.testedWith, ["test": test.description]))
      }
      if !item.verdict.isEmpty { parts.append(item.verdict) }
      return parts.joined(separator: " ")
    }

    /// The supporting metrics of one set that moved beyond noise, by how they relate to the
    /// watched number: along with it, the other way, or (losses) better or worse.
    func otherMoves(_ set: SetResult) -> [String] {
      let primary = set.change(metric)
      let primaryMoved = primary.map { $0.significant && visible($0) } ?? false
      let primaryDelta = primary?.delta ?? 0
      // Accuracy where it barely beats the majority answer is not evidence either way.
      let skipAccuracy = StandingConditions.accuracyMisleads(set.analysis)
      var along: [String] = []
      var rose: [String] = []
      var fell: [String] = []
      // Losses (lower is better) get a sentence of their own that says which way is better.
      var losses: [Bool: [String]] = [:]
      for change in set.changes ?? []
      where change.metric != metric && change.significant && visible(change) {
        // A twin of the watched number (balanced accuracy beside macro recall) is the same
        // number, not support for it.
        guard let delta = change.delta, !isRepeat(change, in: set.changes ?? []),
          !change.decidedWithPrimary,
          !(skipAccuracy && change.metric == .accuracy)
        else { continue }
        let twin = twinNote(change, in: set.changes ?? [], words: words)
        let named =
          "\(words.metric(change.metric)) (\(n.signed(delta, isRate: change.metric.isRate))\(twin.isEmpty ? "" : "; " + twin))"
        if change.metric.lowerIsBetter {
          losses[delta < 0, default: []].append(named)
        } else if primaryMoved && (delta < 0) == (primaryDelta < 0) {
          along.append(named)
        } else if delta > 0 {
          rose.append(named)
        } else {
          fell.append(named)
        }
      }
      var others: [String] = []
      if !along.isEmpty {
        others.append(
          say(
            .along,
            [
              "set": set.config.id, "metrics": words.list(along), "many": along.count > 1,
              "drop": primaryDelta < 0, "metric": name,
            ]))
      }
      let watched = primaryMoved ? "otherWay" : (primary?.isSuggestive == true ? "notYet" : "noise")
      for (up, names) in [(true, rose), (false, fell)] where !names.isEmpty {
        others.append(
          say(
            .supporting,
            [
              "set": set.config.id, "metrics": words.list(names), "many": names.count > 1,
              "rose": up, "metric": name, watched: true,
            ]))
      }
      let primaryWent =
        primaryMoved ? (primaryDelta > 0 ? "watchedRose" : "watchedFell") : watched
      // A loss that improved as the watched number did agrees with it: no "while".
      let primaryImproved = (primaryDelta > 0) != metric.lowerIsBetter
      for (better, names) in losses.sorted(by: { $0.key && !$1.key }) {
        let agrees = primaryMoved && better == primaryImproved
        others.append(
          say(
            agrees ? .lossAlong : .supportingLoss,
            [
              "set": set.config.id, "metrics": words.list(names), "many": names.count > 1,
              "better": better, "metric": name, primaryWent: true, "drop": !primaryImproved,
            ]))
      }
      return others
    }
  }

  /// How one set's change was tested: the test in words, and how many examples were paired
  /// (nil when the test does not pair examples).
  struct TestUsed {
    var description: String
    var pairedExamples: Int?
  }

  /// The test behind a verdict, in words ("a permutation test that reshuffles ...").
  static func testDescription(_ test: TestMethod?, words: Words) -> String {
    guard let test else { return words.sentence(Sentence.Change.test_other) }
    let description = words.sentence(testEntry(test.kind))
    return test.confirmedByRandomisation
      ? words.sentence(Sentence.Change.confirmedByRandomisation, ["test": description])
      : description
  }

  static func testEntry(_ kind: TestMethod.Kind) -> Sentence.Change {
    switch kind {
    case .signFlip: .test_sign_flip
    case .signFlipExact: .test_sign_flip_exact
    case .permutation: .test_permutation
    case .delongPaired: .test_delong_paired
    case .delong: .test_delong
    case .bootstrapPaired: .test_bootstrap_paired
    case .bootstrap: .test_bootstrap
    case .pairedNormal: .test_paired_normal
    case .welch: .test_welch
    case .delta: .test_delta
    }
  }

  static func visible(_ change: MetricChange) -> Bool {
    guard let previous = change.previous, let current = change.current else { return false }
    return !PrintedPrecision.isNonEvent(
      previous: previous, current: current, isRate: change.metric.isRate)
  }

  /// Balanced accuracy and macro recall are one number when every class occurs: said once.
  static func identical(_ a: MetricChange, _ b: MetricChange) -> Bool {
    guard a.metric != b.metric, let ap = a.previous, let ac = a.current, let bp = b.previous,
      let bc = b.current
    else { return false }
    return abs(ap - bp) < 1e-12 && abs(ac - bc) < 1e-12
  }

  static func isRepeat(_ change: MetricChange, in changes: [MetricChange]) -> Bool {
    guard let index = changes.firstIndex(where: { $0.metric == change.metric }) else {
      return false
    }
    return changes[..<index].contains { identical($0, change) }
  }

  /// "here the same number as macro recall", or "".
  static func twinNote(_ change: MetricChange, in changes: [MetricChange], words: Words) -> String {
    let twins = changes.filter { identical($0, change) && isRepeat($0, in: changes) }.map(\.metric)
    return twins.isEmpty ? "" : words.sameNumber(twins)
  }

  /// Multiclass: which classes moved (`ClassMove`), since an average can hide one class's loss.
  static func classMoves(
    _ task: TaskAnalysis, against: ISOWeek, previous: [String: SetAnalysis], words: Words
  ) -> [String] {
    let before = task.referenceSet.flatMap { previous[$0.config.id] }
    return ClassMove.moves(task, previous: before).map { move in
      words.sentence(
        Sentence.Change.classMove,
        [
          "label": move.label, "unit": words.unit(task.task.unit), "set": move.set,
          "now": words.numbers.percent(move.now), "then": words.numbers.percent(move.then),
          "week": words.week(against), "delta": words.numbers.signedPoints(move.delta),
          "low": words.numbers.signedPoints(move.ci95.lowerBound),
          "high": words.numbers.signedPoints(move.ci95.upperBound),
        ])
    }
  }
}
