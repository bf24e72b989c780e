import CandorMail
import CandorTestSupport
import Foundation
import XCTest

/// The message writer: structure, encodings, line lengths and headers no text can break.
final class MailMessageTests: XCTestCase {
  func message(
    subject: String = "Acme Motors: model quality, week 2026-W48",
    to: [MailAddress] = [MailAddress(displayName: "Dana Müller", address: "dana@acme.example")],
    text: String = "Engine failure: recall went up.\n", attachment: MailMessage.Attachment? = nil
  ) -> MailMessage {
    MailMessage(
      from: MailAddress(displayName: "Candor Reports", address: "reports@candor.example"),
      replyTo: nil, to: to, cc: [MailAddress(address: "quality@acme.example")], subject: subject,
      date: MailMessage.date(year: 2026, month: 11, day: 30, hour: 8),
      messageID: "candor.2026-W48.acme.0123456789abcdef@candor.example", text: text,
      html: "<p>Engine failure</p>\n", attachment: attachment)
  }

  func rendered(_ message: MailMessage) -> String {
    String(decoding: message.rendered(), as: UTF8.self)
  }

  func testHeadersInOrderWithNonASCIINamesEncoded() {
    let (headers, _) = MIMEDecoder.split(rendered(message()))
    XCTAssertEqual(
      headers.map(\.0),
      [
        "Date", "From", "To", "Cc", "Subject", "Message-ID", "Auto-Submitted", "MIME-Version",
        "Content-Type",
      ])
    XCTAssertEqual(headers[0].1, "Mon, 30 Nov 2026 08:00:00 +0000")
    XCTAssertEqual(headers[2].1, "=?UTF-8?B?RGFuYSBNw7xsbGVy?= <dana@acme.example>")
    XCTAssertEqual(MIMEDecoder.decodeWords(headers[2].1), "Dana Müller <dana@acme.example>")
    XCTAssertEqual(headers[4].1, "Acme Motors: model quality, week 2026-W48")
    XCTAssertEqual(headers[5].1, "<candor.2026-W48.acme.0123456789abcdef@candor.example>")
  }

  func testAlternativeWithoutAttachmentMixedWithOne() {
    let plain = MIMEDecoder.leaves(rendered(message()))
    XCTAssertEqual(
      plain.map { $0.header("Content-Type")! },
      ["text/plain; charset=utf-8", "text/html; charset=utf-8"])
    XCTAssertTrue(rendered(message()).contains("Content-Type: multipart/alternative;"))
    XCTAssertFalse(rendered(message()).contains("multipart/mixed"))

    let report =
      Data("<!DOCTYPE html><p>Größe: 5 = 5</p>\n".utf8) + Data(repeating: 0x41, count: 300)
    let attached = message(
      attachment: .init(
        fileName: "report.html", contentType: "text/html; charset=utf-8", data: report))
    let parts = MIMEDecoder.leaves(rendered(attached))
    XCTAssertEqual(parts.count, 3)
    XCTAssertEqual(parts[0].body, Data("Engine failure: recall went up.\r\n".utf8))
    XCTAssertEqual(parts[1].body, Data("<p>Engine failure</p>\r\n".utf8))
    XCTAssertEqual(parts[2].body, report, "the attachment decodes to the same bytes")
    XCTAssertEqual(
      parts[2].header("Content-Disposition"), "attachment; filename=\"report.html\"")
    XCTAssertEqual(parts[2].header("Content-Transfer-Encoding"), "base64")
  }

  func testSameFieldsSameBytes() {
    XCTAssertEqual(message().rendered(), message().rendered())
  }

  func testEveryLineWithinLimitsAndEndingInCRLF() {
    let long = String(repeating: "ünïcödé naming ", count: 40)
    let text = String(repeating: "x", count: 500) + " trailing space \n=\nFrom here\n.\n" + long
    let raw = rendered(
      message(
        subject: long,
        to: [MailAddress(displayName: long.prefix(150) + "", address: "a@b.example")],
        text: text))
    XCTAssertFalse(raw.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "bare LF")
    XCTAssertFalse(raw.replacingOccurrences(of: "\r\n", with: "").contains("\r"), "bare CR")
    for line in raw.components(separatedBy: "\r\n") {
      XCTAssertLessThanOrEqual(line.utf8.count, 78, line)
      XCTAssertTrue(line.utf8.allSatisfy { $0 < 0x80 }, "non-ASCII on the wire: \(line)")
    }
    let parts = MIMEDecoder.leaves(raw)
    XCTAssertEqual(
      String(decoding: parts[0].body, as: UTF8.self),
      text.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n")
    let (headers, _) = MIMEDecoder.split(raw)
    XCTAssertEqual(MIMEDecoder.decodeWords(headers.first { $0.0 == "Subject" }!.1), long)
  }

  func testQuotedPrintableGuardsWhatMailStoresMangle() {
    XCTAssertEqual(
      QuotedPrintable.encode("From here\n.\nend \na=b\n"),
      "=46rom here\r\n=2E\r\nend=20\r\na=3Db\r\n")
    XCTAssertEqual(QuotedPrintable.encode("Größe\n"), "Gr=C3=B6=C3=9Fe\r\n")
  }

  func testBase64MatchesFoundation() {
    for count in 0..<7 {
      let bytes = Data((0..<count).map { UInt8($0 * 37 % 256) })
      XCTAssertEqual(Base64.encode(bytes), bytes.base64EncodedString())
    }
  }

  func testNoTextCanAddAHeader() {
    let hostile = "Acme\r\nBcc: victim@evil.example\nX-Injected: yes"
    let raw = rendered(message(subject: hostile))
    let (headers, _) = MIMEDecoder.split(raw)
    XCTAssertFalse(headers.contains { $0.0 == "Bcc" || $0.0 == "X-Injected" })
    XCTAssertEqual(MIMEDecoder.decodeWords(headers.first { $0.0 == "Subject" }!.1), hostile)
    // A display name with a comma, quotes and an address inside stays one mailbox.
    let tricky = MailAddress(displayName: "x@evil.example, Eve", address: "eve@acme.example")
    let to = MIMEDecoder.split(rendered(message(to: [tricky]))).headers.first { $0.0 == "To" }!.1
    XCTAssertEqual(to, "\"x@evil.example, Eve\" <eve@acme.example>")
  }

  func testDatesNameTheirWeekday() {
    XCTAssertEqual(
      MailMessage.date(year: 2026, month: 11, day: 30, hour: 8), "Mon, 30 Nov 2026 08:00:00 +0000")
    XCTAssertEqual(
      MailMessage.date(year: 2024, month: 2, day: 29, hour: 8), "Thu, 29 Feb 2024 08:00:00 +0000")
    XCTAssertEqual(
      MailMessage.date(year: 2027, month: 1, day: 4, hour: 8), "Mon, 04 Jan 2027 08:00:00 +0000")
  }
}
