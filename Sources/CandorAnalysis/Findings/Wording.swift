import CandorWorkspace
import Foundation

/// Numbers formatted for people: "99.6%", "1 in 101", "0.4 points", "12,000".
public enum Wording {
    public static func percent(_ value: Double, digits: Int = 1) -> String {
        let scaled = value * 100
        // Never round 99.96% up to "100%" or 0.04% down to "0%": that would overstate.
        if scaled > 99.9 && scaled < 100 && digits <= 1 { return String(format: "%.2f%%", scaled) }
        if scaled > 0 && scaled < 0.1 && digits <= 1 { return String(format: "%.2f%%", scaled) }
        return String(format: "%.\(digits)f%%", scaled)
    }

    public static func points(_ delta: Double) -> String {
        let value = abs(delta * 100)
        let text = String(format: value < 0.1 && value > 0 ? "%.2f" : "%.1f", value)
        return "\(text) point\(text == "1.0" ? "" : "s")"
    }

    public static func signedPoints(_ delta: Double) -> String {
        (delta >= 0 ? "+" : "−") + points(delta)
    }

    /// A signed score change with a true minus sign: "+0.050", "−0.024".
    public static func signedScore(_ delta: Double) -> String {
        (delta >= 0 ? "+" : "−") + String(format: "%.3f", abs(delta))
    }

    public static func count(_ value: Int) -> String {
        let digits = Array(String(abs(value)))
        var result = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { result += "," }
            result.append(digit)
        }
        return (value < 0 ? "-" : "") + result
    }

    /// "1 in 101" for a share of a total.
    public static func oneIn(_ part: Int, of total: Int) -> String {
        guard part > 0 else { return "none of \(count(total))" }
        let ratio = Double(total) / Double(part)
        if ratio < 1.5 { return "\(count(part)) of \(count(total))" }
        return "1 in \(count(Int(ratio.rounded())))"
    }

    /// A metric value for a sentence: rates as percents, correlation-like scores as 0.00.
    public static func metric(_ value: Double, isRate: Bool) -> String {
        isRate ? percent(value) : String(format: "%.2f", value)
    }

    public static func interval(_ range: ClosedRange<Double>, isRate: Bool) -> String {
        "\(metric(range.lowerBound, isRate: isRate)) to \(metric(range.upperBound, isRate: isRate))"
    }

    /// "none of the 4", "all 3", "85 of 120": a count caught out of a total, zero and all worded.
    public static func caught(_ part: Int, of total: Int) -> String {
        if part == 0 { return total == 1 ? "none of the 1" : "none of the \(count(total))" }
        if part == total {
            return total == 1 ? "the only one" : (total == 2 ? "both" : "all \(count(total))")
        }
        return "\(count(part)) of \(count(total))"
    }

    /// A change that is no event: zero, or one that does not show at the precision the values
    /// are printed with (rates to 0.1 of a percent, scores to 0.01). Such a change is never a
    /// finding and never news.
    public static func isNonEvent(previous: Double, current: Double, isRate: Bool) -> Bool {
        if previous == current { return true }
        if metric(previous, isRate: isRate) == metric(current, isRate: isRate) { return true }
        return abs(current - previous) < (isRate ? 0.0005 : 0.005)
    }

    /// A change's size as a sentence shows it: "3.7 points" for rates, "0.024" for scores.
    public static func movement(_ delta: Double, isRate: Bool) -> String {
        isRate ? points(delta) : String(format: "%.3f", abs(delta))
    }

    public static func plural(_ n: Int, _ singular: String, _ pluralForm: String? = nil) -> String {
        "\(count(n)) \(n == 1 ? singular : (pluralForm ?? singular + "s"))"
    }
}

extension MetricName {
    /// Rates read as percents; MCC, kappa and F-scores as plain scores between −1 or 0 and 1.
    public var isRate: Bool {
        switch self {
        case .accuracy, .balancedAccuracy, .precision, .recall, .specificity, .macroRecall: true
        default: false
        }
    }
}
