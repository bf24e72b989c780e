/// DeLong's placements without sorting or searching, for scores as exports write them: when
/// every score is exactly `k / 10⁶` for a whole `k` in a narrow range (the test
/// CandorWorkspace's `DecimalCountingSort` uses), two equal scores have the same `k`, and a
/// running count of each class over the `k`s answers "how many of the other class score below
/// this one, and how many the same" with two reads.
struct DecimalPlacements {
  static let scale = 1e6
  /// 0 to 1 in steps of 10⁻⁶ with room to spare: two tables of 8 MB.
  static let maxRange = 1 << 21

  let placements: (positives: [Double], negatives: [Double])

  /// Nil when some score is not bit for bit `k / 10⁶` (more digits, −0.0) or the `k`s spread
  /// wider than `maxRange`.
  init?(_ scores: [Double], _ isPositive: [Bool]) {
    var low = Int.max
    var high = Int.min
    for score in scores {
      let scaled = score * Self.scale
      // Also false for NaN and infinities, before any conversion could trap.
      guard scaled >= -0x1p52, scaled <= 0x1p52 else { return nil }
      let k = Self.nearest(scaled)
      guard (Double(k) / Self.scale).bitPattern == score.bitPattern else { return nil }
      low = min(low, k)
      high = max(high, k)
    }
    guard !scores.isEmpty, high - low < Self.maxRange, scores.count < Int(UInt32.max) else {
      return nil
    }
    // below[c][i]: examples of class c (1 positive) whose k is under low + i.
    var belowPositive = [UInt32](repeating: 0, count: high - low + 2)
    var belowNegative = belowPositive
    var positiveTotal = 0
    for (score, positive) in zip(scores, isPositive) {
      let slot = Self.nearest(score * Self.scale) - low + 1
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
          let slot = Self.nearest(score * Self.scale) - low
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

  /// The whole number nearest `x` (halves away from zero), by truncation: `rounded()` is a
  /// library call on baseline x86-64.
  @inline(__always)
  static func nearest(_ x: Double) -> Int {
    Int(x < 0 ? x - 0.5 : x + 0.5)
  }
}
