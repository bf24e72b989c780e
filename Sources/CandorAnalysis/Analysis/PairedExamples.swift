import CandorModel

/// Examples present in both weeks (matched by id), tallied by their classes in each week.
///
/// Cells are `(label before, prediction before, label now, prediction now)` over a union of
/// both weeks' classes, so resampling the shared examples costs O(cells), not O(n).
struct PairedExamples {
  var classes: [String]
  var positive: Int?
  /// Non-zero cells only.
  var cells:
    [(before: (label: Int, prediction: Int), after: (label: Int, prediction: Int), count: Int)]
  var total: Int

  init?(
    before: EvaluationSet, beforeClasses: [String], after: EvaluationSet, afterClasses: [String],
    positiveName: String?
  ) {
    guard let a = before.keyed, let b = after.keyed else { return nil }
    var union = afterClasses
    for name in beforeClasses where !union.contains(name) { union.append(name) }
    let mapBefore = beforeClasses.map { union.firstIndex(of: $0)! }
    let mapAfter = afterClasses.map { union.firstIndex(of: $0)! }
    let k = union.count
    // A cell's key orders the cells as (label, prediction) before, then now. Few classes are
    // counted in a flat array (2 classes: 16 cells; a hashed dictionary cost 0.2 s on ten
    // million pairs), many in a dictionary.
    let flat = k <= 16
    var counts = [Int](repeating: 0, count: flat ? k * k * k * k : 0)
    var tally = [Int: Int]()
    let matched = SharedIDs.forEach(a.idHashes, b.idHashes) { i, j in
      let key =
        ((mapBefore[a.label(i)] * k + mapBefore[a.prediction(i)]) * k + mapAfter[b.label(j)]) * k
        + mapAfter[b.prediction(j)]
      if flat { counts[key] += 1 } else { tally[key, default: 0] += 1 }
    }
    guard SharedIDs.pairable(matched, a.idHashes.count, b.idHashes.count) else { return nil }
    classes = union
    positive = positiveName.flatMap { union.firstIndex(of: $0) }
    total = matched
    for (key, count) in counts.enumerated() where count > 0 { tally[key] = count }
    cells = tally.keys.sorted().map { key in
      let pc = key % k
      let lc = (key / k) % k
      let pb = (key / k / k) % k
      let lb = key / k / k / k
      return ((lb, pb), (lc, pc), tally[key]!)
    }
  }

  /// The two weeks' confusion matrices of one resample of the shared examples.
  func resample(using random: inout RandomSource, weights: [Double], draw: inout [Int]) -> (
    ConfusionCounts, ConfusionCounts
  ) {
    Binomial.multinomial(total, weights, into: &draw, using: &random)
    let k = classes.count
    var before = ConfusionCounts(size: k, cells: .init(repeating: 0, count: k * k))
    var after = before
    for (index, cell) in cells.enumerated() where draw[index] > 0 {
      before.cells[cell.before.label * k + cell.before.prediction] += draw[index]
      after.cells[cell.after.label * k + cell.after.prediction] += draw[index]
    }
    return (before, after)
  }
}
