import Foundation

/// Student's t distribution, for intervals whose spread is estimated from few examples.
enum StudentT {
  /// The 97.5% quantile for 1 to 30 degrees of freedom (scipy.stats.t.ppf, six decimals).
  private static let table: [Double] = [
    12.706205, 4.302653, 3.182446, 2.776445, 2.570582, 2.446912, 2.364624, 2.306004, 2.262157,
    2.228139, 2.200985, 2.178813, 2.160369, 2.144787, 2.131450, 2.119905, 2.109816, 2.100922,
    2.093024, 2.085963, 2.079614, 2.073873, 2.068658, 2.063899, 2.059539, 2.055529, 2.051831,
    2.048407, 2.045230, 2.042272,
  ]

  /// The two-sided 95% critical value: the table up to 30 degrees of freedom, beyond it the
  /// Cornish-Fisher expansion around the normal quantile (within 1e-6 from 30 on).
  static func quantile975(degreesOfFreedom df: Int) -> Double {
    if df < 1 { return table[0] }
    if df <= table.count { return table[df - 1] }
    let z = Normal.z95
    let v = Double(df)
    let z3 = z * z * z
    let z5 = z3 * z * z
    let z7 = z5 * z * z
    return z + (z3 + z) / (4 * v) + (5 * z5 + 16 * z3 + 3 * z) / (96 * v * v)
      + (3 * z7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * v * v * v)
  }
}
