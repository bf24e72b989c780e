import CandorKernels

/// A file with ids keeps its scores once, beside the ids and in their order; ranking metrics
/// need them split by true class, each class sorted. Scores as exports write them (each exactly
/// `k / 10⁶`, see `DecimalCountingSort`) are split and sorted in two counting passes on two
/// cores, straight into the two sorted arrays; any other scores are split, then radix sorted.
///
/// Either way the arrays hold the same doubles in ascending order, bit for bit: the counted
/// ones are rebuilt by the very division that was checked to give each score. Ranking metrics
/// need only the counts (`counted`), which are the sorted arrays' tied groups.
package enum ScoreSplit {
  /// `positives`: how many rows are of the positive class (the file's count matrix knows), to
  /// reserve for them.
  package static func sorted(
    scores: ScoreColumn, cells: [UInt16], positive: Int, positives: Int
  ) -> ScoredExamples {
    precondition(scores.count == cells.count)
    guard let counts = counted(scores: scores, cells: cells, positive: positive) else {
      return splitThenSort(scores: scores, cells: cells, positive: positive, positives: positives)
    }
    let halves = scores.count >= RadixSort.parallelFrom ? 2 : 1
    // Sized from the counts themselves, so no array is ever written past or short of its end.
    let counted = counts.positives.reduce(0) { $0 + Int($1) }
    return ScoredExamples(
      sortedPositives: write(counts.positives, low: counts.low, total: counted, threads: 1),
      sortedNegatives: write(
        counts.negatives, low: counts.low, total: scores.count - counted, threads: halves))
  }

  /// Each class's scores counted by `k` (`ScoreCounts`), on two cores for a large file; nil
  /// where some score is not `k / 10⁶`, the `k`s spread wider than `maxRange`, or the scores
  /// are few enough that a comparison sort of them is faster than zeroing a million counters.
  package static func counted(scores: ScoreColumn, cells: [UInt16], positive: Int)
    -> ScoreCounts?
  {
    precondition(scores.count == cells.count)
    let rows = scores.count
    guard rows >= RadixSort.smallSize else { return nil }
    let halves = rows >= RadixSort.parallelFrom ? 2 : 1
    let bounds = (0...halves).map { rows * $0 / halves }
    let ranges = zip(bounds, bounds.dropFirst()).map { $0..<$1 }
    let keys = onThreads(halves) { half in keyRange(scores, ranges[half]) }
    guard keys.allSatisfy({ $0 != nil }), let low = keys.map({ $0!.lowerBound }).min(),
      let high = keys.map({ $0!.upperBound }).max(), high - low < DecimalCountingSort.maxRange,
      rows < Int(UInt32.max)
    else { return nil }
    let label = UInt16(positive)
    // counts[0] for the negative class, counts[1] for the positive, per half, merged into the first.
    var counts = onThreads(halves) { half in
      count(scores, cells, ranges[half], positive: label, low: low, size: high - low + 1)
    }
    for half in counts.indices.dropFirst() {
      for side in 0..<2 {
        for bin in counts[0][side].indices { counts[0][side][bin] &+= counts[half][side][bin] }
      }
      counts[half] = []
    }
    return ScoreCounts(low: low, negatives: take(&counts[0][0]), positives: take(&counts[0][1]))
  }

  /// The smallest and largest `k` of the scores in `range`; nil unless each has one.
  private static func keyRange(_ scores: ScoreColumn, _ range: Range<Int>) -> ClosedRange<Int>? {
    switch scores {
    case .decimal(let codes):
      guard let low = codes[range].min(), let high = codes[range].max() else { return nil }
      return Int(low)...Int(high)
    case .values(let values):
      return values.withUnsafeBufferPointer {
        DecimalCountingSort.keyRange(of: UnsafeBufferPointer(rebasing: $0[range]))
      }
    }
  }

  /// Per class (negative, positive), how many scores in `range` have each `k` from `low`.
  private static func count(
    _ scores: ScoreColumn, _ cells: [UInt16], _ range: Range<Int>, positive: UInt16, low: Int,
    size: Int
  ) -> [[UInt32]] {
    var negatives = [UInt32](repeating: 0, count: size)
    var positives = negatives
    cells.withUnsafeBufferPointer { cells in
      negatives.withUnsafeMutableBufferPointer { negatives in
        positives.withUnsafeMutableBufferPointer { positives in
          @inline(__always) func tally(_ row: Int, _ k: Int) {
            if cells[row] >> 8 == positive {
              positives[k - low] += 1
            } else {
              negatives[k - low] += 1
            }
          }
          switch scores {
          case .decimal(let codes):
            codes.withUnsafeBufferPointer { codes in
              for row in range { tally(row, Int(codes[row])) }
            }
          case .values(let values):
            values.withUnsafeBufferPointer { values in
              for row in range { tally(row, DecimalCountingSort.key(values[row])) }
            }
          }
        }
      }
    }
    return [negatives, positives]
  }

  /// The `total` scores `counts` describes, ascending; on `threads` threads, each writing
  /// the scores of a run of bins.
  private static func write(_ counts: [UInt32], low: Int, total: Int, threads: Int) -> [Double] {
    guard total > 0 else { return [] }
    // Bin runs of about equal numbers of scores: run t starts at the first bin reaching t/threads.
    var starts = [(bin: 0, index: 0)]
    var running = 0
    for (bin, count) in counts.enumerated() where starts.count < threads {
      if running >= total * starts.count / threads, running > starts.last!.index {
        starts.append((bin, running))
      }
      running += Int(count)
    }
    return [Double].large(count: total) { output in
      let target = Unchecked(output)
      _ = onThreads(starts.count) { run in
        let end = run + 1 < starts.count ? starts[run + 1].bin : counts.count
        var index = starts[run].index
        counts.withUnsafeBufferPointer { counts in
          for bin in starts[run].bin..<end where counts[bin] > 0 {
            let value = Double(low + bin) / DecimalCountingSort.scale
            (target.value + index).initialize(repeating: value, count: Int(counts[bin]))
            index += Int(counts[bin])
          }
        }
      }
    }
  }

  /// Scores that are not all counting-exact: split, then each class sorted.
  private static func splitThenSort(
    scores: ScoreColumn, cells: [UInt16], positive: Int, positives: Int
  ) -> ScoredExamples {
    var positiveScores: [Double] = []
    var negativeScores: [Double] = []
    positiveScores.reserveCapacity(positives)
    negativeScores.reserveCapacity(scores.count - positives)
    for (row, cell) in cells.enumerated() {
      let score = scores[row]
      if Int(cell >> 8) == positive {
        positiveScores.append(score)
      } else {
        negativeScores.append(score)
      }
    }
    return ScoredExamples(positives: take(&positiveScores), negatives: take(&negativeScores))
  }
}

/// Each class's scores of a binary set, counted by `k` where every score is `k / 10⁶`: bin `i`
/// holds the examples scoring `(low + i) / 10⁶`, so the non-empty bins in order are the tied
/// groups of the scores sorted ascending.
public struct ScoreCounts: Sendable {
  public let low: Int
  public let negatives: [UInt32]
  public let positives: [UInt32]
}
