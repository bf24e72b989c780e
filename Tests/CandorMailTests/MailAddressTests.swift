import CandorMail
import XCTest

/// Addresses from client.yaml and candor.yaml: what is accepted, and why the rest is not.
final class MailAddressTests: XCTestCase {
  func parse(_ text: String) -> String {
    do {
      return "\(try MailAddress.parse(text))"
    } catch {
      return error.reason
    }
  }

  func testAcceptedForms() throws {
    XCTAssertEqual(
      try MailAddress.parse("dana@acme.example"), MailAddress(address: "dana@acme.example"))
    XCTAssertEqual(
      try MailAddress.parse("Dana Müller <dana.mueller@acme.example>"),
      MailAddress(displayName: "Dana Müller", address: "dana.mueller@acme.example"))
    XCTAssertEqual(
      try MailAddress.parse("\"Operations, Nordic\" <ops+weekly@nordic-fleet.example>"),
      MailAddress(displayName: "Operations, Nordic", address: "ops+weekly@nordic-fleet.example"))
    XCTAssertEqual(try MailAddress.parse("<ops@x.example>"), MailAddress(address: "ops@x.example"))
  }

  func testRefusedWithTheReason() {
    let notAnAddress =
      "is not an email address; expected name@example.com or Name <name@example.com>"
    for text in [
      "dana", "dana@", "@acme.example", "dana@localhost", "da..na@acme.example",
      ".dana@acme.example",
      "dana@-acme.example", "dana@acme..example", "\"quoted local\"@acme.example",
      "dana@[127.0.0.1]",
      "Evil <a@b.example>, victim@c.example", "a@b.example, c@d.example", "Name <dana>",
    ] {
      XCTAssertEqual(parse(text), notAnAddress, text)
    }
    XCTAssertEqual(parse(""), "is empty; expected an address such as name@example.com")
    XCTAssertEqual(parse("  "), "is empty; expected an address such as name@example.com")
    for text in ["a@b.example\r\nBcc: c@d.example", "Dana\n <a@b.example>", "a@b.example\u{0}"] {
      XCTAssertEqual(
        parse(text), "contains a line break or control character; an address is written on one line"
      )
    }
    XCTAssertEqual(
      parse("dana@müller.example"),
      "has characters outside ASCII in the address itself; write the domain in its xn-- form (only the name before <…> may use any characters)"
    )
    XCTAssertEqual(
      parse("Da\"na <a@b.example>"),
      "has <, >, \" or \\ in the name before <address>; write the name without them")
    XCTAssertEqual(
      parse(String(repeating: "n", count: 201) + " <a@b.example>"),
      "has a name longer than 200 characters")
    XCTAssertEqual(
      parse(String(repeating: "a", count: 65) + "@b.example"), notAnAddress, "local part over 64")
  }
}
