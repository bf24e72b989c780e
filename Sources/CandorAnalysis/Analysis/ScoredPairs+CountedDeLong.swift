import CandorKernels
import CandorModel

extension ScoredPairs {
  /// `delong()` for scores as exports write them (`PlacementCounts`): every pair's placements
  /// are read from its week's running counts where a sum needs them, so no placement is
  /// stored (ten million pairs held 160 MB of them). The sums run in pair order with the
  /// arithmetic of the stored arrays' means and covariances, so the result is theirs bit for
  /// bit; each step's two halves run on two cores, each walking the pairs itself.
  /// Nil where some paired score is not `k / 10⁶` or their `k`s spread too wide to count.
  func countedDelong() -> (delta: Double, variance: Double)? {
    let (rangeBefore, rangeAfter) = Concurrently.both(
      { keyRange(after: false) }, { keyRange(after: true) })
    guard let rangeBefore, let rangeAfter,
      let emptyBefore = PlacementCounts(range: rangeBefore, examples: count),
      let emptyAfter = PlacementCounts(range: rangeAfter, examples: count)
    else { return nil }
    let (before, after) = Concurrently.both(
      { filled(emptyBefore, after: false) }, { filled(emptyAfter, after: true) })
    let (sumsBefore, sumsAfter) = Concurrently.both(
      { classSums(before, after: false) }, { classSums(after, after: true) })
    let negatives = Double(count - positives)
    let means = (
      before: ClassPair(
        positive: sumsBefore.positive / Double(positives), negative: sumsBefore.negative / negatives
      ),
      after: ClassPair(
        positive: sumsAfter.positive / Double(positives), negative: sumsAfter.negative / negatives)
    )
    // Per class: Σ(x − x̄)² on one core; Σ(y − ȳ)² and Σ(x − x̄)(y − ȳ) on the other.
    let (xx, (yy, xy)) = Concurrently.both(
      {
        var pass = SquaredDeviations(counts: before, means: means.before)
        run(&pass)
        return pass.sums
      },
      {
        var pass = CrossDeviations(counts: (before, after), means: means)
        run(&pass)
        return (pass.squares, pass.products)
      })
    let p = Double(positives - 1)
    let n = negatives - 1
    let variance10 = xx.positive / p + yy.positive / p - 2 * (xy.positive / p)
    let variance01 = xx.negative / n + yy.negative / n - 2 * (xy.negative / n)
    return (
      means.after.positive - means.before.positive,
      max(0, variance10 / Double(positives) + variance01 / negatives)
    )
  }

  /// A range holding the `k` of every one of one week's paired scores (`after` or before); nil
  /// unless every one is `k / 10⁶`. Scores kept as codes give their whole column's range where
  /// it is narrow enough to count; otherwise only the pairs count, so a score the pairs do not
  /// use cannot send the test to the stored placements.
  private func keyRange(after week: Bool) -> ClosedRange<Int>? {
    // Codes are exact `k`s: the column's own range holds the pairs' and is one scan, not a
    // merge of both weeks (the counts it sizes give the same placements either way).
    if case .decimal(let codes) = (week ? afterRows : beforeRows).scores,
      let low = codes.min(), let high = codes.max(),
      Int(high) - Int(low) < DecimalCountingSort.maxRange
    {
      return Int(low)...Int(high)
    }
    var low = Int.max
    var high = Int.min
    var exact = true
    walk { _, before, i, after, j in
      guard exact else { return }
      guard let k = week ? after.exactKey(j) : before.exactKey(i) else {
        exact = false
        return
      }
      low = min(low, k)
      high = max(high, k)
    }
    return exact && low <= high ? low...high : nil
  }

  /// One pass over every pair's `k`s before and after, once `keyRange` accepted both weeks.
  /// `walk`'s merge, written out in a generic function so that each pass is compiled into the
  /// loop (through `walk`'s closure it was a call per pair).
  private func run<Pass: PairPass>(_ pass: inout Pass) {
    let (a, b) = (beforeRows, afterRows)
    a.scores!.withReader { sa in
      b.scores!.withReader { sb in
        _ = SharedIDs.forEach(a.idHashes, b.idHashes) { i, j in
          let positive = a.label(i) == beforePositive
          if positive == (b.label(j) == afterPositive) {
            pass.visit(positive, sa.key(i), sb.key(j))
          }
        }
      }
    }
  }

  /// One week's scores of the pairs (`after` or before), counted and accumulated.
  private func filled(_ empty: PlacementCounts, after week: Bool) -> PlacementCounts {
    var pass = Filling(counts: empty, after: week)
    run(&pass)
    pass.counts.accumulate()
    return pass.counts
  }

  /// The sum of one week's placements over each class's pairs, in pair order.
  private func classSums(_ counts: PlacementCounts, after week: Bool) -> ClassPair {
    var pass = PlacementSums(counts: counts, after: week)
    run(&pass)
    return pass.sums
  }
}

/// A sum per class: the positive pairs' and the negative pairs'.
struct ClassPair {
  var positive = 0.0
  var negative = 0.0

  @inline(__always)
  mutating func add(_ value: Double, positive isPositive: Bool) {
    if isPositive { positive += value } else { negative += value }
  }

  @inline(__always)
  func of(_ isPositive: Bool) -> Double { isPositive ? positive : negative }
}

/// One step of the counted DeLong test, run over every pair in pair order.
protocol PairPass {
  mutating func visit(_ positive: Bool, _ before: Int, _ after: Int)
}

/// Counts one week's `k`s by class.
private struct Filling: PairPass {
  var counts: PlacementCounts
  let after: Bool

  @inline(__always)
  mutating func visit(_ positive: Bool, _ before: Int, _ after: Int) {
    counts.add(key: self.after ? after : before, positive: positive)
  }
}

/// Sums one week's placements by class.
private struct PlacementSums: PairPass {
  let counts: PlacementCounts
  let after: Bool
  var sums = ClassPair()

  @inline(__always)
  mutating func visit(_ positive: Bool, _ before: Int, _ after: Int) {
    sums.add(
      counts.placement(key: self.after ? after : before, positive: positive), positive: positive)
  }
}

/// Σ(x − x̄)² by class, x the placement before.
private struct SquaredDeviations: PairPass {
  let counts: PlacementCounts
  let means: ClassPair
  var sums = ClassPair()

  @inline(__always)
  mutating func visit(_ positive: Bool, _ before: Int, _ after: Int) {
    let dx = counts.placement(key: before, positive: positive) - means.of(positive)
    sums.add(dx * dx, positive: positive)
  }
}

/// Σ(y − ȳ)² and Σ(x − x̄)(y − ȳ) by class, x before and y after.
private struct CrossDeviations: PairPass {
  let counts: (before: PlacementCounts, after: PlacementCounts)
  let means: (before: ClassPair, after: ClassPair)
  var squares = ClassPair()
  var products = ClassPair()

  @inline(__always)
  mutating func visit(_ positive: Bool, _ before: Int, _ after: Int) {
    let dx = counts.before.placement(key: before, positive: positive) - means.before.of(positive)
    let dy = counts.after.placement(key: after, positive: positive) - means.after.of(positive)
    squares.add(dy * dy, positive: positive)
    products.add(dx * dy, positive: positive)
  }
}
