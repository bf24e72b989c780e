import Foundation

/// Resampling of confusion matrices: each resample draws `n` examples from the observed
/// cell frequencies (a multinomial over the cells), which costs O(cells), not O(n).
public struct Bootstrap: Sendable {
    public static let resamples = 2000

    /// The 2.5th and 97.5th percentiles, widened to contain `estimate`. When almost no
    /// resample had a value (a class too rare to appear in most of them), the data cannot pin
    /// the metric down, and the interval is the metric's whole range, `bounds`.
    static func percentile(_ values: [Double], containing estimate: Double, bounds: ClosedRange<Double> = 0...1) -> ClosedRange<Double> {
        guard values.count >= 20 else { return min(bounds.lowerBound, estimate)...max(bounds.upperBound, estimate) }
        let sorted = values.sorted()
        func at(_ q: Double) -> Double {
            let position = q * Double(sorted.count - 1)
            let low = Int(position.rounded(.down)), high = min(sorted.count - 1, low + 1)
            return sorted[low] + (sorted[high] - sorted[low]) * (position - Double(low))
        }
        return min(at(0.025), estimate)...max(at(0.975), estimate)
    }

    /// For a bootstrap distribution of a difference: an interval centred on `estimate` with the
    /// resamples' spread, and the two-sided p-value of "no change" from the normal approximation.
    static func differenceSummary(_ deltas: [Double], estimate: Double) -> (ci: ClosedRange<Double>, p: Double)? {
        guard deltas.count >= 20 else { return nil }
        let mean = deltas.reduce(0, +) / Double(deltas.count)
        let variance = deltas.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(deltas.count - 1)
        let spread = percentile(deltas.map { $0 - mean + estimate }, containing: estimate, bounds: -2...2)
        guard variance > 0 else { return estimate == 0 ? (spread, 1) : nil }
        return (spread, Normal.twoSidedP(estimate / variance.squareRoot()))
    }
}
