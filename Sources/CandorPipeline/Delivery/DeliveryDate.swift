import CandorMail
import CandorModel
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

/// The email's `Date:`: when the message was first written for this client and week. A rerun
/// into the same folder keeps it (email.eml's own header), so the bytes stay the same and a
/// message is never dated in the future; `SOURCE_DATE_EPOCH` fixes it for reproducible runs.
package enum MessageDate {
  static func header(keptIn folder: String, now: Date = Date()) -> String {
    if let kept = kept(in: folder) { return kept }
    if let epoch = ProcessInfo.processInfo.environment["SOURCE_DATE_EPOCH"].flatMap(Int.init),
      epoch >= 0, epoch < 253_402_300_800
    {
      return format(Date(timeIntervalSince1970: TimeInterval(epoch)))
    }
    return format(now)
  }

  /// `Sun, 06 Dec 2026 15:47:37 +0000`.
  package static func format(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    return MailMessage.date(
      year: parts.year!, month: parts.month!, day: parts.day!, hour: parts.hour!,
      minute: parts.minute!, second: parts.second!)
  }

  /// The `Date:` of an email.eml Candor wrote before, when it reads as one Candor writes.
  static func kept(in folder: String) -> String? {
    guard let handle = FileHandle(forReadingAtPath: folder + "/email.eml") else { return nil }
    defer { try? handle.close() }
    guard let head = try? handle.read(upToCount: 8192),
      let text = String(data: head, encoding: .utf8)
    else { return nil }
    for line in text.split(separator: "\r\n").prefix(40) where line.hasPrefix("Date: ") {
      let value = String(line.dropFirst(6))
      return value.wholeMatch(of: datePattern) != nil ? value : nil
    }
    return nil
  }

  static var datePattern: Regex<(Substring, Substring, Substring)> {
    /(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d \+0000/
  }
}
