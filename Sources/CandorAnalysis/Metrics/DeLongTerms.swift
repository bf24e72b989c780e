/// DeLong's variance of an AUC as its two terms: the spread of the positives' placements among
/// the negatives over the positives' count, and the negatives' among the positives over theirs.
/// Each is estimated from its own class, so each is corrected for that class's size apart.
public struct DeLongTerms: Sendable, Equatable {
  public let positives: Double
  public let negatives: Double
}
