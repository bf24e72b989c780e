import CandorKernels
import CandorModel

/// DeLong's placements without sorting or searching, for scores as exports write them: when
/// every score is exactly `k / 10⁶` for a whole `k` in a narrow range (the test
/// CandorWorkspace's `DecimalCountingSort` uses), two equal scores have the same `k`, and a
/// running count of each class over the `k`s answers "how many of the other class score below
/// this one, and how many the same" with two reads.
struct DecimalPlacements {
  let placements: (positives: [Double], negatives: [Double])

  /// Nil when some score is not bit for bit `k / 10⁶` (more digits, −0.0) or the `k`s spread
  /// wider than `DecimalCountingSort.maxRange` (two tables of 8 MB).
  init?(_ scores: [Double], _ isPositive: [Bool]) {
    guard let range = scores.withUnsafeBufferPointer(DecimalCountingSort.keyRange),
      range.count <= DecimalCountingSort.maxRange, scores.count < Int(UInt32.max)
    else { return nil }
    let low = range.lowerBound
    let high = range.upperBound
    // below[c][i]: examples of class c (1 positive) whose k is under low + i.
    var belowPositive = [UInt32](repeating: 0, count: high - low + 2)
    var belowNegative = belowPositive
    var positiveTotal = 0
    for (score, positive) in zip(scores, isPositive) {
      let slot = DecimalCountingSort.key(score) - low + 1
      if positive {
        belowPositive[slot] += 1
        positiveTotal += 1
      } else {
        belowNegative[slot] += 1
      }
    }
    for slot in belowPositive.indices.dropFirst() {
      belowPositive[slot] += belowPositive[slot - 1]
      belowNegative[slot] += belowNegative[slot - 1]
    }
    let negativeTotal = scores.count - positiveTotal
    var positives: [Double] = []
    var negatives: [Double] = []
    positives.reserveCapacity(positiveTotal)
    negatives.reserveCapacity(negativeTotal)
    belowPositive.withUnsafeBufferPointer { belowPositive in
      belowNegative.withUnsafeBufferPointer { belowNegative in
        for (score, positive) in zip(scores, isPositive) {
          let slot = DecimalCountingSort.key(score) - low
          if positive {
            let less = belowNegative[slot]
            let equal = belowNegative[slot + 1] - less
            positives.append((Double(less) + 0.5 * Double(equal)) / Double(negativeTotal))
          } else {
            let lessOrEqual = belowPositive[slot + 1]
            let equal = lessOrEqual - belowPositive[slot]
            negatives.append(
              (Double(positiveTotal - Int(lessOrEqual)) + 0.5 * Double(equal))
                / Double(positiveTotal))
          }
        }
      }
    }
    placements = (positives, negatives)
  }
}
