import CandorModel
import Foundation

/// Metrics from one score per class (`class_scores:`), as scikit-learn computes them with
/// `labels=classes`: one-vs-rest macro ROC AUC and top-2 accuracy.
public enum ClassScoreMetrics {
  /// `top_k_accuracy_score(y, P, k=2)`, example by example (1 or 0).
  ///
  /// scikit-learn ranks classes with a stable argsort of the scores, reversed, its columns in
  /// the sorted order of the labels (it refuses `labels` given in any other): among equal
  /// scores the class later in that order ranks first. So the true class misses the top two
  /// when two classes score above it, or score equal to it and sort after it (`sortedRank`:
  /// each class's place in that order).
  public static func top2Hits(_ scores: ClassScores, sortedRank rank: [Int]) -> [Double] {
    let k = scores.classes
    var hits = [Double](repeating: 0, count: scores.rows)
    for row in 0..<scores.rows {
      let label = Int(scores.labels[row])
      let own = scores.score(row, label)
      var ahead = 0
      for other in 0..<k where other != label {
        let s = scores.score(row, other)
        if s > own || (s == own && rank[other] > rank[label]) { ahead += 1 }
      }
      hits[row] = ahead < 2 ? 1 : 0
    }
    return hits
  }

  /// Each class's place among `names` sorted as `np.unique` sorts the labels scikit-learn
  /// read: as numbers when every name is one (pandas writes integer and float classes so),
  /// else by Unicode code points.
  public static func sortedRank(_ names: [String]) -> [Int] {
    let numbers = names.map { Double($0) }
    let numeric = numbers.allSatisfy { $0 != nil }
    let order = names.indices.sorted { a, b in
      numeric
        ? numbers[a]! < numbers[b]!
        : names[a].unicodeScalars.map(\.value).lexicographicallyPrecedes(
          names[b].unicodeScalars.map(\.value))
    }
    var rank = [Int](repeating: 0, count: names.count)
    for (place, index) in order.enumerated() { rank[index] = place }
    return rank
  }

  /// `roc_auc_score(y, P, multi_class="ovr", average="macro", labels=classes)`: the mean of
  /// each class's ROC AUC against the rest (ties count half). Nil, with the first class that
  /// has no example, when a class is absent from the truth (scikit-learn: undefined, NaN).
  ///
  /// Also each example's pseudo-value `A + N·ψᵢ`, ψ the example's influence on the macro AUC
  /// (DeLong's placements, every class at once): their mean is `A`, their spread gives a
  /// variance that keeps the covariance between classes, and they pair across weeks.
  public static func macroROCAUC(_ scores: ClassScores) -> (
    value: Double, pseudoValues: [Double]
  )? {
    let n = scores.rows
    let k = scores.classes
    var support = [Int](repeating: 0, count: k)
    for label in scores.labels { support[Int(label)] += 1 }
    guard support.allSatisfy({ $0 > 0 && $0 < n }) else { return nil }
    var influence = [Double](repeating: 0, count: n)
    var total = 0.0
    var order = Array(0..<n)
    for c in 0..<k {
      order.sort { scores.score($0, c) < scores.score($1, c) }
      let positives = Double(support[c])
      let negatives = Double(n - support[c])
      // Placements: a positive's share of negatives below it, a negative's share of positives
      // above it, ties counted half.
      var placement = [Double](repeating: 0, count: n)
      var negativesBelow = 0
      var start = 0
      while start < n {
        let s = scores.score(order[start], c)
        var end = start
        var groupPositives = 0
        while end < n && scores.score(order[end], c) == s {
          if Int(scores.labels[order[end]]) == c { groupPositives += 1 }
          end += 1
        }
        let groupNegatives = end - start - groupPositives
        for index in order[start..<end] where Int(scores.labels[index]) == c {
          placement[index] = (Double(negativesBelow) + 0.5 * Double(groupNegatives)) / negatives
        }
        negativesBelow += groupNegatives
        start = end
      }
      var positivesAbove = 0
      var end = n
      while end > 0 {
        let s = scores.score(order[end - 1], c)
        var begin = end
        var groupPositives = 0
        while begin > 0 && scores.score(order[begin - 1], c) == s {
          if Int(scores.labels[order[begin - 1]]) == c { groupPositives += 1 }
          begin -= 1
        }
        for index in order[begin..<end] where Int(scores.labels[index]) != c {
          placement[index] = (Double(positivesAbove) + 0.5 * Double(groupPositives)) / positives
        }
        positivesAbove += groupPositives
        end = begin
      }
      var auc = 0.0
      for index in 0..<n where Int(scores.labels[index]) == c { auc += placement[index] }
      auc /= positives
      total += auc
      for index in 0..<n {
        let isPositive = Int(scores.labels[index]) == c
        influence[index] += (placement[index] - auc) / (isPositive ? positives : negatives)
      }
    }
    let value = total / Double(k)
    let scale = Double(n) / Double(k)
    return (value, influence.map { value + scale * $0 })
  }

  /// The first class with no example in the truth (why ROC AUC over classes is undefined).
  public static func absentClass(_ scores: ClassScores) -> Int? {
    var seen = [Bool](repeating: false, count: scores.classes)
    for label in scores.labels { seen[Int(label)] = true }
    return seen.firstIndex(of: false)
  }
}
