import CandorModel

/// The metrics computed from a confusion matrix alone, with scikit-learn's definitions.
///
/// Where scikit-learn would substitute 0 for a 0/0 (its `zero_division`, or MCC's
/// degenerate case), these return `.undefined` with a reason a client can read.
public struct CountMetrics: Sendable {
  public let counts: ConfusionCounts
  public let classes: [String]
  /// The index of `positive_label` for binary tasks; nil for multiclass.
  public let positive: Int?

  /// Row sums (true examples per class), column sums (predictions per class), computed once
  /// because the bootstrap evaluates thousands of matrices.
  let support: [Int]
  let predicted: [Int]
  let total: Int
  let correct: Int
  /// The classes macro averages run over, when fixed by the observed set rather than by these
  /// counts (a posterior draw, see `init(counts:classes:positive:filled:averagingOver:)`).
  let averagedClasses: [Int]?
  /// A resampled matrix (a posterior or null draw) rather than a set's own counts.
  let isDraw: Bool

  public init(counts: ConfusionCounts, classes: [String], positive: Int?) {
    self.init(counts: counts, classes: classes, positive: positive, filled: counts.cells.indices)
  }

  /// The same metrics when only `filled` cells can hold a count (a sparse posterior draw): the
  /// marginals cost what those cells cost, not classes². Integer sums, so the same to the bit.
  ///
  /// `averagingOver`: the observed set's classes. The prior gives every class a little
  /// probability of being predicted, so a draw may "predict" a class the set never saw; macro
  /// averages must still run over the set's own classes, or that phantom class (F1 0, recall
  /// undefined) drags the interval away from the estimate it is meant to surround.
  ///
  /// `isDraw`: macro recall is defined on a set only where it equals balanced accuracy (no
  /// class is predicted without a true example), so on a draw it is balanced accuracy: the two
  /// then share their intervals and their tests, and one change gets one verdict.
  init(
    counts: ConfusionCounts, classes: [String], positive: Int?, filled: some Sequence<Int>,
    averagingOver averagedClasses: [Int]? = nil, isDraw: Bool = false
  ) {
    self.counts = counts
    self.classes = classes
    self.positive = positive
    self.averagedClasses = averagedClasses
    self.isDraw = isDraw
    var support = [Int](repeating: 0, count: counts.size)
    var predicted = support
    var correct = 0
    for index in filled {
      let value = counts.cells[index]
      let (row, column) = index.quotientAndRemainder(dividingBy: counts.size)
      support[row] += value
      predicted[column] += value
      if row == column { correct += value }
    }
    self.support = support
    self.predicted = predicted
    self.total = support.reduce(0, +)
    self.correct = correct
  }

  public func value(_ metric: MetricName) -> MetricValue {
    switch metric {
    case .accuracy: return .value(Double(correct) / Double(total))
    case .balancedAccuracy: return balancedAccuracy()
    case .precision: return precision(of: positive!)
    case .recall: return recall(of: positive!)
    case .f1: return f1(of: positive!)
    case .specificity: return recall(of: negative!, asSpecificity: true)
    case .mcc: return mcc()
    case .cohenKappa: return cohenKappa()
    case .macroF1: return macroF1()
    case .weightedF1: return weightedF1()
    case .macroRecall: return isDraw ? balancedAccuracy() : macroRecall()
    case .rocAUC, .prAUC, .brierScore, .logLoss, .top2Accuracy:
      preconditionFailure("score metrics need scores, not counts")
    }
  }

  var negative: Int? { positive.map { $0 == 0 ? 1 : 0 } }

  func precision(of index: Int) -> MetricValue {
    let alerts = predicted[index]
    guard alerts > 0 else { return .undefined(.nothingPredicted(label: classes[index])) }
    return .value(Double(counts[index, index]) / Double(alerts))
  }

  func recall(of index: Int, asSpecificity: Bool = false) -> MetricValue {
    let actual = support[index]
    guard actual > 0 else {
      return .undefined(
        .noExample(label: classes[index], metric: asSpecificity ? .specificity : .recall))
    }
    return .value(Double(counts[index, index]) / Double(actual))
  }

  /// `2 TP / (2 TP + FP + FN)`; undefined only when the class is neither present nor predicted.
  func f1(of index: Int) -> MetricValue {
    let denominator = support[index] + predicted[index]
    guard denominator > 0 else {
      return .undefined(.neitherOccursNorPredicted(label: classes[index]))
    }
    return .value(2 * Double(counts[index, index]) / Double(denominator))
  }

  /// Classes scikit-learn sees when no `labels=` is given: present in truth or predictions.
  var seenClasses: [Int] {
    averagedClasses ?? (0..<counts.size).filter { support[$0] > 0 || predicted[$0] > 0 }
  }

  /// Mean recall over classes present in the truth, as `balanced_accuracy_score`.
  func balancedAccuracy() -> MetricValue {
    let present = (0..<counts.size).filter { support[$0] > 0 }
    let sum = present.reduce(0.0) { $0 + Double(counts[$1, $1]) / Double(support[$1]) }
    return .value(sum / Double(present.count))
  }

  func macroF1() -> MetricValue {
    let classes = seenClasses
    let sum = classes.reduce(0.0) { $0 + (f1(of: $1).number ?? 0) }
    return .value(sum / Double(classes.count))
  }

  func weightedF1() -> MetricValue {
    let sum = seenClasses.reduce(0.0) { $0 + (f1(of: $1).number ?? 0) * Double(support[$1]) }
    return .value(sum / Double(total))
  }

  /// Unweighted mean of per-class recall over seen classes; a predicted class with no
  /// true example has no recall, where scikit-learn would count it as 0.
  func macroRecall() -> MetricValue {
    let classes = seenClasses
    if let absent = classes.first(where: { support[$0] == 0 }) {
      return .undefined(.predictedWithoutTrueExample(label: self.classes[absent]))
    }
    let sum = classes.reduce(0.0) { $0 + Double(counts[$1, $1]) / Double(support[$1]) }
    return .value(sum / Double(classes.count))
  }

  /// Multiclass Matthews correlation (Gorodkin's R_K), as `matthews_corrcoef`.
  func mcc() -> MetricValue {
    let n = Double(total)
    var dotTP = 0.0
    var dotTT = 0.0
    var dotPP = 0.0
    for index in 0..<counts.size {
      let t = Double(support[index])
      let p = Double(predicted[index])
      dotTP += t * p
      dotTT += t * t
      dotPP += p * p
    }
    let covYtYp = Double(correct) * n - dotTP
    let covYpYp = n * n - dotPP
    let covYtYt = n * n - dotTT
    if covYtYt == 0 { return .undefined(.oneTrueClass) }
    if covYpYp == 0 { return .undefined(.onePredictedClass) }
    return .value(covYtYp / (covYtYt * covYpYp).squareRoot())
  }

  /// `(p_o - p_e) / (1 - p_e)`, as `cohen_kappa_score` without weights.
  func cohenKappa() -> MetricValue {
    let n = Double(total)
    var expected = 0.0
    for index in 0..<counts.size {
      expected += Double(support[index]) * Double(predicted[index])
    }
    let chance = expected / (n * n)
    guard chance < 1 else { return .undefined(.allOneClass) }
    let observed = Double(correct) / n
    return .value((observed - chance) / (1 - chance))
  }
}
