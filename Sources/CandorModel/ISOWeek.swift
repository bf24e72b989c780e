import Foundation

/// An ISO-8601 week such as `2026-W48`; only weeks that exist in their year are accepted, in
/// the years 1583 to 9999: ISO 8601 counts weeks in the Gregorian calendar, which began in
/// October 1582 (Foundation's calendar is Julian before it, so earlier dates would mix the two).
public struct ISOWeek: Hashable, Comparable, Sendable, CustomStringConvertible {
  public let year: Int
  public let week: Int

  /// Parses exactly `YYYY-Www`; returns nil for any other shape or a week the year lacks.
  public init?(_ text: String) {
    let bytes = Array(text.utf8)
    guard bytes.count == 8, bytes[4] == UInt8(ascii: "-"), bytes[5] == UInt8(ascii: "W"),
      let year = Int(String(text.prefix(4))), bytes[0...3].allSatisfy({ $0 >= 48 && $0 <= 57 }),
      bytes[6...7].allSatisfy({ $0 >= 48 && $0 <= 57 }), let week = Int(String(text.suffix(2)))
    else { return nil }
    guard year >= Self.firstYear, week >= 1, week <= ISOWeek.weeksIn(year: year) else { return nil }
    self.year = year
    self.week = week
  }

  /// The first year Candor takes: the first whole Gregorian year.
  public static let firstYear = 1583

  /// What a week must look like, for messages.
  public static let expected =
    "expected YYYY-Www for a week that exists, from 1583-W01 to 9999-W52, such as 2026-W48"

  public init?(year: Int, week: Int) {
    self.init(String(format: "%04d-W%02d", year, week))
  }

  public var description: String { String(format: "%04d-W%02d", year, week) }

  /// The week holding `date`, in UTC: `candor add`'s default week.
  public static func current(_ date: Date = Date()) -> ISOWeek {
    var calendar = Calendar(identifier: .iso8601)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
    return ISOWeek(year: parts.yearForWeekOfYear!, week: parts.weekOfYear!)!
  }

  public static func < (lhs: ISOWeek, rhs: ISOWeek) -> Bool {
    (lhs.year, lhs.week) < (rhs.year, rhs.week)
  }

  /// A year has 53 ISO weeks when it starts on a Thursday, or is a leap year starting on a Wednesday.
  public static func weeksIn(year: Int) -> Int {
    func p(_ y: Int) -> Int { (y + y / 4 - y / 100 + y / 400) % 7 }
    return (p(year) == 4 || p(year - 1) == 3) ? 53 : 52
  }

  /// The Monday that starts this week, as `yyyy-MM-dd`, for human-facing dates.
  public var mondayDescription: String {
    // Jan 4th is always in week 1; walk back to its Monday, then forward.
    var calendar = Calendar(identifier: .iso8601)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    var components = DateComponents()
    components.weekOfYear = week
    components.yearForWeekOfYear = year
    components.weekday = 2
    guard let date = calendar.date(from: components) else { return description }
    let parts = calendar.dateComponents([.year, .month, .day], from: date)
    return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
  }
}
