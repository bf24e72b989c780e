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

  static func compare(before: ExampleValues, after: ExampleValues, delta: Double)
    -> (ResampledTest, TestMethod, Int?)?
  {
    guard !before.values.isEmpty, !after.values.isEmpty else { return nil }
    let spread = max(before.chanceSpread, after.chanceSpread)
    // A multiclass Brier score lies in [0, K], so its change in [−K, K].
    let range = [before.changeRange, after.changeRange].max {
      $0.upperBound < $1.upperBound
    }!
    if let differences = paired(before, after) {
      let statistic = differences.reduce(0, +) / Double(differences.count)
      let se = ExampleValues.standardError(differences, chanceSpread: spread)
      var p = Normal.twoSidedP(statistic / se)
      var name = TestMethod.pairedNormal
      if differences.count <= randomisationLimit {
        p = max(p, signFlipP(differences, statistic: statistic))
        name = name.confirmed
      }
      return (
        ResampledTest(
          p: p, interval: (delta - Normal.z95 * se)...(delta + Normal.z95 * se), posteriorP: p,
          estimate: delta, range: range), name, differences.count
      )
    }
    let se =
      (square(ExampleValues.standardError(before.values, chanceSpread: spread))
      + square(ExampleValues.standardError(after.values, chanceSpread: spread))).squareRoot()
    var p = Normal.twoSidedP(delta / se)
    var name = TestMethod.welch
    if before.values.count + after.values.count <= randomisationLimit {
      p = max(p, permutationP(before.values, after.values, statistic: delta))
      name = name.confirmed
    }
    return (
      ResampledTest(
        p: p, interval: (delta - Normal.z95 * se)...(delta + Normal.z95 * se), posteriorP: p,
        estimate: delta, range: range), name, nil
    )
  }

  private static func square(_ x: Double) -> Double { x * x }

  /// Each shared example's `after − before`, where the weeks hold nearly the same examples.
  static func paired(_ before: ExampleValues, _ after: ExampleValues) -> [Double]? {
    guard let a = before.idHashes, let b = after.idHashes else { return nil }
    let orderA = a.indices.sorted { a[$0] < a[$1] }
    let orderB = b.indices.sorted { b[$0] < b[$1] }
    var differences: [Double] = []
    var i = 0
    var j = 0
    while i < orderA.count && j < orderB.count {
      let ha = a[orderA[i]]
      let hb = b[orderB[j]]
      if ha < hb {
        i += 1
      } else if hb < ha {
        j += 1
      } else {
        differences.append(after.values[orderB[j]] - before.values[orderA[i]])
        i += 1
        j += 1
      }
    }
    guard !differences.isEmpty,
      Double(differences.count) >= 0.9 * Double(max(a.count, b.count))
    else { return nil }
    return differences
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
