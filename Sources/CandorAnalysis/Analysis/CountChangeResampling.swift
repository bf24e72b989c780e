import CandorModel
import Foundation

/// The week-over-week changes of the count metrics of one set, each judged by a test that
/// holds its error rate at any sample size: a sign-flip randomisation test on examples shared
/// by id (for accuracy and recall this is exactly McNemar's test), otherwise a permutation
/// test that reshuffles the two weeks' examples. The interval comes from the posterior of the
/// matrices (paired: jointly), so it never has zero width and stays within the metric's range.
struct CountChangeResampling {
  static let nullDraws = 2000
  static let posteriorDraws = 2000

  let names: [MetricName]
  /// Both weeks' classes together, this week's first.
  let classes: [String]
  let positive: Int?

  /// Per metric, in `names` order: the observed change, the null and the posterior draws
  /// (NaN where a draw leaves the metric undefined).
  struct Draws {
    var statistic: [Double]
    var null: [[Double]]
    /// The probability of each null outcome where they were enumerated exactly; nil for
    /// Monte Carlo draws, which weigh the same.
    var nullProbabilities: [Double]?
    var posterior: [[Double]]
  }

  /// Up to this many sign-flip outcomes are enumerated rather than sampled.
  static let exactLimit = 20_000

  /// `averaging`: for posterior draws, each week's observed classes, which macro averages keep
  /// to; `isDraw` for null and posterior draws, not the observed change (see
  /// `CountMetrics.init(counts:classes:positive:filled:averagingOver:isDraw:)`).
  func deltas(
    _ before: ConfusionCounts, _ after: ConfusionCounts,
    averaging: (before: [Int], after: [Int])? = nil, isDraw: Bool = true
  ) -> [Double] {
    let a = CountMetrics(
      counts: before, classes: classes, positive: positive, filled: before.cells.indices,
      averagingOver: averaging?.before, isDraw: isDraw)
    let b = CountMetrics(
      counts: after, classes: classes, positive: positive, filled: after.cells.indices,
      averagingOver: averaging?.after, isDraw: isDraw)
    return names.map { name in
      guard let x = a.value(name).number, let y = b.value(name).number else { return .nan }
      return y - x
    }
  }

  func paired(_ paired: PairedExamples) -> Draws {
    let (before, after) = paired.matrices()
    var draws = Draws(
      statistic: deltas(before, after, isDraw: false), null: names.map { _ in [] },
      posterior: names.map { _ in [] })
    var random = RandomSource(
      seed: RandomSource.seed(from: paired.cells.map(\.count), salt: "sign-flip"))
    var b = before
    var a = after
    if let outcomes = paired.signFlipOutcomes(limit: Self.exactLimit) {
      for outcome in outcomes { append(deltas(outcome.before, outcome.after), to: &draws.null) }
      draws.nullProbabilities = outcomes.map(\.probability)
    } else {
      draws.null = Resampling.columns(Self.nullDraws, columns: names.count, using: &random) {
        paired.signFlip(using: &$0, into: &b, &a)
        return deltas(b, a)
      }
    }
    let seen = Self.seen(before, after, classes: classes, positive: positive)
    let (joint, alphas) = paired.posteriorCells()
    let k = classes.count
    var cells = [Int](repeating: 0, count: alphas.count)
    var scratch = [Double](repeating: 0, count: alphas.count)
    draws.posterior = Resampling.columns(
      Self.posteriorDraws, columns: names.count, using: &random
    ) {
      Dirichlet.draw(alphas, into: &cells, scratch: &scratch, using: &$0)
      for index in b.cells.indices {
        b.cells[index] = 0
        a.cells[index] = 0
      }
      for (index, cell) in joint.enumerated() {
        b.cells[cell.before.label * k + cell.before.prediction] += cells[index]
        a.cells[cell.after.label * k + cell.after.prediction] += cells[index]
      }
      return deltas(b, a, averaging: seen)
    }
    return draws
  }

  func unpaired(_ before: ConfusionCounts, _ after: ConfusionCounts) -> Draws {
    var draws = Draws(
      statistic: deltas(before, after, isDraw: false), null: names.map { _ in [] },
      posterior: names.map { _ in [] })
    var random = RandomSource(
      seed: RandomSource.seed(from: before.cells + after.cells, salt: "permutation"))
    let pool = zip(before.cells, after.cells).map { $0 + $1 }
    var b = before
    var a = after
    draws.null = Resampling.columns(Self.nullDraws, columns: names.count, using: &random) {
      Hypergeometric.split(pool, draws: after.total, into: &a.cells, using: &$0)
      for index in pool.indices { b.cells[index] = pool[index] - a.cells[index] }
      return deltas(b, a)
    }
    let seen = Self.seen(before, after, classes: classes, positive: positive)
    let alphasBefore = SmoothingPrior.alphas(before)
    let alphasAfter = SmoothingPrior.alphas(after)
    var scratch = [Double](repeating: 0, count: pool.count)
    draws.posterior = Resampling.columns(
      Self.posteriorDraws, columns: names.count, using: &random
    ) {
      Dirichlet.draw(alphasBefore, into: &b.cells, scratch: &scratch, using: &$0)
      Dirichlet.draw(alphasAfter, into: &a.cells, scratch: &scratch, using: &$0)
      return deltas(b, a, averaging: seen)
    }
    return draws
  }

  /// Each week's classes as observed: a true example or a prediction.
  static func seen(
    _ before: ConfusionCounts, _ after: ConfusionCounts, classes: [String], positive: Int?
  ) -> (before: [Int], after: [Int]) {
    (
      CountMetrics(counts: before, classes: classes, positive: positive).seenClasses,
      CountMetrics(counts: after, classes: classes, positive: positive).seenClasses
    )
  }

  private func append(_ values: [Double], to columns: inout [[Double]]) {
    for index in values.indices { columns[index].append(values[index]) }
  }
}

extension ConfusionCounts {
  /// The same matrix over a larger list of classes (absent classes get empty rows and columns).
  func remapped(from classes: [String], to union: [String]) -> ConfusionCounts {
    let k = union.count
    let position = classes.map { union.firstIndex(of: $0)! }
    var result = ConfusionCounts(size: k, cells: .init(repeating: 0, count: k * k))
    for row in 0..<size {
      for column in 0..<size {
        result.cells[position[row] * k + position[column]] += self[row, column]
      }
    }
    return result
  }
}
