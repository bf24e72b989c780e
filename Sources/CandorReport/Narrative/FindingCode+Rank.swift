import CandorAnalysis

extension FindingCode {
  /// Where a standing condition, new this week, goes among the news (lower first): what changes
  /// how the model's numbers read, then the mix of data, then conditions of the evidence itself.
  /// Nil for the codes `Editor.news` ranks by their own rules (changes, overlaps, shifts).
  /// A switch, so that a new code must be placed here to compile.
  var standingRank: Int? {
    switch self {
    case .accuracyMisleading: 45
    case .rankingHidesPrecision: 46
    case .averageHidesWeakClass: 47
    case .classImbalance: 55
    case .setsDisagree: 56
    case .prevalenceShift: 80
    case .smallSample: 85
    case .testSetReused: 90
    case .significantRegression, .significantImprovement, .changeNotSignificant, .testSetOverlap:
      nil
    }
  }
}
