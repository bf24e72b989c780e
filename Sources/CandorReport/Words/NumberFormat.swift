import CandorAnalysis
import CandorModel
import CandorWorkspace
import Foundation

/// The one way a report writes numbers: percents, points, scores, counts, signed changes,
/// intervals and weeks, in the report's language. Every narrator and template value goes
/// through here, so one quantity reads the same everywhere in a report.
public struct NumberFormat: Sendable {
  public var decimalSeparator: Character
  public var groupingSeparator: String
  /// What follows a percent's digits: "%" in English, " %" (no-break space) in German.
  public var percentSign: String
  /// "point" and "points" (of a percentage), from the phrase catalogue.
  public var point: (one: String, many: String)
  /// Joins the ends of an interval: "to", "bis".
  public var rangeWord: String
  /// An ISO week as the reader writes it, from the phrase catalogue ("{{year}}-W{{week}}").
  public var week: @Sendable (ISOWeek) -> String

  /// Digits to a fixed number of decimals, with the language's decimal separator.
  public func fixed(_ value: Double, _ digits: Int) -> String {
    let text = String(format: "%.\(digits)f", value)
    return decimalSeparator == "." ? text : String(text.map { $0 == "." ? decimalSeparator : $0 })
  }

  /// A threshold in its shortest form ("0.1", "0.05"), with this language's decimal separator.
  public func shortest(_ value: Double) -> String {
    let text = "\(value)"
    return decimalSeparator == "." ? text : String(text.map { $0 == "." ? decimalSeparator : $0 })
  }

  /// "99.6%"; never rounds 99.96% up to 100% or 0.04% down to 0%: that would overstate.
  /// Near either end one more digit; a value still closer to the end than the last digit
  /// shows stops one unit short of it (99.996% reads "99.99%", 0.004% reads "0.01%").
  public func percent(_ value: Double, digits: Int = 1) -> String {
    let scaled = value * 100
    let nearEnd = scaled > 99.9 && scaled < 100 || scaled > 0 && scaled < 0.1
    let places = nearEnd && digits <= 1 ? 2 : digits
    let unit = 1 / pow(10, Double(places))
    let shown = scaled > 0 && scaled < 100 ? min(max(scaled, unit), 100 - unit) : scaled
    return fixed(shown, places) + percentSign
  }

  /// "3.7 points", "1.0 point": the size of a change of a rate, unsigned.
  public func points(_ delta: Double) -> String {
    let value = abs(delta * 100)
    let digits = value < 0.1 && value > 0 ? 2 : 1
    let text = fixed(value, digits)
    return "\(text) \(String(format: "%.\(digits)f", value) == "1.0" ? point.one : point.many)"
  }

  public func signedPoints(_ delta: Double) -> String { signed(points(delta), delta) }

  /// A signed score change with a true minus sign: "+0.050", "−0.024".
  public func signedScore(_ delta: Double) -> String { signed(fixed(abs(delta), 3), delta) }

  /// A signed change of a metric: points for rates, three decimals for scores.
  public func signed(_ delta: Double, isRate: Bool) -> String {
    isRate ? signedPoints(delta) : signedScore(delta)
  }

  public func count(_ value: Int) -> String {
    let digits = Array(String(abs(value)))
    var result = ""
    for (index, digit) in digits.enumerated() {
      if index > 0 && (digits.count - index) % 3 == 0 { result += groupingSeparator }
      result.append(digit)
    }
    return (value < 0 ? "-" : "") + result
  }

  /// A metric value: rates as percents, correlation-like scores as 0.00.
  public func metric(_ value: Double, isRate: Bool) -> String {
    isRate ? percent(value) : fixed(value, 2)
  }

  /// The two ends of a change, written so that they show it: scores to three decimals, as their
  /// change is ("0.824 to 0.805 (−0.019)", not "0.82 to 0.81"), percents to one; a digit more
  /// where that would print both alike, or, `besideChange`, where the ends as printed would not
  /// subtract to the change printed beside them ("0.7684 to 0.7656 (−0.003)", not "0.768 to
  /// 0.766 (−0.003)": each is rounded on its own). A headline or a snippet, which print no
  /// change, keep the shorter ends. A change too small to print (`PrintedPrecision.isNonEvent`) keeps
  /// the values' own precision ("0.69").
  public func changeEnds(
    _ previous: Double, _ current: Double, isRate: Bool, besideChange: Bool = true
  ) -> (previous: String, current: String) {
    if PrintedPrecision.isNonEvent(previous: previous, current: current, isRate: isRate) {
      return (metric(previous, isRate: isRate), metric(current, isRate: isRate))
    }
    // A change large enough to be said shows by the second step (0.0005 of a score, 0.005
    // points of a rate); the digits after that only make the page's arithmetic come out. Two
    // more always do but where the difference sits on a rounding tie of the change itself.
    let steps = isRate ? [1, 2, 3, 4] : [3, 4, 5, 6]
    var ends = ("", "")
    for digits in steps {
      ends =
        isRate
        ? (percent(previous, digits: digits), percent(current, digits: digits))
        : (fixed(previous, digits), fixed(current, digits))
      if ends.0 != ends.1,
        !besideChange || subtract(ends, to: current - previous, isRate: isRate)
      {
        break
      }
    }
    return ends
  }

  /// Whether two printed ends subtract to `delta` as `signed(_:isRate:)` prints it.
  private func subtract(_ ends: (String, String), to delta: Double, isRate: Bool) -> Bool {
    func value(_ text: String) -> Double? {
      let number = text.hasSuffix(percentSign) ? String(text.dropLast(percentSign.count)) : text
      return Double(String(number.map { $0 == decimalSeparator ? "." : $0 }))
    }
    guard let before = value(ends.0), let after = value(ends.1) else { return true }
    return signed(isRate ? (after - before) / 100 : after - before, isRate: isRate)
      == signed(delta, isRate: isRate)
  }

  public func interval(_ range: ClosedRange<Double>, isRate: Bool) -> String {
    "\(metric(range.lowerBound, isRate: isRate)) \(rangeWord) \(metric(range.upperBound, isRate: isRate))"
  }

  /// A cell's share of its row in a confusion matrix: one decimal, "<0.1%" and ">99.9%" at the ends.
  public func shareOfRow(_ share: Double) -> String {
    let value = share * 100
    if value > 0 && value < 0.1 { return "<" + fixed(0.1, 1) + percentSign }
    if value > 99.9 && value < 100 { return ">" + fixed(99.9, 1) + percentSign }
    return fixed(value, 1) + percentSign
  }

  /// A change's size as a sentence shows it: "3.7 points" for rates, "0.024" for scores.
  public func movement(_ delta: Double, isRate: Bool) -> String {
    isRate ? points(delta) : fixed(abs(delta), 3)
  }

  /// English without the catalogue: for `candor diff`, which is written for the team, in English.
  public static let english = NumberFormat(
    decimalSeparator: ".", groupingSeparator: ",", percentSign: "%", point: ("point", "points"),
    rangeWord: "to",
    week: { $0.description })

  /// "+" or "−"; none for exactly zero (an interval that reaches zero reads "0.0 points").
  func sign(_ value: Double) -> String { value > 0 ? "+" : (value < 0 ? "−" : "") }

  /// A magnitude with its sign, none where it prints as zero: an interval end of −0.0002
  /// reads "0.000", not "−0.000".
  func signed(_ magnitude: String, _ value: Double) -> String {
    magnitude.contains(where: { $0.isNumber && $0 != "0" }) ? sign(value) + magnitude : magnitude
  }
}
