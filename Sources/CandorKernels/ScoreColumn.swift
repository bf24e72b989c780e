/// One score per row, in row order, kept as compactly as the scores allow. Scores as exports
/// write them (each bit for bit `k / 10⁶`, `DecimalCountingSort`) are kept as their `k`, four
/// bytes a row instead of eight (a paired week holds two weeks of ten million rows at once);
/// any other column keeps its doubles. Either way `self[row]` is the score as read, bit for bit:
/// a `k` was kept only where the division rebuilding it gives the score exactly.
public enum ScoreColumn: Sendable {
  /// Every score is `Double(k) / 10⁶` for its `k`.
  case decimal([UInt32])
  case values([Double])

  public var count: Int {
    switch self {
    case .decimal(let codes): codes.count
    case .values(let values): values.count
    }
  }

  /// The row's score, as read.
  @inlinable public subscript(row: Int) -> Double {
    switch self {
    case .decimal(let codes): Double(codes[row]) / DecimalCountingSort.scale
    case .values(let values): values[row]
    }
  }

  /// Every score as a double, in row order.
  public var values: [Double] {
    switch self {
    case .decimal(let codes): codes.map { Double($0) / DecimalCountingSort.scale }
    case .values(let values): values
    }
  }

  /// `values` as a column, as compact as they allow.
  public init(_ values: [Double]) {
    var builder = Builder()
    builder.reserve(values.count)
    for value in values { builder.append(value) }
    self = builder.column
  }

  /// The `k` a score is kept as: nil unless it is bit for bit `k / 10⁶` with `k` in 32 bits.
  @inlinable @inline(__always)
  public static func code(_ value: Double) -> UInt32? {
    guard let k = DecimalCountingSort.exactKey(value), k >= 0, k <= Int(UInt32.max) else {
      return nil
    }
    return UInt32(k)
  }

  /// Builds a column row by row: codes while every score has one, doubles from the first that
  /// does not (the codes so far converted once; while they are, both are held, 12 bytes a row
  /// read so far, then the 8 bytes a row of doubles).
  public struct Builder: Sendable {
    // Visible to inlined code: `append` runs once a row inside the reader's loop.
    @usableFromInline var codes: [UInt32] = []
    @usableFromInline var doubles: [Double]?
    @usableFromInline var reserved = 0

    public init() {}

    public var isEmpty: Bool { codes.isEmpty && (doubles?.isEmpty ?? true) }

    /// Reserves for `count` rows in all, on huge pages where the system offers them.
    public mutating func reserve(_ count: Int) {
      reserved = count
      if doubles != nil { doubles!.reserveLarge(count) } else { codes.reserveLarge(count) }
    }

    @inlinable @inline(__always)
    public mutating func append(_ value: Double) {
      if doubles == nil, let code = ScoreColumn.code(value) {
        codes.append(code)
      } else {
        appendValue(value)
      }
    }

    @usableFromInline mutating func appendValue(_ value: Double) {
      if doubles == nil {
        var converted: [Double] = []
        converted.reserveLarge(max(reserved, codes.count + 1))
        for code in codes { converted.append(Double(code) / DecimalCountingSort.scale) }
        codes = []
        doubles = converted
      }
      doubles!.append(value)
    }

    /// The column built; the builder is left empty.
    public mutating func take() -> ScoreColumn {
      defer { self = Builder() }
      return column
    }

    var column: ScoreColumn { doubles.map(ScoreColumn.values) ?? .decimal(codes) }
  }
}

/// A column's scores for the duration of a loop: no reference counting per row, one
/// predictable branch per read.
public enum ScoreReader {
  case decimal(UnsafeBufferPointer<UInt32>)
  case values(UnsafeBufferPointer<Double>)

  @inlinable @inline(__always) public subscript(row: Int) -> Double {
    switch self {
    case .decimal(let codes): Double(codes[row]) / DecimalCountingSort.scale
    case .values(let values): values[row]
    }
  }

  /// The row's `k` if its score is bit for bit `k / 10⁶` (`DecimalCountingSort.exactKey`).
  @inlinable @inline(__always) public func exactKey(_ row: Int) -> Int? {
    switch self {
    case .decimal(let codes): Int(codes[row])
    case .values(let values): DecimalCountingSort.exactKey(values[row])
    }
  }

  /// The row's `k`, for a score `exactKey` accepted.
  @inlinable @inline(__always) public func key(_ row: Int) -> Int {
    switch self {
    case .decimal(let codes): Int(codes[row])
    case .values(let values): DecimalCountingSort.key(values[row])
    }
  }
}

extension ScoreColumn {
  /// Calls `body` with a reader of the scores, valid inside it only.
  public func withReader<R>(_ body: (ScoreReader) throws -> R) rethrows -> R {
    switch self {
    case .decimal(let codes): try codes.withUnsafeBufferPointer { try body(.decimal($0)) }
    case .values(let values): try values.withUnsafeBufferPointer { try body(.values($0)) }
    }
  }
}
