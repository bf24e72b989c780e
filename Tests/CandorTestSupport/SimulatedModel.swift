import Foundation

@testable import CandorModel
@testable import CandorWorkspace

/// A binary classifier whose true quality is known, for simulations.
///
/// An example's score is `mean(label) + ρ·z + √(1−ρ²)·e`: `z` belongs to the example and is the
/// same every week (so a paired test has something to pair), `e` is new noise each week; both
/// standard normal. Negatives' mean is 0; the model flags scores at or above `threshold`.
public struct SimulatedModel: Sendable {
  public var positiveMean: Double
  public var threshold: Double
  public var stability: Double

  /// A model with the given recall and specificity (the threshold and mean follow).
  public init(recall: Double, specificity: Double, stability: Double) {
    threshold = Self.quantile(specificity)
    positiveMean = threshold + Self.quantile(recall)
    self.stability = stability
  }

  public var recall: Double { Self.cdf(positiveMean - threshold) }
  public var specificity: Double { Self.cdf(threshold) }
  public var rocAUC: Double { Self.cdf(positiveMean / 2.0.squareRoot()) }

  /// Average precision of the population at this prevalence, by numerical integration of
  /// the precision met at each positive's score.
  public func averagePrecision(prevalence: Double) -> Double {
    var sum = 0.0
    let step = 0.001
    var s = positiveMean - 9
    while s < positiveMean + 9 {
      let density = exp(-(s - positiveMean) * (s - positiveMean) / 2) / (2 * Double.pi).squareRoot()
      let caught = prevalence * (1 - Self.cdf(s - positiveMean))
      let falseAlarms = (1 - prevalence) * (1 - Self.cdf(s))
      if caught + falseAlarms > 0 { sum += density * caught / (caught + falseAlarms) * step }
      s += step
    }
    return sum
  }

  /// Expected confusion matrix (rows ok, failure) as proportions of all examples.
  public func cellProportions(prevalence: Double) -> [Double] {
    let r = recall
    let sp = specificity
    return [
      (1 - prevalence) * sp, (1 - prevalence) * (1 - sp), prevalence * (1 - r), prevalence * r,
    ]
  }

  /// Draws `positives` and `negatives` examples (ids 0..<n, labels ok=0 / failure=1) in one
  /// week; `latent` holds each example's persistent part, so two weeks can share it.
  public func week(latent: [Double], positives: Int, random: inout some RandomNumberGenerator)
    -> EvaluationSet
  {
    var matrix = [[0, 0], [0, 0]]
    var labels: [UInt16] = []
    var predictions: [UInt16] = []
    var scores: [Double] = []
    var positiveScores: [Double] = []
    var negativeScores: [Double] = []
    let weekNoise = (1 - stability * stability).squareRoot()
    for index in latent.indices {
      let isPositive = index < positives
      let raw =
        (isPositive ? positiveMean : 0) + stability * latent[index] + weekNoise
        * Self.normal(&random)
      // Rounded as real exports are (six decimals of a probability), which also makes ties.
      let score = ((1 / (1 + exp(-(raw - threshold)))) * 1e6).rounded() / 1e6
      let flagged = score >= 0.5
      matrix[isPositive ? 1 : 0][flagged ? 1 : 0] += 1
      labels.append(isPositive ? 1 : 0)
      predictions.append(flagged ? 1 : 0)
      scores.append(score)
      if isPositive { positiveScores.append(score) } else { negativeScores.append(score) }
    }
    return EvaluationSet(
      setID: "s", file: "s.csv", source: .predictions, matrix: matrix, segments: [],
      scored: ScoredExamples(positives: positiveScores, negatives: negativeScores),
      keyed: KeyedExamples(
        idHashes: latent.indices.map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 },
        labels: labels, predictions: predictions, scores: scores),
      histogram: nil)
  }

  public static func latent(count: Int, random: inout some RandomNumberGenerator) -> [Double] {
    (0..<count).map { _ in normal(&random) }
  }

  public static func normal(_ random: inout some RandomNumberGenerator) -> Double {
    let u1 = max(Double.random(in: 0..<1, using: &random), .leastNonzeroMagnitude)
    let u2 = Double.random(in: 0..<1, using: &random)
    return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
  }

  public static func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }

  /// Inverse of `cdf` by bisection: slow, exact enough, and only called when setting up.
  public static func quantile(_ p: Double) -> Double {
    var low = -10.0
    var high = 10.0
    for _ in 0..<200 {
      let mid = (low + high) / 2
      if cdf(mid) < p { low = mid } else { high = mid }
    }
    return (low + high) / 2
  }
}
