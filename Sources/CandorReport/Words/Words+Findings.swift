import CandorAnalysis
import CandorModel
import CandorWorkspace

/// A finding's message: its code's partial (`findings/<code>`) rendered with its facts,
/// preformatted in this language.
extension Words {
  public func message(_ finding: Finding) -> String {
    text("findings/\(finding.code.rawValue)", context(finding.fact))
  }

  func context(_ fact: Fact) -> [String: Any] {
    let n = numbers
    switch fact {
    case .classImbalance(let c):
      return [
        "set": c.set, "label": c.label, "unit": unit(c.unit), "total": n.count(c.total),
        "support": n.count(c.support),
        "absent": c.support == 0, "oneIn": oneIn(c.support, of: c.total),
      ]
    case .accuracyMisleading(let a):
      var context: [String: Any] = [
        "set": a.set, "unit": unit(a.unit), "accuracy": n.percent(a.accuracy),
        "baseline": a.baselineLabel,
        "baselineAccuracy": n.percent(a.baselineAccuracy),
      ]
      if let missed = a.missedPositives { context["missed"] = caughtContext(missed) }
      return context
    case .smallSample(let s):
      var context = caughtContext(s.recognised)
      context["set"] = s.set
      context["unit"] = unit(s.unit)
      context["interval"] = n.interval(s.interval, isRate: true)
      // The client's unit is a plural ("parts"): one example is said without it.
      context["one"] = s.recognised.total == 1
      return context
    case .rankingHidesPrecision(let r):
      return [
        "set": r.set, "label": r.label, "auc": n.fixed(r.rocAUC, 2),
        "real": n.count(r.alerts.caught),
        "alerts": n.count(r.alerts.total), "precision": n.percent(r.precision),
      ]
    case .averageHidesWeakClass(let w):
      var context = caughtContext(w.weak)
      context["set"] = w.set
      context["reassure"] = w.reassure
      context["average"] = n.percent(w.average)
      return context
    case .primaryChange(let p):
      var context = moveContext(p.move)
      context["set"] = p.set
      context["metric"] = capitalized(metric(p.move.metric))
      context[p.verdict.rawValue] = true
      context["rose"] = p.move.delta > 0
      context["flat"] = PrintedPrecision.isNonEvent(
        previous: p.move.previous, current: p.move.current, isRate: p.move.metric.isRate)
      if !p.companions.isEmpty {
        context["companions"] = capitalized(list(p.companions.map(companion)))
        context["companionsMany"] = p.companions.count > 1
      }
      if let label = p.accuracyMisleadsAgainst { context["caveat"] = ["baseline": label] }
      return context
    case .supportingDrop(let d):
      var context = moveContext(d.move)
      context["set"] = d.set
      context["metric"] = capitalized(metric(d.move.metric))
      if !d.move.sameAs.isEmpty { context["sameAs"] = sameNumber(d.move.sameAs) }
      context["primary"] = metric(d.primaryMetric)
      context["primaryRose"] = d.primaryRose
      context["lowerIsBetter"] = d.move.metric.lowerIsBetter
      if let label = d.accuracyMisleadsAgainst { context["caveat"] = ["baseline": label] }
      return context
    case .prevalenceShift(let s):
      var context: [String: Any] = [
        "set": s.set, "label": s.label, "unit": unit(s.unit), "share": n.percent(s.share),
        "otherShare": n.percent(s.otherShare),
      ]
      if let week = s.otherWeek { context["overWeeks"] = ["week": self.week(week)] }
      if let other = s.otherSet { context["betweenSets"] = ["reference": other] }
      return context
    case .setsDisagree(let g):
      let rate = g.metric.isRate
      return [
        "metric": metric(g.metric), "best": n.metric(g.best, isRate: rate), "bestSet": g.bestSet,
        "worst": n.metric(g.worst, isRate: rate), "worstSet": g.worstSet,
      ]
    case .testSetOverlap(let o):
      return ["test": o.test, "other": o.other, "shared": n.count(o.shared), "one": o.shared == 1]
    case .testSetReused(let set, let weeks):
      return ["set": set, "weeks": String(weeks)]
    }
  }

  /// `label`, `total`, `none` (nothing caught), `caught` ("3 of 4"), `count` and `rate`.
  func caughtContext(_ c: CaughtCount) -> [String: Any] {
    [
      "label": c.label, "total": n(c.total), "none": c.caught == 0,
      "caught": caught(c.caught, of: c.total),
      "count": n(c.caught), "rate": numbers.percent(c.rate),
    ]
  }

  private func n(_ value: Int) -> String { numbers.count(value) }

  /// `movement`, `previous`, `current` and, where there is one, `ci` (`low`, `high`), signed.
  func moveContext(_ move: MetricMove) -> [String: Any] {
    let rate = move.metric.isRate
    let ends = numbers.changeEnds(move.previous, move.current, isRate: rate)
    var context: [String: Any] = [
      "movement": numbers.movement(move.delta, isRate: rate), "previous": ends.previous,
      "current": ends.current,
    ]
    if let ci = move.ci95 {
      context["ci"] = [
        "low": numbers.signed(ci.lowerBound, isRate: rate),
        "high": numbers.signed(ci.upperBound, isRate: rate),
      ]
    }
    return context
  }

  /// "here the same number as macro recall".
  func sameNumber(_ metrics: [MetricName]) -> String {
    phrase(.sameNumberAs, ["names": metrics.map(metric).joined(separator: " \(phrase(.and)) ")])
  }

  /// "balanced accuracy (+3.1 points; here the same number as macro recall)".
  func companion(_ move: MetricMove) -> String {
    let size = numbers.signed(move.delta, isRate: move.metric.isRate)
    let twin = move.sameAs.isEmpty ? "" : "; " + sameNumber(move.sameAs)
    let name = metric(move.metric)
    // "average precision (PR AUC, +0.202)", not a second pair of brackets after the first.
    if name.hasSuffix(")") { return "\(name.dropLast()), \(size)\(twin))" }
    return "\(name) (\(size)\(twin))"
  }
}

/// Why a metric has no value, or a change no test, from `narrative/reasons`.
extension Words {
  public func reason(_ reason: Undefined) -> String {
    func say(_ key: Sentence.Reasons, _ context: [String: Any] = [:]) -> String {
      sentence(key, context)
    }
    switch reason {
    case .nothingPredicted(let label): return say(.nothingPredicted, ["label": label])
    case .noExample(let label, let metric):
      return say(.noExample, ["label": label, metric.rawValue: true])
    case .neitherOccursNorPredicted(let label):
      return say(.neitherOccursNorPredicted, ["label": label])
    case .predictedWithoutTrueExample(let label):
      return say(.predictedWithoutTrueExample, ["label": label])
    case .oneTrueClass: return say(.oneTrueClass)
    case .onePredictedClass: return say(.onePredictedClass)
    case .allOneClass: return say(.allOneClass)
    case .nothingToRank(let positivesMissing):
      return say(positivesMissing ? .noPositiveToRank : .noNegativeToRank)
    }
  }

  public func reason(_ reason: ChangeUnavailable) -> String {
    func say(_ key: Sentence.Reasons, _ context: [String: Any] = [:]) -> String {
      sentence(key, context)
    }
    switch reason {
    case .tooFewResamples: return say(.tooFewResamples)
    case .rankingTooFewOfOneClass: return say(.rankingTooFewOfOneClass)
    case .earlierHasNoScores: return say(.earlierHasNoScores)
    case .earlierUndefined(let why):
      return say(.earlierUndefined, ["why": why.map { self.reason($0) } ?? ""])
    case .currentUndefined(let why):
      return say(.currentUndefined, ["why": why.map { self.reason($0) } ?? ""])
    }
  }
}
