import CandorModel
import Foundation

/// Week-over-week change of a metric that is a mean over examples (multiclass ROC AUC through
/// its pseudo-values, top-2 accuracy, Brier score, log loss).
///
/// Paired where ids match (as for the count metrics, 90% of the larger week): the mean of
/// each shared example's difference, with a normal test on its standard error. Otherwise
/// Welch's two-sample test. Either way the variance is floored by pseudo-examples at ± the
/// metric's chance spread (so a change is never of zero width on few examples), and on up to
/// `randomisationLimit` examples a randomisation test (signs flipped when paired, weeks
/// reshuffled otherwise) must agree as well.
enum ExampleChanges {
  static let randomisationLimit = 4000
  static let randomisationDraws = 2000

  /// `orders`: each week's rows in hash order, where the caller computed them once for every
  /// metric of the set; computed here otherwise.
  static func compare(
    before: ExampleValues, after: ExampleValues, delta: Double,
    orders: (before: HashOrder, after: HashOrder)? = nil
  ) -> (ResampledTest, TestMethod, Int?)? {
    guard !before.values.isEmpty, !after.values.isEmpty else { return nil }
    let spread = max(before.chanceSpread, after.chanceSpread)
    // A multiclass Brier score lies in [0, K], so its change in [−K, K].
    let range = [before.changeRange, after.changeRange].max {
      $0.upperBound < $1.upperBound
    }!
    if let differences = PairedDifferences(before, after, orders: orders) {
      // Streamed, twice (the sum, then the squares about the mean), not stored: ten million
      // shared examples' differences were 80 MB for each loss.
      let statistic = differences.sum / Double(differences.count)
      let se = ExampleValues.standardError(
        differences, count: differences.count, mean: statistic, chanceSpread: spread)
      var p = Normal.twoSidedP(statistic / se)
      var name = TestMethod.pairedNormal
      if differences.count <= randomisationLimit {
        p = max(p, signFlipP(Array(differences), statistic: statistic))
        name = name.confirmed
      }
      return (
        ResampledTest(
          p: p, interval: (delta - Normal.z95 * se)...(delta + Normal.z95 * se), posteriorP: p,
          estimate: delta, range: range), name, differences.count
      )
    }
    let se =
      (square(ExampleValues.standardError(before.values, mean: before.mean, chanceSpread: spread))
      + square(ExampleValues.standardError(after.values, mean: after.mean, chanceSpread: spread)))
      .squareRoot()
    var p = Normal.twoSidedP(delta / se)
    var name = TestMethod.welch
    if before.values.count + after.values.count <= randomisationLimit {
      p = max(p, permutationP(Array(before.values), Array(after.values), statistic: delta))
      name = name.confirmed
    }
    return (
      ResampledTest(
        p: p, interval: (delta - Normal.z95 * se)...(delta + Normal.z95 * se), posteriorP: p,
        estimate: delta, range: range), name, nil
    )
  }

  private static func square(_ x: Double) -> Double { x * x }

  /// Each shared example's `after − before`, in hash order, where the weeks hold nearly the
  /// same examples (nil otherwise); computed as it is read.
  struct PairedDifferences: Sequence {
    let before: ExampleValues
    let after: ExampleValues
    /// Each week's rows in hash order, where its rows are not already (class scores keep the
    /// file's order; a binary task's rows are sorted by hash when read).
    let orderBefore: [Int]?
    let orderAfter: [Int]?
    /// How many examples are shared, and the sum of their differences in hash order.
    private(set) var count = 0
    private(set) var sum = 0.0

    init?(
      _ before: ExampleValues, _ after: ExampleValues,
      orders: (before: HashOrder, after: HashOrder)? = nil
    ) {
      guard let a = before.idHashes, let b = after.idHashes else { return nil }
      (self.before, self.after) = (before, after)
      orderBefore = (orders?.before.describes(a) == true ? orders!.before : HashOrder(a)).rows
      orderAfter = (orders?.after.describes(b) == true ? orders!.after : HashOrder(b)).rows
      for difference in self {
        count += 1
        sum += difference
      }
      guard SharedIDs.pairable(count, a.count, b.count) else { return nil }
    }

    func makeIterator() -> Iterator {
      Iterator(
        a: before.idHashes!, b: after.idHashes!, orderA: orderBefore, orderB: orderAfter,
        before: before.values, after: after.values)
    }

    struct Iterator: IteratorProtocol {
      let a: [UInt64]
      let b: [UInt64]
      let orderA: [Int]?
      let orderB: [Int]?
      let before: ExampleValues.Values
      let after: ExampleValues.Values
      var i = 0
      var j = 0

      mutating func next() -> Double? {
        while i < a.count && j < b.count {
          let rowA = orderA?[i] ?? i
          let rowB = orderB?[j] ?? j
          if a[rowA] < b[rowB] {
            i += 1
          } else if b[rowB] < a[rowA] {
            j += 1
          } else {
            i += 1
            j += 1
            return after[rowB] - before[rowA]
          }
        }
        return nil
      }
    }
  }

  static func seed(_ values: [Double], salt: String) -> UInt64 {
    RandomSource.seed(
      from: [values.count] + values.prefix(64).map { Int(truncatingIfNeeded: $0.bitPattern) },
      salt: salt)
  }

  /// Signs of the differences flipped at random: the share of draws at least as extreme.
  static func signFlipP(_ differences: [Double], statistic: Double) -> Double {
    var random = RandomSource(seed: seed(differences, salt: "example-sign-flip"))
    var null: [Double] = []
    null.reserveCapacity(randomisationDraws)
    for _ in 0..<randomisationDraws {
      var sum = 0.0
      var bits: UInt64 = 0
      for (index, d) in differences.enumerated() {
        if index & 63 == 0 { bits = random.next() }
        sum += bits & 1 == 1 ? d : -d
        bits >>= 1
      }
      null.append(sum / Double(differences.count))
    }
    return ResampledTest.randomisationP(statistic, null: null)
  }

  /// The two weeks' values reshuffled between them.
  static func permutationP(_ before: [Double], _ after: [Double], statistic: Double) -> Double {
    var pooled = before + after
    var random = RandomSource(seed: seed(pooled, salt: "example-permutation"))
    var null: [Double] = []
    null.reserveCapacity(randomisationDraws)
    for _ in 0..<randomisationDraws {
      pooled.shuffle(using: &random)
      let first = pooled[..<before.count].reduce(0, +) / Double(before.count)
      let second = pooled[before.count...].reduce(0, +) / Double(after.count)
      null.append(second - first)
    }
    return ResampledTest.randomisationP(statistic, null: null)
  }
}

/// A week's rows in id-hash order: nil where they already are (a binary task's rows, sorted
/// when read); class scores keep the file's order. Computed once per week and shared by every
/// metric's paired test (four metrics of class scores sorted both weeks four times).
struct HashOrder: Sendable {
  let hashes: [UInt64]
  let rows: [Int]?

  init(_ hashes: [UInt64]) {
    self.hashes = hashes
    rows = hashes.isAscending ? nil : hashes.indices.sorted { hashes[$0] < hashes[$1] }
  }

  /// Whether `other` is the very array this order was computed for (the same storage).
  func describes(_ other: [UInt64]) -> Bool {
    hashes.count == other.count
      && hashes.withUnsafeBufferPointer { mine in
        other.withUnsafeBufferPointer { $0.baseAddress == mine.baseAddress }
      }
  }
}

extension [UInt64] {
  /// Each element at most the next.
  var isAscending: Bool {
    withUnsafeBufferPointer { buffer in
      buffer.indices.dropFirst().allSatisfy { buffer[$0 - 1] <= buffer[$0] }
    }
  }
}
