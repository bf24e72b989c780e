import CandorMail
import CandorWorkspace
import Foundation

/// The moment a week's report is dated for delivery: the Monday after the ISO week, 08:00 UTC,
/// when a weekly cron job sends it. Taken from the week, never the clock, so the email and
/// the PDF are the same bytes on every run.
struct DeliveryDate: Sendable {
  let year: Int
  let month: Int
  let day: Int
  static let hour = 8

  init(after week: ISOWeek) {
    var calendar = Calendar(identifier: .iso8601)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    var components = DateComponents()
    components.weekOfYear = week.week
    components.yearForWeekOfYear = week.year
    components.weekday = 2
    let monday = calendar.date(from: components)!
    let next = calendar.date(byAdding: .day, value: 7, to: monday)!
    let parts = calendar.dateComponents([.year, .month, .day], from: next)
    year = parts.year!
    month = parts.month!
    day = parts.day!
  }

  /// `Mon, 30 Nov 2026 08:00:00 +0000`, for the email's `Date:`.
  var rfc5322: String { MailMessage.date(year: year, month: month, day: day, hour: Self.hour) }

  /// `D:20261130080000+00'00'`, for the PDF's document information.
  var pdf: String {
    String(format: "D:%04d%02d%02d%02d0000+00'00'", year, month, day, Self.hour)
  }
}
