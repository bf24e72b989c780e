import Foundation

/// An RFC 5322 message with a MIME body: `multipart/alternative` (plain text, then HTML) and,
/// when there is an attachment, both inside `multipart/mixed`.
///
/// The bytes depend only on the fields: there is no clock and no random boundary, so the
/// same message is the same bytes on every run. Lines end in CRLF; the text parts are
/// quoted-printable, the attachment base64, so no body line passes 76 characters and no
/// body line can be a boundary (a boundary holds `=_`, which neither encoding produces).
public struct MailMessage: Sendable {
  public struct Attachment: Sendable {
    public var fileName: String
    /// Such as `text/html; charset=utf-8` or `application/pdf`.
    public var contentType: String
    public var data: Data

    public init(fileName: String, contentType: String, data: Data) {
      self.fileName = fileName
      self.contentType = contentType
      self.data = data
    }
  }

  public var from: MailAddress
  public var replyTo: MailAddress?
  public var to: [MailAddress]
  public var cc: [MailAddress]
  public var subject: String
  /// RFC 5322 date-time, as `MailMessage.date(…)` writes it.
  public var date: String
  /// Without the angle brackets: `id@domain`.
  public var messageID: String
  public var text: String
  public var html: String
  public var attachment: Attachment?

  public init(
    from: MailAddress, replyTo: MailAddress?, to: [MailAddress], cc: [MailAddress],
    subject: String, date: String, messageID: String, text: String, html: String,
    attachment: Attachment?
  ) {
    self.from = from
    self.replyTo = replyTo
    self.to = to
    self.cc = cc
    self.subject = subject
    self.date = date
    self.messageID = messageID
    self.text = text
    self.html = html
    self.attachment = attachment
  }

  static let mixedBoundary = "=_candor_mixed"
  static let alternativeBoundary = "=_candor_alternative"

  /// The message as it is stored in `email.eml`, lines ending in CRLF.
  public func rendered() -> Data {
    Data((headers() + body()).utf8)
  }

  /// Every header, in a fixed order.
  public func headers() -> String {
    var lines = [
      "Date: " + date,
      HeaderField.addresses("From", [from]),
    ]
    if let replyTo { lines.append(HeaderField.addresses("Reply-To", [replyTo])) }
    lines.append(HeaderField.addresses("To", to))
    if !cc.isEmpty { lines.append(HeaderField.addresses("Cc", cc)) }
    lines += [
      HeaderField.unstructured("Subject", subject),
      "Message-ID: <\(messageID)>",
      // RFC 3834: written by a program, so vacation responders stay quiet.
      "Auto-Submitted: auto-generated",
      "MIME-Version: 1.0",
    ]
    return lines.joined(separator: "\r\n") + "\r\n"
  }

  /// The last header, the top-level `Content-Type`, a blank line, then the parts.
  func body() -> String {
    let alternative = multipart(
      "alternative", boundary: Self.alternativeBoundary,
      parts: [
        leaf("text/plain; charset=utf-8", "quoted-printable", QuotedPrintable.encode(text)),
        leaf("text/html; charset=utf-8", "quoted-printable", QuotedPrintable.encode(html)),
      ])
    guard let attachment else { return alternative }
    let name = "\"\(attachment.fileName)\""
    let file = leaf(
      "\(attachment.contentType); name=\(name)", "base64", Base64.lines(attachment.data),
      disposition: "attachment; filename=\(name)")
    return multipart("mixed", boundary: Self.mixedBoundary, parts: [alternative, file])
  }

  private func leaf(
    _ type: String, _ encoding: String, _ content: String, disposition: String? = nil
  ) -> String {
    var head = "Content-Type: \(type)\r\nContent-Transfer-Encoding: \(encoding)\r\n"
    if let disposition { head += "Content-Disposition: \(disposition)\r\n" }
    return head + "\r\n" + content
  }

  private func multipart(_ subtype: String, boundary: String, parts: [String]) -> String {
    var out = "Content-Type: multipart/\(subtype); boundary=\"\(boundary)\"\r\n\r\n"
    // The line break before a delimiter belongs to the delimiter (RFC 2046 section 5.1.1),
    // so each part's own last line break is kept by adding one.
    for part in parts { out += "--\(boundary)\r\n" + part + "\r\n" }
    return out + "--\(boundary)--\r\n"
  }

  /// `Mon, 30 Nov 2026 08:00:00 +0000` for a day and hour in UTC.
  public static func date(
    year: Int, month: Int, day: Int, hour: Int, minute: Int = 0, second: Int = 0
  ) -> String {
    let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
    let months = [
      "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    // Zeller-style weekday (Sakamoto's method), 0 = Sunday.
    let offsets = [0, 3, 2, 5, 0, 3, 5, 1, 4, 6, 2, 4]
    let y = month < 3 ? year - 1 : year
    let weekday = (y + y / 4 - y / 100 + y / 400 + offsets[month - 1] + day) % 7
    func two(_ n: Int) -> String { String(n).leftPadded(to: 2) }
    return
      "\(days[weekday]), \(two(day)) \(months[month - 1]) \(year) \(two(hour)):\(two(minute)):\(two(second)) +0000"
  }
}
