/// FNV-1a, 64 bits: the one hash Candor uses where a value must be the same on every machine,
/// Swift version and run (Swift's `Hasher` is seeded per process): example ids for pairing,
/// client ids for `--shard`, the seeds of resampling and an email's Message-ID.
public struct FNV1a: Sendable {
  public static let offsetBasis: UInt64 = 0xcbf2_9ce4_8422_2325
  public static let prime: UInt64 = 0x0000_0100_0000_01b3

  public var value = FNV1a.offsetBasis

  @inlinable public init() {}

  /// Mixes in one byte.
  @inlinable public mutating func add(_ byte: UInt8) { add(word: UInt64(byte)) }

  /// Mixes in a whole 64-bit word at once (seeds mix numbers, not bytes).
  @inlinable public mutating func add(word: UInt64) { value = (value ^ word) &* Self.prime }

  /// The hash of a sequence of bytes, continuing from `seed` (an email's parts in turn, for
  /// its Message-ID).
  @inlinable public static func hash<S: Sequence<UInt8>>(
    _ bytes: S, seed: UInt64 = FNV1a.offsetBasis
  ) -> UInt64 {
    var hash = FNV1a()
    hash.value = seed
    for byte in bytes { hash.add(byte) }
    return hash.value
  }
}
