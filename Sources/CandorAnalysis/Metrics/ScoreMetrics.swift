import CandorModel
import Foundation

/// The metrics a set's per-example scores add (contract 1.1): multiclass ROC AUC and top-2
/// accuracy from `class_scores`, Brier score and log loss from probabilities, each with its
/// 95% interval, the per-example values its week-over-week change is tested on, and the
/// reliability diagram.
struct ScoreMetrics {
  var estimates: [(name: MetricName, estimate: MetricEstimate)] = []
  var perExample: [MetricName: ExampleValues] = [:]
  var reliability: Reliability?

  init(
    set: EvaluationSet, classes: [String], positive: Int?, probabilities: Bool,
    sortedRank: [Int]
  ) {
    if let scores = set.classScores {
      multiclass(scores, classes: classes, probabilities: probabilities, sortedRank: sortedRank)
    } else if let positive, probabilities {
      binary(set, positive: positive)
    }
  }

  private mutating func multiclass(
    _ scores: ClassScores, classes: [String], probabilities: Bool, sortedRank: [Int]
  ) {
    let k = scores.classes
    if let auc = ClassScoreMetrics.macroROCAUC(scores) {
      let values = ExampleValues(
        values: auc.pseudoValues, idHashes: scores.idHashes, chanceSpread: 0.5)
      let se = ExampleValues.standardError(values.values, chanceSpread: 0)
      var support = [Int](repeating: 0, count: k)
      for label in scores.labels { support[Int(label)] += 1 }
      let smallest = support.map { min($0, scores.rows - $0) }.min() ?? 1
      estimates.append(
        (
          .rocAUC,
          MetricEstimate(
            value: auc.value, reason: nil,
            ci95: SetAnalyzer.logitInterval(auc.value, standardError: se, fallbackTrials: smallest),
            method: "delong-ovr")
        ))
      perExample[.rocAUC] = values
    } else {
      let absent = ClassScoreMetrics.absentClass(scores) ?? 0
      estimates.append((.rocAUC, .undefined(.noExample(label: classes[absent], metric: .rocAUC))))
    }
    if k >= 3 {
      let hits = ClassScoreMetrics.top2Hits(scores, sortedRank: sortedRank)
      let count = Int(hits.reduce(0, +))
      estimates.append(
        (
          .top2Accuracy,
          MetricEstimate(
            value: Double(count) / Double(scores.rows), reason: nil,
            ci95: Proportions.wilson(count, scores.rows), method: "wilson")
        ))
      perExample[.top2Accuracy] = ExampleValues(
        values: hits, idHashes: scores.idHashes, chanceSpread: 0.5)
    }
    guard probabilities else { return }
    var brier = [Double](repeating: 0, count: scores.rows)
    var logLoss = [Double](repeating: 0, count: scores.rows)
    var confidence = [Double](repeating: 0, count: scores.rows)
    var right = [Bool](repeating: false, count: scores.rows)
    for row in 0..<scores.rows {
      let label = Int(scores.labels[row])
      let slice = scores.scores[(row * k)..<(row * k + k)]
      brier[row] = ProbabilityLosses.multiclassBrier(slice, label: label)
      logLoss[row] = ProbabilityLosses.logLoss(probabilityOfTruth: slice[row * k + label])
      // The predicted class: the highest score, ties to the first class.
      var best = row * k
      for index in slice.indices where slice[index] > slice[best] { best = index }
      confidence[row] = slice[best]
      right[row] = best - row * k == label
    }
    addLosses(
      brier: .init(.stored(brier)), logLoss: .init(.stored(logLoss)), hashes: scores.idHashes,
      chanceBrier: ProbabilityLosses.chanceBrier(classes: k), chanceLog: log(Double(k)),
      brierRange: ProbabilityLosses.brierRange(classes: k))
    reliability = Reliability(probabilities: confidence, happened: right)
  }

  /// Binary: from every row's score where ids keep them, else from the scores by class. The
  /// losses are computed from the scores where they are read, not stored (`ExampleValues.Values`).
  private mutating func binary(_ set: EvaluationSet, positive: Int) {
    var tally = Reliability.Tally()
    let storage: (ExampleValues.BinaryLoss) -> ExampleValues.Values.Storage
    var hashes: [UInt64]?
    if let keyed = set.keyed, let scores = keyed.scores {
      let label = UInt16(positive)
      scores.withReader { reader in
        for (row, cell) in keyed.cells.enumerated() {
          tally.add(reader[row], happened: cell >> 8 == label)
        }
      }
      storage = { .keyed($0, scores: scores, cells: keyed.cells, positive: label) }
      hashes = keyed.idHashes
    } else if let scored = set.scored {
      for p in scored.positives { tally.add(p, happened: true) }
      for p in scored.negatives { tally.add(p, happened: false) }
      storage = { .split($0, positives: scored.positives, negatives: scored.negatives) }
    } else {
      return
    }
    let brier = ExampleValues.Values(storage(.brier))
    guard !brier.isEmpty else { return }
    addLosses(
      brier: brier, logLoss: ExampleValues.Values(storage(.logLoss)), hashes: hashes,
      chanceBrier: 0.25, chanceLog: log(2), brierRange: 0...1)
    reliability = Reliability(tally)
  }

  /// Both losses' estimates, on two cores (each a pass or two over every example).
  private mutating func addLosses(
    brier: ExampleValues.Values, logLoss: ExampleValues.Values, hashes: [UInt64]?,
    chanceBrier: Double, chanceLog: Double, brierRange: ClosedRange<Double>
  ) {
    func estimated(_ values: ExampleValues.Values, _ chance: Double, _ bounds: ClosedRange<Double>)
      -> (ExampleValues, MetricEstimate)
    {
      let example = ExampleValues(
        values: values, idHashes: hashes, chanceSpread: chance, valueRange: bounds)
      return (
        example,
        MetricEstimate(
          value: example.mean, reason: nil, ci95: example.interval(), method: "normal-floored")
      )
    }
    let (b, l) = Concurrently.both(
      { estimated(brier, chanceBrier, brierRange) },
      { estimated(logLoss, chanceLog, 0.0...Double.greatestFiniteMagnitude) })
    for (name, (example, estimate)) in [(MetricName.brierScore, b), (.logLoss, l)] {
      estimates.append((name, estimate))
      perExample[name] = example
    }
  }
}
