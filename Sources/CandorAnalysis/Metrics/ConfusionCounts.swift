/// A square confusion matrix as flat counts: `cells[actual * size + predicted]`.
///
/// Rows are actual classes, columns predicted, in the task's display order. Flat storage
/// keeps bootstrap resampling cheap: one matrix is `size * size` integers, whatever `n`.
public struct ConfusionCounts: Sendable, Equatable {
  public let size: Int
  public var cells: [Int]

  public init(size: Int, cells: [Int]) {
    precondition(cells.count == size * size, "a confusion matrix is square")
    self.size = size
    self.cells = cells
  }

  public init(_ matrix: [[Int]]) {
    self.init(size: matrix.count, cells: matrix.flatMap { $0 })
  }

  public subscript(actual: Int, predicted: Int) -> Int { cells[actual * size + predicted] }

  public var total: Int { cells.reduce(0, +) }
  public var correct: Int { (0..<size).reduce(0) { $0 + self[$1, $1] } }

  /// Examples whose true class is `index` (the row sum).
  public func support(_ index: Int) -> Int { (0..<size).reduce(0) { $0 + self[index, $1] } }
  /// Examples predicted as `index` (the column sum).
  public func predictedCount(_ index: Int) -> Int { (0..<size).reduce(0) { $0 + self[$1, index] } }

  public var rows: [[Int]] {
    (0..<size).map { row in Array(cells[(row * size)..<((row + 1) * size)]) }
  }
}
