import CandorAnalysis
import CandorWorkspace

/// "Is this week's change real?": the change of the watched number on each set, its interval
/// and its test, in plain words; other metrics only where they moved beyond noise.
enum ChangeNarrator {
  /// - Parameter previous: the week compared to, set by set, for per-class detail.
  static func view(
    _ task: TaskAnalysis, against: ISOWeek?, words: Words, previous: [String: SetAnalysis] = [:]
  ) -> ChangeView? {
    guard let against, task.sets.contains(where: { $0.changes != nil }) else { return nil }
    func say(_ key: String, _ context: [String: Any] = [:]) -> String {
      words.sentence("change", key, context)
    }
    let n = words.numbers
    let metric = task.primaryMetric
    let name = words.metric(metric)
    var items: [String] = []
    for set in task.sets {
      guard let change = set.change(metric) else {
        items.append(say("notEvaluated", ["set": set.config.id, "week": words.week(against)]))
        continue
      }
      guard let delta = change.delta, let previous = change.previous, let current = change.current
      else {
        items.append(
          say(
            "cannotCompute",
            [
              "set": set.config.id,
              "reason": change.reason.map(words.reason) ?? say("aValueIsUndefined"),
            ]))
        continue
      }
      let rate = metric.isRate
      let flat = Precision.isNonEvent(previous: previous, current: current, isRate: rate)
      var sentence = say(
        flat ? "flat" : "moved",
        [
          "set": set.config.id, "metric": name, "previous": n.metric(previous, isRate: rate),
          "current": n.metric(current, isRate: rate),
          "delta": n.signed(delta, isRate: rate),
        ])
      if let ci = change.ci95 {
        sentence +=
          " "
          + say(
            "interval",
            [
              "low": n.signed(ci.lowerBound, isRate: rate),
              "high": n.signed(ci.upperBound, isRate: rate),
            ])
      }
      if let paired = change.pairedExamples,
        change.test?.contains("paired") == true || change.test?.hasPrefix("sign-flip") == true
      {
        sentence +=
          " "
          + say(
            "paired",
            [
              "count": n.count(paired), "unit": words.unit(task.task.unit),
              "test": testDescription(change.test, words: words),
            ])
      } else if change.test != nil {
        sentence += " " + say("testedWith", ["test": testDescription(change.test, words: words)])
      }
      if flat {
        // A change that does not show at the printed precision earns no verdict.
      } else if change.significant {
        sentence += " " + say(delta > 0 ? "realImprovement" : "realDrop")
      } else if change.isSuggestive {
        sentence += " " + say("unconfirmed")
      } else if change.test != nil {
        sentence += " " + say("withinNoise")
      }
      items.append(sentence)
    }
    // Other metrics (the supporting family): named where they moved beyond noise, worded
    // so they never contradict the verdict on the number we watch.
    var others: [String] = []
    for set in task.sets {
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
        guard let delta = change.delta, !isRepeat(change, in: set.changes ?? []),
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
      if !along.isEmpty {
        others.append(
          say(
            "along",
            [
              "set": set.config.id, "metrics": words.list(along), "many": along.count > 1,
              "drop": primaryDelta < 0, "metric": name,
            ]))
      }
      let watched = primaryMoved ? "otherWay" : (primary?.isSuggestive == true ? "notYet" : "noise")
      for (up, names) in [(true, rose), (false, fell)] where !names.isEmpty {
        others.append(
          say(
            "supporting",
            [
              "set": set.config.id, "metrics": words.list(names), "many": names.count > 1,
              "rose": up, "metric": name, watched: true,
            ]))
      }
      let primaryWent =
        primaryMoved ? (primaryDelta > 0 ? "watchedRose" : "watchedFell") : watched
      for (better, names) in losses.sorted(by: { $0.key && !$1.key }) {
        others.append(
          say(
            "supportingLoss",
            [
              "set": set.config.id, "metrics": words.list(names), "many": names.count > 1,
              "better": better, "metric": name, primaryWent: true,
            ]))
      }
    }
    others += classMoves(task, against: against, previous: previous, words: words)
    return ChangeView(
      against: words.week(against), items: items, otherMoves: others, method: say("method"))
  }

  /// The test behind a verdict, in words ("a permutation test that reshuffles ...").
  static func testDescription(_ test: String?, words: Words) -> String {
    guard let test else { return words.sentence("change", "test_other") }
    let base = test.replacingOccurrences(of: "+randomisation", with: "")
    let known = [
      "sign-flip", "sign-flip-exact", "permutation", "delong-paired", "delong", "bootstrap-paired",
      "bootstrap", "paired-normal", "welch",
    ]
    let description = words.sentence(
      "change",
      known.contains(base) ? "test_" + base.replacingOccurrences(of: "-", with: "_") : "test_other")
    return base == test
      ? description : words.sentence("change", "confirmedByRandomisation", ["test": description])
  }

  static func visible(_ change: MetricChange) -> Bool {
    guard let previous = change.previous, let current = change.current else { return false }
    return !Precision.isNonEvent(previous: previous, current: current, isRate: change.metric.isRate)
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

  /// Multiclass: which classes moved, since an average can hide one class's loss.
  static func classMoves(
    _ task: TaskAnalysis, against: ISOWeek, previous: [String: SetAnalysis], words: Words
  ) -> [String] {
    guard task.positive == nil, let set = Phrases.referenceSet(task),
      let before = previous[set.config.id]
    else { return [] }
    let now = set.analysis.counts
    return task.classes.indices.compactMap { index in
      guard let old = before.classes.firstIndex(of: task.classes[index]), now.support(index) > 0,
        before.counts.support(old) > 0
      else { return nil }
      let x1 = before.counts[old, old]
      let n1 = before.counts.support(old)
      let x2 = now[index, index]
      let n2 = now.support(index)
      let delta = Double(x2) / Double(n2) - Double(x1) / Double(n1)
      guard abs(delta) >= 0.03 else { return nil }
      let ci = Proportions.newcombeDifference(x1, n1, x2, n2)
      return words.sentence(
        "change", "classMove",
        [
          "label": task.classes[index], "unit": words.unit(task.task.unit), "set": set.config.id,
          "now": words.numbers.percent(Double(x2) / Double(n2)),
          "then": words.numbers.percent(Double(x1) / Double(n1)), "week": words.week(against),
          "delta": words.numbers.signedPoints(delta),
          "low": words.numbers.signedPoints(ci.lowerBound),
          "high": words.numbers.signedPoints(ci.upperBound),
        ])
    }
  }
}
