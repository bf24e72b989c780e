import CandorModel
import Foundation

/// Reads one `<set-id>.counts.json`: aggregated counts for clients whose rows stay in their lake.
package struct CountsReader {
  let folder: ClientFolder
  let path: String
  let universe: ClassUniverse

  package struct Raw {
    package var counts = GrowableMatrix()
    package var histogram: ScoreHistogram?
  }

  package func read() throws -> Raw {
    let file = folder.display(path)
    let root: JSONNode
    do { root = try JSONScanner.parse(try folder.read(path, limit: Limits.maxJSONBytes)) } catch let
      failure as JSONScanner.Failure
    {
      throw InputError(file: file, line: failure.line, "is not valid JSON: \(failure.reason)")
    }
    guard case .object(let members, _) = root else {
      throw InputError(
        file: file, line: root.line, "expected a JSON object with 'labels' and 'matrix'")
    }
    func member(_ key: String) -> JSONNode? { members.first { $0.key == key }?.value }
    func fail(_ key: String, _ node: JSONNode?, _ reason: String) -> InputError {
      InputError(file: file, line: node?.line ?? root.line, field: "key '\(key)'", reason)
    }
    let topKeys = KnownKeys(known: ["labels", "matrix", "score_histogram"])
    for (key, value) in members {
      if let problem = topKeys.problem(with: key) {
        throw InputError(file: file, line: value.line, problem)
      }
    }
    guard let labelsNode = member("labels") else {
      throw fail("labels", nil, "is required but missing")
    }
    guard case .array(let labelItems, _) = labelsNode, !labelItems.isEmpty else {
      throw fail("labels", labelsNode, "expected a non-empty list of class names")
    }
    var indices: [Int] = []
    for item in labelItems {
      guard case .string(let name, _) = item else {
        throw fail("labels", item, "expected class names as strings")
      }
      let bytes = Array(name.utf8)
      do {
        indices.append(
          try bytes.withUnsafeBufferPointer { buffer throws(ClassError) in
            try universe.index(of: buffer)
          })
      } catch { throw fail("labels", item, error.reason) }
    }
    guard Set(indices).count == indices.count else {
      throw fail("labels", labelsNode, "lists a class twice")
    }

    guard let matrixNode = member("matrix") else {
      throw fail("matrix", nil, "is required but missing")
    }
    guard case .array(let rows, _) = matrixNode, rows.count == indices.count else {
      throw fail(
        "matrix", matrixNode,
        "expected \(indices.count) rows, one per label (rows are actual classes, columns predicted)"
      )
    }
    var raw = Raw()
    var total = 0
    for (rowIndex, row) in rows.enumerated() {
      guard case .array(let cells, _) = row, cells.count == indices.count else {
        throw fail(
          "matrix", row,
          "row \(rowIndex + 1) must have \(indices.count) counts; the matrix is square and as wide as 'labels'"
        )
      }
      for (columnIndex, cell) in cells.enumerated() {
        let count = try Self.count(cell) {
          fail("matrix", cell, "row \(rowIndex + 1), column \(columnIndex + 1): \($0)")
        }
        raw.counts.add(indices[rowIndex], indices[columnIndex], count)
        total = try Self.add(total, count) { fail("matrix", matrixNode, $0) }
      }
    }
    guard total > 0 else {
      throw fail(
        "matrix", matrixNode, "holds no examples; a set with no examples cannot be reported")
    }
    if let histogramNode = member("score_histogram") {
      raw.histogram = try readHistogram(histogramNode, indices: indices, raw: raw, fail: fail)
    }
    return raw
  }

  /// A non-negative integer written as an integer: `12.0`, `1e3` and `-1` are refused.
  static func count(_ node: JSONNode, fail: (String) -> InputError) throws -> Int {
    guard case .number(let text, _) = node else {
      throw fail("expected a count (a non-negative integer)")
    }
    guard
      text.utf8.allSatisfy({ $0 >= 48 && $0 <= 57 })
        || (text.hasPrefix("-") && text.dropFirst().utf8.allSatisfy({ $0 >= 48 && $0 <= 57 }))
    else {
      throw fail("\(clipped(text)) is not an integer; counts are written as whole numbers")
    }
    guard !text.hasPrefix("-") else { throw fail("\(clipped(text)) is negative; counts cannot be") }
    guard let value = Int(text), value <= Limits.maxCount else {
      throw fail("\(clipped(text)) is too large; counts are at most 2^53 (9007199254740992)")
    }
    return value
  }

  /// A running total of counts, refused beyond 2^53 so no sum can overflow.
  static func add(_ total: Int, _ count: Int, fail: (String) -> InputError) throws -> Int {
    let sum = total + count  // both are at most 2^53: no overflow
    guard sum <= Limits.maxCount else {
      throw fail("adds up to more than 2^53 (9007199254740992) examples")
    }
    return sum
  }

  private func readHistogram(
    _ node: JSONNode, indices: [Int], raw: Raw,
    fail: (String, JSONNode?, String) -> InputError
  ) throws -> ScoreHistogram {
    let key = "score_histogram"
    guard universe.task.isBinary else {
      throw fail(key, node, "is only meaningful for binary tasks (with positive_label)")
    }
    guard case .object(let members, _) = node else {
      throw fail(key, node, "expected an object with edges, positive and negative")
    }
    let histogramKeys = KnownKeys(known: ["edges", "positive", "negative"])
    for (name, value) in members {
      if let problem = histogramKeys.problem(with: name) { throw fail(key, value, problem) }
    }
    func list(_ name: String) throws -> [JSONNode] {
      guard let value = members.first(where: { $0.key == name })?.value else {
        throw fail("\(key).\(name)", node, "is required but missing")
      }
      guard case .array(let items, _) = value else {
        throw fail("\(key).\(name)", value, "expected a list")
      }
      return items
    }
    let edges = try list("edges").map { item -> Double in
      guard case .number(let text, _) = item, let value = Double(text), value.isFinite else {
        throw fail("\(key).edges", item, "expected numbers")
      }
      return value
    }
    guard edges.count >= 2, zip(edges, edges.dropFirst()).allSatisfy({ $0 < $1 }) else {
      throw fail("\(key).edges", node, "expected at least two strictly increasing bin edges")
    }
    func counts(_ name: String) throws -> [Int] {
      let items = try list(name)
      guard items.count == edges.count - 1 else {
        throw fail("\(key).\(name)", node, "expected \(edges.count - 1) counts, one per bin")
      }
      let values = try items.map { item in try Self.count(item) { fail("\(key).\(name)", item, $0) }
      }
      _ = try values.reduce(0) { total, count in
        try Self.add(total, count) { fail("\(key).\(name)", node, $0) }
      }
      return values
    }
    let histogram = ScoreHistogram(
      edges: edges, positive: try counts("positive"), negative: try counts("negative"))
    let positive = universe.names.firstIndex(of: universe.task.positiveLabel!)!
    let positives = (0..<raw.counts.size).reduce(0) { $0 + raw.counts.count(positive, $1) }
    let all = (0..<raw.counts.size).reduce(0) { sum, row in
      (0..<raw.counts.size).reduce(sum) { $0 + raw.counts.count(row, $1) }
    }
    guard histogram.positive.reduce(0, +) == positives,
      histogram.negative.reduce(0, +) == all - positives
    else {
      throw fail(
        key, node,
        "its counts (\(histogram.positive.reduce(0, +)) positive, \(histogram.negative.reduce(0, +)) negative) do not match the matrix (\(positives) positive, \(all - positives) negative)"
      )
    }
    return histogram
  }

  package init(folder: ClientFolder, path: String, universe: ClassUniverse) {
    self.folder = folder
    self.path = path
    self.universe = universe
  }
}
