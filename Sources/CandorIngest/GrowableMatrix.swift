import CandorModel

/// A square count matrix that grows as new classes appear, in internal class indices.
package struct GrowableMatrix {
  private(set) var size = 0
  private var cells: [Int] = []

  @inline(__always)
  mutating func add(_ row: Int, _ column: Int, _ amount: Int = 1) {
    let needed = max(row, column) + 1
    if needed > size { grow(to: needed) }
    cells[row * size + column] += amount
  }

  private mutating func grow(to newSize: Int) {
    var grown = [Int](repeating: 0, count: newSize * newSize)
    for row in 0..<size {
      for column in 0..<size { grown[row * newSize + column] = cells[row * size + column] }
    }
    cells = grown
    size = newSize
  }

  func count(_ row: Int, _ column: Int) -> Int {
    row < size && column < size ? cells[row * size + column] : 0
  }

  /// Examples of true class `row`, whatever predicted.
  func rowTotal(_ row: Int) -> Int {
    (0..<size).reduce(0) { $0 + count(row, $1) }
  }

  /// The cells a segment's posterior draws touch, plus one per class for its metrics: every
  /// cell of each row it holds up to `Limits.fullPriorClasses` classes; beyond, its filled cells
  /// and two more per row (the prior's own). What one segment costs, whatever its size.
  package func segmentCells(classes: Int) -> Int {
    var filled = 0
    var rows = 0
    for row in 0..<size {
      let cells = self.cells[(row * size)..<((row + 1) * size)].reduce(0) { $0 + ($1 > 0 ? 1 : 0) }
      filled += cells
      if cells > 0 { rows += 1 }
    }
    return (classes <= Limits.fullPriorClasses ? rows * classes : filled + 2 * rows) + classes
  }

  /// The matrix over `order` (internal indices in display order).
  package func reordered(_ order: [Int]) -> [[Int]] {
    order.map { row in order.map { column in count(row, column) } }
  }
}

/// Segment names seen in a file, matched by bytes so most rows allocate nothing.
package struct Interner {
  private(set) var names: [String] = []
  private var bytes: [[UInt8]] = []
  private var lookup: [[UInt8]: Int] = [:]
  private var last = -1

  /// The index of the value (new values get the next index); nil when not valid UTF-8.
  package mutating func index(of value: UnsafeBufferPointer<UInt8>) -> Int? {
    if last >= 0, sameBytes(bytes[last], value) { return last }
    let key = Array(value)
    if let known = lookup[key] {
      last = known
      return known
    }
    guard let name = String(validating: key, as: UTF8.self) else { return nil }
    names.append(name)
    bytes.append(key)
    lookup[key] = names.count - 1
    last = names.count - 1
    return last
  }
}
