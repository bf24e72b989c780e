/// Every threshold behind a finding, in one place (docs/statistics.md's table mirrors this file).
public enum Thresholds {
  /// `class-imbalance`: a class under this share of a set's examples...
  public static let imbalanceShare = 0.10
  /// ...and under this fraction of an even share (1/K of K classes).
  public static let imbalanceEvenShareFraction = 0.5
  /// The share under which a class of a task of `classes` classes is rare: both rules at once.
  public static func imbalanceLimit(classes: Int) -> Double {
    min(imbalanceShare, imbalanceEvenShareFraction / Double(classes))
  }
  /// `accuracy-misleading`: accuracy within this distance of the majority-class baseline...
  public static let baselineMargin = 0.02
  /// ...or the model removes less than this share of the baseline's errors:
  /// (1 − baseline) − (1 − accuracy) < 0.5 × (1 − baseline), whatever the class shares...
  public static let baselineErrorShare = 0.5
  /// ...or accuracy above this while recall of the positive class is under `lowRecall`.
  public static let highAccuracy = 0.90
  public static let lowRecall = 0.50
  /// `small-sample`: a class's recall interval wider than this (20 points).
  public static let wideInterval = 0.20
  /// `prevalence-shift`: a class's share changes by at least this factor...
  public static let prevalenceRatio = 1.5
  /// ...and by at least this many points, and the difference is beyond chance at this level.
  public static let prevalencePoints = 0.01
  public static let prevalenceP = 0.001
  /// Family-wise false-alarm rate for week-over-week changes (Holm).
  public static let alpha = 0.05
  /// "Likely, not yet confirmed": a primary change whose Holm-adjusted p-value is under this.
  public static let suggestiveP = 0.10
  /// `ranking-hides-precision`: ROC AUC at least this while precision is under `lowPrecision`.
  public static let strongAUC = 0.85
  public static let lowPrecision = 0.50
  /// `average-hides-weak-class`: a class recalled under `lowRecall` while macro recall is at least this.
  public static let goodAverage = 0.70
  /// `test-set-reused`: a test set evaluated in at least this many weeks.
  public static let testSetWeeks = 4
  /// A multiclass task's class is named as having moved when its recall changed by this much.
  public static let classMovePoints = 0.03
  /// An unconfirmed change at least this large (0.05 on a score, 5 points on a rate), and at
  /// least half its interval's half-width, is "too few examples to confirm", not "within noise".
  public static let materialChange = 0.05
  /// Segments with fewer examples than this are not ranked when naming the weakest one.
  public static let segmentMinimumExamples = 30
  /// …and fewer than this many of the examples the metric counts (the positives for recall).
  public static let segmentMinimumCounted = 10
  /// "only N points better than always saying the majority class": used only when the model
  /// removes less than `baselineErrorShare` of the baseline's errors (the rule above).
  /// Primary metric: data counts as balanced when every class holds at least this share.
  public static let balancedMinorityShare = 0.25
}
