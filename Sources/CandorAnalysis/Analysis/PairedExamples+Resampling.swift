import CandorModel
import Foundation

/// The two resamplings of paired examples: the sign-flip null (each example's two answers
/// swapped with probability 1/2, as if the weeks were interchangeable) and the posterior
/// (Dirichlet over the joint cells, with one pseudo-example per true class spread over its
/// before/after answer pairs, so identical weeks do not give an interval of zero width).
extension PairedExamples {
  /// Joint cells with their Dirichlet parameters: the observed cells plus the prior's.
  func posteriorCells() -> (
    cells: [(before: (label: Int, prediction: Int), after: (label: Int, prediction: Int))],
    alphas: [Double]
  ) {
    let k = classes.count
    var index: [Int: Int] = [:]
    var joint: [(before: (label: Int, prediction: Int), after: (label: Int, prediction: Int))] = []
    var alphas: [Double] = []
    func key(_ b: (Int, Int), _ a: (Int, Int)) -> Int { ((b.0 * k + b.1) * k + a.0) * k + a.1 }
    for cell in cells {
      index[key(cell.before, cell.after)] = joint.count
      joint.append((cell.before, cell.after))
      alphas.append(Double(cell.count))
    }
    var seen: [Int: Set<Int>] = [:]
    for cell in cells where cell.before.label == cell.after.label {
      seen[cell.after.label, default: []].formUnion([cell.before.prediction, cell.after.prediction])
    }
    for row in seen.keys.sorted() {
      let answers = SmoothingPrior.answers(for: row, size: k, seen: seen[row]!)
      let alpha = 1 / Double(answers.count * answers.count)
      for before in answers {
        for after in answers {
          let cellKey = key((row, before), (row, after))
          if let position = index[cellKey] {
            alphas[position] += alpha
          } else {
            index[cellKey] = joint.count
            joint.append(((row, before), (row, after)))
            alphas.append(alpha)
          }
        }
      }
    }
    return (joint, alphas)
  }

  /// Both weeks' matrices of the shared examples.
  func matrices() -> (ConfusionCounts, ConfusionCounts) {
    let k = classes.count
    var before = ConfusionCounts(size: k, cells: .init(repeating: 0, count: k * k))
    var after = before
    for cell in cells {
      before.cells[cell.before.label * k + cell.before.prediction] += cell.count
      after.cells[cell.after.label * k + cell.after.prediction] += cell.count
    }
    return (before, after)
  }

  /// One sign-flip draw: in each cell, a Binomial(count, 1/2) share of examples swap weeks.
  func signFlip(
    using random: inout RandomSource, into before: inout ConfusionCounts,
    _ after: inout ConfusionCounts
  ) {
    let k = classes.count
    for index in before.cells.indices {
      before.cells[index] = 0
      after.cells[index] = 0
    }
    for cell in cells {
      let b = cell.before.label * k + cell.before.prediction
      let a = cell.after.label * k + cell.after.prediction
      let swapped = b == a ? 0 : Binomial.sample(cell.count, 0.5, using: &random)
      before.cells[b] += cell.count - swapped
      before.cells[a] += swapped
      after.cells[a] += cell.count - swapped
      after.cells[b] += swapped
    }
  }
}

extension PairedExamples {
  /// Every outcome of the sign-flip with its probability, where there are few enough
  /// (at most `limit`): the exact randomisation distribution, which for a single rate is
  /// McNemar's test (judged by its mid-p value). Nil where there are more; Monte Carlo draws stand in.
  func signFlipOutcomes(limit: Int) -> [(
    before: ConfusionCounts, after: ConfusionCounts, probability: Double
  )]? {
    let k = classes.count
    let changing = cells.filter {
      $0.before.label * k + $0.before.prediction != $0.after.label * k + $0.after.prediction
    }
    var outcomes = 1
    for cell in changing {
      outcomes *= cell.count + 1
      if outcomes > limit { return nil }
    }
    let (before, after) = matrices()
    var result: [(ConfusionCounts, ConfusionCounts, Double)] = [(before, after, 1)]
    for cell in changing {
      let b = cell.before.label * k + cell.before.prediction
      let a = cell.after.label * k + cell.after.prediction
      let weights = (0...cell.count).map {
        exp(Hypergeometric.logChoose(cell.count, $0) - Double(cell.count) * log(2.0))
      }
      result = result.flatMap { outcome in
        (0...cell.count).map { swapped in
          var x = outcome.0
          var y = outcome.1
          x.cells[b] -= swapped
          x.cells[a] += swapped
          y.cells[a] -= swapped
          y.cells[b] += swapped
          return (x, y, outcome.2 * weights[swapped])
        }
      }
    }
    return result
  }
}
