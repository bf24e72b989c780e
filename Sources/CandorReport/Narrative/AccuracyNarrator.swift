import CandorAnalysis
import CandorModel
import CandorWorkspace
import Foundation

/// "Why accuracy is not the number to watch": the majority baseline in the client's labels.
enum AccuracyNarrator {
  static func view(_ task: TaskAnalysis, findings: [Finding], words: Words) -> AccuracyView? {
    let relevant = findings.filter {
      $0.task == task.task.id && ($0.code == .classImbalance || $0.code == .accuracyMisleading)
    }
    guard !relevant.isEmpty else { return nil }
    // Tell the story on the test set when it is concerned, else on the first set concerned.
    let concerned = task.sets.filter { set in relevant.contains { $0.set == set.config.id } }
    guard let set = concerned.first(where: { $0.config.role == .test }) ?? concerned.first,
      let accuracy = set.analysis.estimate(.accuracy)?.value
    else { return nil }
    let analysis = set.analysis
    let counts = analysis.counts
    let unit = words.unit(task.task.unit)
    let baseline = analysis.baseline
    func say(_ key: Sentence.Accuracy, _ context: [String: Any] = [:]) -> String {
      words.sentence(key, context)
    }
    let n = words.numbers
    var paragraphs: [String] = []
    let rare = task.classes.indices.min { counts.support($0) < counts.support($1) }!
    let rareName = task.classes[rare]
    let rareCount = counts.support(rare)
    paragraphs.append(
      say(
        .takeSet,
        [
          "set": set.config.id, "total": n.count(counts.total), "unit": unit,
          "rare": n.count(rareCount), "rareOne": rareCount == 1, "label": rareName,
          "oneIn": words.oneIn(rareCount, of: counts.total), "baseline": baseline.label,
          "baselineAccuracy": n.percent(baseline.accuracy),
        ]))
    let compared = comparison(accuracy: accuracy, baseline: baseline, words: words)
    var closing = say(.ourModel, ["accuracy": n.percent(accuracy), "comparison": compared.text])
    // "Rare" is a defined word: said only of a class the class-imbalance rule flags here.
    let isRare = relevant.contains { $0.code == .classImbalance && $0.set == set.config.id }
    var saidRare = false
    if let positive = task.positive {
      let caught = counts[positive, positive]
      let total = counts.support(positive)
      if total > 0 {
        let context: [String: Any] = [
          "total": n.count(total), "label": task.classes[positive], "unit": unit,
          "caught": n.count(caught), "caughtIt": caught == 1,
          "rate": n.percent(Double(caught) / Double(total)),
        ]
        // One case is said as one ("the only 'failure' case"), never "of the 1 ... examples".
        let key: Sentence.Accuracy =
          total == 1 ? .positiveOnly : (caught == 0 ? .positiveNone : .positiveSome)
        closing += " " + say(key, context)
      }
    } else if rareCount > 0 {
      let right = counts[rare, rare]
      let context: [String: Any] = [
        "total": n.count(rareCount), "label": rareName, "unit": unit, "caught": n.count(right),
        "caughtIt": right == 1, "rate": n.percent(Double(right) / Double(rareCount)),
      ]
      closing += " " + say(smallestClass(isRare: isRare, total: rareCount, right: right), context)
      saidRare = isRare
    }
    paragraphs.append(closing)
    paragraphs.append(say(.leads, ["metric": words.metric(task.primaryMetric)]))
    // The footnote defines only the words the paragraphs used: "rare" and "only".
    var rule: [String] = []
    if saidRare {
      rule.append(
        say(
          .ruleRare,
          [
            "share": n.percent(Thresholds.imbalanceShare, digits: 0),
            "classes": String(task.classes.count), "label": rareName,
            "oneIn": words.oneIn(rareCount, of: counts.total), "unit": unit,
          ].merging(
            exactShare(rareCount, of: counts.total, classes: task.classes.count, n: n)
          ) { first, _ in first }))
    }
    if compared.saidOnly {
      rule.append(say(.ruleOnly, ["baseline": baseline.label, "afterRare": saidRare]))
    }
    return AccuracyView(
      paragraphs: paragraphs, rule: rule.isEmpty ? nil : rule.joined(separator: " "))
  }

  /// The rule's share as a percentage where "1 in 10" would round a class that is rare (9.98%)
  /// to the very limit the rule states ("less than 10%"): enough decimals to read below it.
  static func exactShare(_ part: Int, of total: Int, classes: Int, n: NumberFormat)
    -> [String: Any]
  {
    let share = Double(part) / Double(total)
    let limit = Thresholds.imbalanceLimit(classes: classes)
    let ratio = Double(total) / Double(part)
    guard part > 0, ratio >= 1.5, 1 / ratio.rounded() >= limit else { return [:] }
    var digits = 1
    while digits < 12,
      (share * 100 * pow(10, Double(digits))).rounded() / pow(10, Double(digits)) >= limit * 100
    {
      digits += 1
    }
    return ["asPercent": true, "percent": n.percent(share, digits: digits)]
  }

  /// How the smallest class fared: "rare" only where the class-imbalance rule says so; its
  /// only case, none of its cases, or some.
  static func smallestClass(isRare: Bool, total: Int, right: Int) -> Sentence.Accuracy {
    switch (isRare, total == 1, right == 0) {
    case (true, true, _): .rareOnly
    case (true, false, true): .rareNone
    case (true, false, false): .rareSome
    case (false, true, _): .smallestOnly
    case (false, false, true): .smallestNone
    case (false, false, false): .smallestSome
    }
  }

  /// How accuracy compares with always saying the majority class. "Only" when the model
  /// avoids less than half of that answer's mistakes (the `accuracy-misleading` rule);
  /// otherwise the model beats it clearly; "no better" when the gap does not show.
  /// `saidOnly`: the words say "only", which the footnote then defines.
  static func comparison(
    accuracy: Double, baseline: (label: String, accuracy: Double), words: Words
  ) -> (text: String, saidOnly: Bool) {
    func say(_ key: Sentence.Accuracy, _ context: [String: Any] = [:]) -> String {
      words.sentence(key, context)
    }
    let gap = accuracy - baseline.accuracy
    if PrintedPrecision.isNonEvent(previous: baseline.accuracy, current: accuracy, isRate: true) {
      return (say(.noBetter), false)
    }
    // The gap as the two printed percents subtract ("73.9% ... 22.2 points better than
    // 51.7%"), where they differ; the rules below judge the exact gap.
    func printed(_ value: Double) -> Double {
      Double(PrintedPrecision.digits(value, isRate: true)).map { $0 / 100 } ?? value
    }
    // Rounded to the hundredth of a point the printed percents carry, so that 53.3% against
    // 53.2% is "0.1 points", not the float difference's "0.10".
    let shown = ((printed(accuracy) - printed(baseline.accuracy)) * 10_000).rounded() / 10_000
    let points = words.numbers.points(shown != 0 && (shown < 0) == (gap < 0) ? shown : gap)
    if gap < 0 { return (say(.worse, ["points": points]), false) }
    let errors = 1 - baseline.accuracy
    let avoided = errors > 0 ? gap / errors : 0
    if gap <= Thresholds.baselineMargin || avoided < Thresholds.baselineErrorShare {
      return (say(.onlyBetter, ["points": points]), true)
    }
    let text = say(
      .clearlyBetter,
      [
        "points": points, "avoided": words.numbers.percent(avoided, digits: 0),
        "baseline": baseline.label,
      ])
    return (text, false)
  }
}
