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
      before: (
        positive: sumsBefore.positive / Double(positives), negative: sumsBefore.negative / negatives
      ),
      after: (
        positive: sumsAfter.positive / Double(positives), negative: sumsAfter.negative / negatives
      )
    )
    func deviation(
      _ counts: PlacementCounts, _ k: Int, _ positive: Bool,
      _ mean: (positive: Double, negative: Double)
    ) -> Double {
      counts.placement(key: k, positive: positive) - (positive ? mean.positive : mean.negative)
    }
    // Per class: Σ(x − x̄)² on one core; Σ(y − ȳ)² and Σ(x − x̄)(y − ȳ) on the other.
    let (xx, (yy, xy)) = Concurrently.both(
      {
        var xx = (positive: 0.0, negative: 0.0)
        forEachKey { positive, x, _ in
          let dx = deviation(before, x, positive, means.before)
          if positive { xx.positive += dx * dx } else { xx.negative += dx * dx }
        }
        return xx
      },
      {
        var yy = (positive: 0.0, negative: 0.0)
        var xy = (positive: 0.0, negative: 0.0)
        forEachKey { positive, x, y in
          let dx = deviation(before, x, positive, means.before)
          let dy = deviation(after, y, positive, means.after)
          if positive {
            yy.positive += dy * dy
            xy.positive += dx * dy
          } else {
            yy.negative += dy * dy
            xy.negative += dx * dy
          }
        }
        return (yy, xy)
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

  /// The smallest and largest `k` of one week's paired scores (`after` or before); nil unless
  /// every one is `k / 10⁶`. Only the pairs count: a score the pairs do not use cannot send
  /// the test to the stored placements.
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

  /// Every pair's `k`s before and after, once `keyRange` accepted both weeks.
  @inline(__always)
  private func forEachKey(_ body: (_ isPositive: Bool, _ before: Int, _ after: Int) -> Void) {
    walk { positive, before, i, after, j in body(positive, before.key(i), after.key(j)) }
  }

  /// One week's scores of the pairs (`after` or before), counted and accumulated.
  private func filled(_ empty: PlacementCounts, after week: Bool) -> PlacementCounts {
    var counts = empty
    forEachKey { positive, x, y in
      counts.add(key: week ? y : x, positive: positive)
    }
    counts.accumulate()
    return counts
  }

  /// The sum of one week's placements over each class's pairs, in pair order.
  private func classSums(_ counts: PlacementCounts, after week: Bool) -> (
    positive: Double, negative: Double
  ) {
    var sums = (positive: 0.0, negative: 0.0)
    forEachKey { positive, x, y in
      let placed = counts.placement(key: week ? y : x, positive: positive)
      if positive { sums.positive += placed } else { sums.negative += placed }
    }
    return sums
  }
}
