import CandorModel

/// Pseudo-counts that keep a posterior from collapsing to a point when a matrix has empty
/// cells: 25 of 25 right is "86.7% to 100%", not "100% to 100%".
///
/// Each class present in the truth gets one pseudo-example, spread evenly over the answers it
/// could plausibly receive: every class for up to 16 classes (Jeffreys' prior for a binary
/// row); beyond that, the answers seen for it, itself, and its neighbour, so the prior stays
/// small and cheap on a 255-class task.
enum SmoothingPrior {
  static let fullWidth = Limits.fullPriorClasses

  /// The answers a true class's pseudo-example is spread over.
  static func answers(for row: Int, size: Int, seen: some Sequence<Int>) -> [Int] {
    if size <= fullWidth { return Array(0..<size) }
    var columns = Set(seen)
    columns.insert(row)
    columns.insert((row + 1) % size)
    return columns.sorted()
  }

  /// Dirichlet parameters for one week's matrix: its counts plus the prior.
  static func alphas(_ counts: ConfusionCounts) -> [Double] {
    var alphas = counts.cells.map(Double.init)
    let k = counts.size
    for row in 0..<k where counts.support(row) > 0 {
      let columns = answers(for: row, size: k, seen: (0..<k).filter { counts[row, $0] > 0 })
      for column in columns { alphas[row * k + column] += 1 / Double(columns.count) }
    }
    return alphas
  }
}
