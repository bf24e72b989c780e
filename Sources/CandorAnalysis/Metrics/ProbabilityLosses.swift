import Foundation

/// Per-example Brier score and log loss, exactly as scikit-learn 1.9 computes them.
///
/// Brier, binary: `(y − p)²` (`brier_score_loss` with `pos_label`); multiclass: scikit-learn's
/// multiclass `brier_score_loss`, `Σₖ (yₖ − pₖ)²` on [0, 2], halved for two classes (its
/// `scale_by_half="auto"`, which makes two classes read as the binary score). Log loss: `−log(clip(p_true, ε, 1 − ε))` with ε the double
/// epsilon (2.22e-16), the probability of the true class taken as given (binary: `1 − p` for
/// the negative class, clipped after subtracting), never renormalised.
public enum ProbabilityLosses {
  /// scikit-learn's clipping bound: `np.finfo(float64).eps`.
  public static let epsilon = Double.ulpOfOne

  @inline(__always) public static func logLoss(probabilityOfTruth p: Double) -> Double {
    -log(min(max(p, epsilon), 1 - epsilon))
  }

  /// Binary: `p` is the positive class's probability.
  @inline(__always) public static func binaryBrier(_ p: Double, positive: Bool) -> Double {
    let y = positive ? 1.0 : 0.0
    return (y - p) * (y - p)
  }

  @inline(__always) public static func binaryLogLoss(_ p: Double, positive: Bool) -> Double {
    logLoss(probabilityOfTruth: positive ? p : 1 - p)
  }

  /// Multiclass: `scores` of one example, `label` its true class.
  public static func multiclassBrier(_ scores: ArraySlice<Double>, label: Int) -> Double {
    var sum = 0.0
    for (k, p) in zip(scores.indices, scores) {
      let y = k - scores.startIndex == label ? 1.0 : 0.0
      sum += (y - p) * (y - p)
    }
    return scores.count == 2 ? sum / 2 : sum
  }

  /// The values a Brier score can take with `classes` classes: [0, 1] for two; [0, 2] for
  /// more where each row of probabilities sums to 1, which the contract does not require, so
  /// up to `classes` (a row of ones, as scikit-learn computes it too).
  public static func brierRange(classes: Int) -> ClosedRange<Double> {
    classes <= 2 ? 0...1 : 0...Double(classes)
  }

  /// A coin-flip model's per-example Brier score (uniform probabilities): the chance spread.
  public static func chanceBrier(classes: Int) -> Double {
    let k = Double(classes)
    return classes <= 2 ? 0.25 : (k - 1) / k
  }
}
