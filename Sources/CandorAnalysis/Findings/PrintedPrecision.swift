import CandorModel
import Foundation

/// The precision the report prints numbers at, as a rule: rates to 0.1 of a percent, scores to
/// 0.01; changes of rates to 0.1 of a point (0.01 under a tenth: "−0.04 points"), of scores to
/// 0.001. A change that does not show at its printed precision is no event. (How numbers are
/// written, in each language, is `NumberFormat`'s business in CandorReport.)
public enum PrintedPrecision {
  /// Zero, or a change too small to print (under 0.005 points, or 0.0005 of a score): never a
  /// finding, never news. Judged on the change itself, not on whether the two values print
  /// alike: 0.694 and 0.686 both print as 0.69, yet their change prints as −0.009, and a report
  /// that shows a smaller change elsewhere must not call this one "no change".
  public static func isNonEvent(previous: Double, current: Double, isRate: Bool) -> Bool {
    previous == current || abs(current - previous) < (isRate ? 0.00005 : 0.0005)
  }

  /// The printed digits of a value: percents to one decimal (two next to 0% and 100%, which
  /// are never rounded to), scores to two.
  public static func digits(_ value: Double, isRate: Bool) -> String {
    guard isRate else { return String(format: "%.2f", value) }
    let scaled = value * 100
    if scaled > 99.9 && scaled < 100 || scaled > 0 && scaled < 0.1 {
      return String(format: "%.2f", scaled)
    }
    return String(format: "%.1f", scaled)
  }
}

extension MetricName {
  /// Rates read as percents; MCC, kappa and F-scores as plain scores between −1 or 0 and 1.
  public var isRate: Bool {
    switch self {
    case .accuracy, .balancedAccuracy, .precision, .recall, .specificity, .macroRecall,
      .top2Accuracy:
      true
    default: false
    }
  }
}
