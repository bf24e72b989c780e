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
  public func percent(_ value: Double, digits: Int = 1) -> String {
    let scaled = value * 100
    if scaled > 99.9 && scaled < 100 && digits <= 1 { return fixed(scaled, 2) + percentSign }
    if scaled > 0 && scaled < 0.1 && digits <= 1 { return fixed(scaled, 2) + percentSign }
    return fixed(scaled, digits) + percentSign
  }

  /// "3.7 points", "1.0 point": the size of a change of a rate, unsigned.
  public func points(_ delta: Double) -> String {
    let value = abs(delta * 100)
    let digits = value < 0.1 && value > 0 ? 2 : 1
    let text = fixed(value, digits)
    return "\(text) \(String(format: "%.\(digits)f", value) == "1.0" ? point.one : point.many)"
  }

  public func signedPoints(_ delta: Double) -> String { sign(delta) + points(delta) }

  /// A signed score change with a true minus sign: "+0.050", "−0.024".
  public func signedScore(_ delta: Double) -> String { sign(delta) + fixed(abs(delta), 3) }

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

  /// The two ends of a change, written so that they show it and subtract to what it says:
  /// scores to three decimals, as their change is ("0.824 to 0.805 (−0.019)", not "0.82 to
  /// 0.81"); percents to one decimal, or two where one would print both alike.
  public func changeEnds(_ previous: Double, _ current: Double, isRate: Bool) -> (
    previous: String, current: String
  ) {
    guard isRate else { return (fixed(previous, 3), fixed(current, 3)) }
    let short = (percent(previous), percent(current))
    return short.0 != short.1 ? short : (percent(previous, digits: 2), percent(current, digits: 2))
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
}
