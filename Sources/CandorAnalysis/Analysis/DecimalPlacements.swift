import CandorKernels
import CandorModel

/// DeLong's placements without sorting or searching, for scores as exports write them: when
/// every score is exactly `k / 10⁶` for a whole `k` in a narrow range (the test
/// CandorKernels' `DecimalCountingSort` uses), two equal scores have the same `k`, and a
/// running count of each class over the `k`s answers "how many of the other class score below
/// this one, and how many the same" with two reads.
struct DecimalPlacements {
  let placements: (positives: [Double], negatives: [Double])

  /// Nil when some score is not bit for bit `k / 10⁶` (more digits, −0.0) or the `k`s spread
  /// wider than `DecimalCountingSort.maxRange` (two tables of 8 MB).
  init?(_ scores: [Double], _ isPositive: [Bool]) {
    guard let range = scores.withUnsafeBufferPointer(DecimalCountingSort.keyRange),
      var counts = PlacementCounts(range: range, examples: scores.count)
    else { return nil }
    for (score, positive) in zip(scores, isPositive) { counts.add(score, positive: positive) }
    counts.accumulate()
    var positives: [Double] = []
    var negatives: [Double] = []
    positives.reserveCapacity(counts.positiveTotal)
    negatives.reserveCapacity(counts.negativeTotal)
    for (score, positive) in zip(scores, isPositive) {
      if positive {
        positives.append(counts.placement(score, positive: true))
      } else {
        negatives.append(counts.placement(score, positive: false))
      }
    }
    placements = (positives, negatives)
  }
}

/// Each class's examples counted by score `k` (`k / 10⁶`), then summed into running counts:
/// an example's placement is two reads, so placements can be computed where they are needed
/// instead of stored.
struct PlacementCounts {
  private let low: Int
  /// Before `accumulate`: examples of the class at `low + i − 1`; after: those below `low + i`.
  private var belowPositive: [UInt32]
  private var belowNegative: [UInt32]
  private(set) var positiveTotal = 0
  private(set) var negativeTotal = 0

  /// Nil when the `k`s spread wider than `DecimalCountingSort.maxRange`, or the examples are
  /// too many to count in 32 bits.
  init?(range: ClosedRange<Int>, examples: Int) {
    guard range.count <= DecimalCountingSort.maxRange, examples < Int(UInt32.max) else {
      return nil
    }
    low = range.lowerBound
    belowPositive = [UInt32](repeating: 0, count: range.count + 1)
    belowNegative = belowPositive
  }

  /// Counts one example; its score must be one `keyRange` accepted, within the range.
  @inline(__always)
  mutating func add(_ score: Double, positive: Bool) {
    add(key: DecimalCountingSort.key(score), positive: positive)
  }

  /// Counts one example by its score's `k`.
  @inline(__always)
  mutating func add(key k: Int, positive: Bool) {
    let slot = k - low + 1
    if positive {
      belowPositive[slot] += 1
      positiveTotal += 1
    } else {
      belowNegative[slot] += 1
      negativeTotal += 1
    }
  }

  /// Turns the counts into running counts, once every example was added.
  mutating func accumulate() {
    for slot in belowPositive.indices.dropFirst() {
      belowPositive[slot] += belowPositive[slot - 1]
      belowNegative[slot] += belowNegative[slot - 1]
    }
  }

  /// A positive's share of negatives it outranks, or a negative's share of positives that
  /// outrank it (ties half), after `accumulate`.
  @inline(__always)
  func placement(_ score: Double, positive: Bool) -> Double {
    placement(key: DecimalCountingSort.key(score), positive: positive)
  }

  /// `placement(_:positive:)` by the score's `k`.
  @inline(__always)
  func placement(key k: Int, positive: Bool) -> Double {
    let slot = k - low
    if positive {
      let less = belowNegative[slot]
      let equal = belowNegative[slot + 1] - less
      return (Double(less) + 0.5 * Double(equal)) / Double(negativeTotal)
    }
    let lessOrEqual = belowPositive[slot + 1]
    let equal = lessOrEqual - belowPositive[slot]
    return (Double(positiveTotal - Int(lessOrEqual)) + 0.5 * Double(equal))
      / Double(positiveTotal)
  }
}
