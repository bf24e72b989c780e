import CandorWorkspace
import Foundation

/// The precision the report prints numbers at, as a rule: rates to 0.1 of a percent, scores to
/// 0.01. A change that does not show at that precision is no event. (How numbers are written,
/// in each language, is `NumberFormat`'s business in CandorReport.)
public enum Precision {
  /// Zero, or a change that does not show at the printed precision: never a finding, never news.
  public static func isNonEvent(previous: Double, current: Double, isRate: Bool) -> Bool {
    if previous == current { return true }
    if digits(previous, isRate: isRate) == digits(current, isRate: isRate) { return true }
    return abs(current - previous) < (isRate ? 0.0005 : 0.005)
  }

  /// The printed digits of a value: percents to one decimal (two next to 0% and 100%, which
  /// are never rounded to), scores to two.
  static func digits(_ value: Double, isRate: Bool) -> String {
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
