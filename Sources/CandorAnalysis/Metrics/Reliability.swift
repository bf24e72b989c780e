import Foundation

/// A reliability diagram's data: predicted probabilities in 10 equal bins, against how often
/// the event happened. Binary: the positive class's probability against being positive;
/// multiclass: the predicted class's probability against the prediction being right.
public struct Reliability: Sendable, Equatable {
  public struct Bin: Sendable, Equatable {
    /// `[low, high)`; the last bin is closed on the right.
    public var low: Double
    public var high: Double
    public var examples: Int
    /// Nil for an empty bin.
    public var meanPredicted: Double?
    public var observedRate: Double?
    public var events: Int
  }

  /// Whether "a 30% risk" from the model means about 30%.
  public enum Verdict: Sendable, Equatable {
    /// Every bin with enough examples agrees (`binsChecked` of them).
    case trustworthy(binsChecked: Int)
    /// The bin (index into `bins`) that is furthest off among those that disagree.
    case off(bin: Int)
    /// No bin holds enough examples to tell.
    case tooFew
  }

  public static let binCount = 10
  /// A bin is judged only with at least this many examples.
  public static let minimumExamples = 30
  /// A bin agrees when its observed rate is within this of its mean predicted probability...
  public static let tolerance = 0.05

  public var bins: [Bin]
  public var verdict: Verdict

  /// - Parameters: `probability` and `happened` of each example.
  public init(probabilities: [Double], happened: [Bool]) {
    var tally = Tally()
    for (p, hit) in zip(probabilities, happened) { tally.add(p, happened: hit) }
    self.init(tally)
  }

  /// Examples counted into the bins one at a time, in the order given.
  struct Tally {
    var count = [Int](repeating: 0, count: Reliability.binCount)
    var sum = [Double](repeating: 0, count: Reliability.binCount)
    var events = [Int](repeating: 0, count: Reliability.binCount)

    @inline(__always)
    mutating func add(_ p: Double, happened: Bool) {
      let bin = min(Reliability.binCount - 1, max(0, Int(p * Double(Reliability.binCount))))
      count[bin] += 1
      sum[bin] += p
      if happened { events[bin] += 1 }
    }
  }

  init(_ tally: Tally) {
    let (count, sum, events) = (tally.count, tally.sum, tally.events)
    bins = (0..<Self.binCount).map { b in
      Bin(
        low: Double(b) / Double(Self.binCount), high: Double(b + 1) / Double(Self.binCount),
        examples: count[b], meanPredicted: count[b] > 0 ? sum[b] / Double(count[b]) : nil,
        observedRate: count[b] > 0 ? Double(events[b]) / Double(count[b]) : nil, events: events[b])
    }
    verdict = Self.judge(bins)
  }

  /// ...or when its mean predicted probability lies within the 95% Wilson interval of its
  /// observed rate (a bin of 40 examples cannot be asked to land within 5 points).
  public static func agrees(_ bin: Bin) -> Bool {
    guard let predicted = bin.meanPredicted, let observed = bin.observedRate else { return true }
    if abs(observed - predicted) <= tolerance { return true }
    return Proportions.wilson(bin.events, bin.examples).contains(predicted)
  }

  static func judge(_ bins: [Bin]) -> Verdict {
    let judged = bins.indices.filter { bins[$0].examples >= minimumExamples }
    guard !judged.isEmpty else { return .tooFew }
    let off = judged.filter { !agrees(bins[$0]) }
    guard
      let worst = off.max(by: {
        gap(bins[$0]) < gap(bins[$1])
      })
    else { return .trustworthy(binsChecked: judged.count) }
    return .off(bin: worst)
  }

  static func gap(_ bin: Bin) -> Double {
    abs((bin.observedRate ?? 0) - (bin.meanPredicted ?? 0))
  }
}
