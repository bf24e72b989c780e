/// Scores as exports write them (a decimal with at most six fractional digits, `0.123456`)
/// sort by counting: each is exactly `k / 10⁶` for a whole `k` in a narrow range, so one pass
/// counts the `k`s and a second writes them back in order. No comparisons, no scratch copy of
/// the scores, no radix passes. Any other input is left to the radix sort.
public enum DecimalCountingSort {
  // Computed, so that code inlined into other modules folds it as a constant.
  @inlinable public static var scale: Double { 1e6 }
  /// At most this many counters: 0 to 1 in steps of 10⁻⁶, with room for scores a little
  /// outside it (8 MB of counters).
  public static let maxRange = 1 << 21

  /// The smallest and largest `k` of `values` when each is bit for bit `k / 10⁶` (what every
  /// counting of scores here needs first); nil when one is not (−0.0, more digits, NaN, ±∞)
  /// or there are none. The `k`s may still spread wider than `maxRange`.
  public static func keyRange(of values: UnsafeBufferPointer<Double>) -> ClosedRange<Int>? {
    var low = Int.max
    var high = Int.min
    for value in values {
      guard let k = exactKey(value) else { return nil }
      low = min(low, k)
      high = max(high, k)
    }
    return low <= high ? low...high : nil
  }

  /// The `k` of a value that is bit for bit `k / 10⁶`; nil for any other (−0.0, more digits,
  /// NaN, ±∞).
  @inlinable @inline(__always)
  public static func exactKey(_ value: Double) -> Int? {
    let scaled = value * scale
    // Also false for NaN and infinities, before any conversion could trap.
    guard scaled >= -0x1p52, scaled <= 0x1p52 else { return nil }
    let k = nearest(scaled)
    return (Double(k) / scale).bitPattern == value.bitPattern ? k : nil
  }

  /// The `k` of a value `keyRange(of:)` accepted.
  @inlinable @inline(__always)
  public static func key(_ value: Double) -> Int { nearest(value * scale) }

  /// Sorts `values` ascending and returns true; returns false, leaving them untouched, when
  /// some value is not bit for bit `k / 10⁶` (−0.0, more digits, NaN) or the `k`s spread wider
  /// than `maxRange`.
  ///
  /// The result is the radix sort's, bit for bit: every value is rebuilt from its `k` by the
  /// same division that was checked to give it, and that division preserves order.
  static func sort(_ values: inout [Double]) -> Bool {
    guard let range = values.withUnsafeBufferPointer(keyRange), range.count <= maxRange,
      values.count < Int(UInt32.max)
    else { return false }
    let low = range.lowerBound
    var counts = [UInt32](repeating: 0, count: range.count)
    counts.withUnsafeMutableBufferPointer { counts in
      for value in values { counts[key(value) - low] += 1 }
    }
    values.withUnsafeMutableBufferPointer { output in
      var index = 0
      for offset in counts.indices where counts[offset] > 0 {
        let value = Double(low + offset) / scale
        for _ in 0..<Int(counts[offset]) {
          output[index] = value
          index += 1
        }
      }
    }
    return true
  }

  /// The whole number nearest `x` (halves away from zero), by truncation: `rounded()` is a
  /// library call on the baseline x86-64 this is built for, and this loop runs per score.
  @inlinable @inline(__always)
  static func nearest(_ x: Double) -> Int {
    Int(x < 0 ? x - 0.5 : x + 0.5)
  }
}
