import CandorModel

/// Something a client should know: a stable code with the typed facts it speaks of (counts,
/// rates, intervals, class and set names). The words are the report's: each code has its own
/// template (`Templates/findings/<code>.mustache`).
public struct Finding: Sendable, Equatable {
  public enum Severity: String, Sendable, Comparable, CaseIterable {
    case info, warning, critical
    var rank: Int { self == .critical ? 2 : self == .warning ? 1 : 0 }
    public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
  }

  public var severity: Severity
  public var task: String
  /// Nil for a finding about a whole task.
  public var set: String?
  public var fact: Fact

  /// The stable code of summary.json and docs/statistics.md's table.
  public var code: FindingCode { fact.code }

  public init(severity: Severity, task: String, set: String?, fact: Fact) {
    self.severity = severity
    self.task = task
    self.set = set
    self.fact = fact
  }
}

/// What a finding says, as data. Each case names its code; `significant-regression` has two
/// (the watched number, or a supporting metric that fell where the watched number did not).
public enum Fact: Sendable, Equatable {
  case classImbalance(ClassShare)
  case accuracyMisleading(AccuracyAgainstBaseline)
  case smallSample(SmallClass)
  case rankingHidesPrecision(RankingAgainstAlerts)
  case averageHidesWeakClass(WeakClass)
  /// The watched number moved: a real drop, a real gain, or a movement within noise.
  case primaryChange(PrimaryChange)
  /// A supporting metric fell beyond noise where the watched number did not fall.
  case supportingDrop(SupportingDrop)
  case prevalenceShift(ShareShift)
  case setsDisagree(SetsGap)
  case testSetOverlap(Overlap)
  case testSetReused(set: String, weeks: Int)

  public var code: FindingCode {
    switch self {
    case .classImbalance: .classImbalance
    case .accuracyMisleading: .accuracyMisleading
    case .smallSample: .smallSample
    case .rankingHidesPrecision: .rankingHidesPrecision
    case .averageHidesWeakClass: .averageHidesWeakClass
    case .primaryChange(let change):
      switch change.verdict {
      case .realDrop: .significantRegression
      case .realGain: .significantImprovement
      case .withinNoise, .unconfirmed, .heldBack: .changeNotSignificant
      }
    case .supportingDrop: .significantRegression
    case .prevalenceShift: .prevalenceShift
    case .setsDisagree: .setsDisagree
    case .testSetOverlap: .testSetOverlap
    case .testSetReused: .testSetReused
    }
  }
}

/// A class's share of a set; `support` is 0 when the class is absent.
public struct ClassShare: Sendable, Equatable {
  public var set: String
  public var label: String
  /// The client's plural noun for one example ("engines").
  public var unit: String
  public var support: Int
  public var total: Int
}

/// Accuracy against always saying the majority class, and the positive class's recall where
/// it is mostly missed.
public struct AccuracyAgainstBaseline: Sendable, Equatable {
  public var set: String
  public var unit: String
  public var accuracy: Double
  public var baselineLabel: String
  public var baselineAccuracy: Double
  /// Present when accuracy is high while the positive class is mostly missed.
  public var missedPositives: CaughtCount?
}

/// `caught` of `total` examples of class `label`.
public struct CaughtCount: Sendable, Equatable {
  public var label: String
  public var caught: Int
  public var total: Int
  public var rate: Double { total > 0 ? Double(caught) / Double(total) : 0 }
}

public struct SmallClass: Sendable, Equatable {
  public var set: String
  public var unit: String
  public var recognised: CaughtCount
  /// Wilson interval of the class's recall.
  public var interval: ClosedRange<Double>
}

public struct RankingAgainstAlerts: Sendable, Equatable {
  public var set: String
  public var label: String
  public var rocAUC: Double
  /// Real alerts (`caught`) among all alerts (`total`).
  public var alerts: CaughtCount
  public var precision: Double
}

public struct WeakClass: Sendable, Equatable {
  public var set: String
  /// Macro recall (or balanced accuracy).
  public var average: Double
  /// False beside a critical finding on the same task: then the average is not called healthy.
  public var reassure: Bool
  public var weak: CaughtCount
}

/// A metric's move between two weeks, with its interval.
public struct MetricMove: Sendable, Equatable {
  public var metric: MetricName
  public var previous: Double
  public var current: Double
  public var delta: Double
  public var ci95: ClosedRange<Double>?
  /// Metrics that are the same number on this data (balanced accuracy and macro recall).
  public var sameAs: [MetricName]
}

public enum ChangeVerdict: String, Sendable, Equatable {
  case realDrop, realGain, withinNoise
  /// Close to confirmed (p under 10%), not yet: "likely, not yet confirmed".
  case unconfirmed
  /// Beyond noise on its own interval, held back by the order of tests (`isHeldBack`).
  case heldBack
}

public struct PrimaryChange: Sendable, Equatable {
  public var set: String
  public var move: MetricMove
  public var verdict: ChangeVerdict
  /// Supporting metrics that moved the same way beyond noise, named inside this finding.
  public var companions: [MetricMove]
  /// The majority label, when accuracy on this set barely beats always saying it.
  public var accuracyMisleadsAgainst: String?
}

public struct SupportingDrop: Sendable, Equatable {
  public var set: String
  public var move: MetricMove
  public var primaryMetric: MetricName
  /// The watched number rose beyond noise on the same set: the drop is the price of the gain.
  public var primaryRose: Bool
  public var accuracyMisleadsAgainst: String?
}

/// A class's share here against elsewhere: the week compared to, or another set.
public struct ShareShift: Sendable, Equatable {
  public var set: String
  public var label: String
  public var unit: String
  public var share: Double
  public var otherShare: Double
  /// The week compared to (a shift over weeks) ...
  public var otherWeek: ISOWeek?
  /// ... or the reference set (a shift between sets).
  public var otherSet: String?
}

public struct SetsGap: Sendable, Equatable {
  public var metric: MetricName
  public var bestSet: String
  public var best: Double
  public var worstSet: String
  public var worst: Double
}

public struct Overlap: Sendable, Equatable {
  public var test: String
  public var other: String
  public var shared: Int
}
