import CandorModel
import Foundation

/// A small, fast, seedable generator (xoshiro256**), so resampling is the same on every run.
public struct RandomSource: RandomNumberGenerator, Sendable {
  private var state: (UInt64, UInt64, UInt64, UInt64)

  /// Seeds from a value derived from the inputs, never from the clock.
  public init(seed: UInt64) {
    var splitMix = seed
    func next() -> UInt64 {
      splitMix &+= 0x9E37_79B9_7F4A_7C15
      var z = splitMix
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    state = (next(), next(), next(), next())
  }

  /// A seed that depends only on the given numbers (counts of a matrix, a metric's name).
  public static func seed<S: Sequence>(from values: S, salt: String = "") -> UInt64
  where S.Element == Int {
    var hash = FNV1a()
    for byte in salt.utf8 { hash.add(byte) }
    for value in values {
      hash.add(word: UInt64(bitPattern: Int64(value)))
      hash.value ^= hash.value >> 29
    }
    return hash.value
  }

  public mutating func next() -> UInt64 {
    let result = ((state.1 &* 5) << 7 | (state.1 &* 5) >> 57) &* 9
    let t = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= t
    state.3 = state.3 << 45 | state.3 >> 19
    return result
  }

  /// Uniform in [0, 1).
  public mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

  public mutating func normal() -> Double {
    // Box-Muller; the second value is discarded to keep the state simple.
    let u1 = max(uniform(), .leastNonzeroMagnitude)
    return (-2 * log(u1)).squareRoot() * cos(2 * .pi * uniform())
  }
}
