import CandorKernels
import Foundation

/// One value per example whose mean is a metric: each example's loss (Brier score, log loss),
/// its top-2 hit, or its ROC AUC pseudo-value. Kept with the examples' id hashes, where the
/// file has ids, so that two weeks can be paired example by example.
public struct ExampleValues: Sendable {
  public let values: Values
  /// The values' mean, computed once (a binary task's losses are computed on each read).
  public let mean: Double
  /// Aligned with `values`; nil where the file has no ids.
  public var idHashes: [UInt64]?
  /// The spread a coin-flip model's values would have: it floors the variance, so that an
  /// interval or a change is never of zero width on a few examples that happen to agree.
  public var chanceSpread: Double
  /// The values the mean can take: its interval stays inside, a change inside ± its width.
  public var valueRange: ClosedRange<Double>

  public init(
    values: [Double], idHashes: [UInt64]?, chanceSpread: Double,
    valueRange: ClosedRange<Double> = 0...1
  ) {
    self.init(
      values: Values(.stored(values)), idHashes: idHashes, chanceSpread: chanceSpread,
      valueRange: valueRange)
  }

  init(
    values: Values, idHashes: [UInt64]?, chanceSpread: Double,
    valueRange: ClosedRange<Double> = 0...1
  ) {
    self.values = values
    mean = values.reduce(0, +) / Double(max(1, values.count))
    self.idHashes = idHashes
    self.chanceSpread = chanceSpread
    self.valueRange = valueRange
  }

  /// The values a change of this mean can take: ± the width of `valueRange`.
  var changeRange: ClosedRange<Double> {
    let width = valueRange.upperBound - valueRange.lowerBound
    return -width...width
  }

  /// `z²/2` pseudo-examples at `mean + c` and as many at `mean − c`: the mean is unchanged,
  /// the variance never zero, and their weight fades as examples accumulate.
  static let pseudoWeight = Normal.z95 * Normal.z95 / 2

  /// The standard error of the mean, with the variance floored by the pseudo-examples.
  static func standardError<C: Collection<Double>>(_ values: C, chanceSpread c: Double)
    -> Double
  {
    let n = Double(values.count)
    guard n > 0 else { return .infinity }
    return standardError(values, mean: values.reduce(0, +) / n, chanceSpread: c)
  }

  /// The same with the values' mean already known (one pass fewer).
  static func standardError<C: Collection<Double>>(
    _ values: C, mean: Double, chanceSpread c: Double
  ) -> Double {
    standardError(values, count: values.count, mean: mean, chanceSpread: c)
  }

  /// The same for `count` values read once, in order.
  static func standardError<S: Sequence<Double>>(
    _ values: S, count: Int, mean: Double, chanceSpread c: Double
  ) -> Double {
    let n = Double(count)
    guard n > 0 else { return .infinity }
    let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    let h = c > 0 ? pseudoWeight : 0
    let variance = (squares + 2 * h * c * c) / (n + 2 * h - 1)
    return (variance / n).squareRoot()
  }

  /// `mean ± 1.96·se` within `valueRange`, always containing the mean.
  func interval() -> ClosedRange<Double> {
    let bounds = valueRange
    let value = mean
    let half = Normal.z95 * Self.standardError(values, mean: mean, chanceSpread: chanceSpread)
    // Within the bounds, but never excluding the mean itself.
    let low = min(value, max(bounds.lowerBound, value - half))
    let high = max(value, min(bounds.upperBound, value + half))
    return low...high
  }
}

extension ExampleValues {
  /// A binary task's per-example loss of its score.
  enum BinaryLoss: Sendable {
    case brier, logLoss

    @inline(__always)
    func callAsFunction(_ p: Double, positive: Bool) -> Double {
      switch self {
      case .brier: ProbabilityLosses.binaryBrier(p, positive: positive)
      case .logLoss: ProbabilityLosses.binaryLogLoss(p, positive: positive)
      }
    }
  }

  /// The values in example order: stored, or, for a binary task's losses, computed from each
  /// example's score and class where they are read. Ten million examples' Brier scores and log
  /// losses were 160 MB a week beside the scores they come from; computed, they are the same
  /// doubles in the same order.
  public struct Values: RandomAccessCollection, Sendable {
    enum Storage: Sendable {
      case stored([Double])
      /// A file with ids: its rows' scores and classes (`label << 8 | prediction`), in row order.
      case keyed(BinaryLoss, scores: ScoreColumn, cells: [UInt16], positive: UInt16)
      /// Scores split by class: the positives' values, then the negatives'.
      case split(BinaryLoss, positives: [Double], negatives: [Double])
    }

    let storage: Storage
    public let endIndex: Int
    public var startIndex: Int { 0 }

    init(_ storage: Storage) {
      self.storage = storage
      switch storage {
      case .stored(let values): endIndex = values.count
      case .keyed(_, _, let cells, _): endIndex = cells.count
      case .split(_, let positives, let negatives): endIndex = positives.count + negatives.count
      }
    }

    public subscript(index: Int) -> Double {
      switch storage {
      case .stored(let values):
        return values[index]
      case .keyed(let loss, let scores, let cells, let positive):
        return loss(scores[index], positive: cells[index] >> 8 == positive)
      case .split(let loss, let positives, let negatives):
        return index < positives.count
          ? loss(positives[index], positive: true)
          : loss(negatives[index - positives.count], positive: false)
      }
    }
  }
}
