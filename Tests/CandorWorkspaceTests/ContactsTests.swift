import CandorMail
import CandorModel
import CandorTestSupport
import CandorWorkspace
import Foundation
import XCTest

/// `contacts:` in client.yaml and the workspace's `candor.yaml` (contract 1.1): strict keys,
/// addresses checked, every problem naming file, line and key.
final class ContactsTests: XCTestCase {
  func contacts(_ yaml: String) -> String {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: [:])
    workspace.write("clients/acme/client.yaml", FixtureWorkspace.binaryClientYAML + "\n" + yaml)
    do {
      let config = try ClientWorkspace.open(try Workspace(path: workspace.root), id: "acme").config
      return config.contacts.map { "\(($0.to + $0.cc).map(\.description))" } ?? "none"
    } catch {
      return (error as? LocalizedError)?.errorDescription ?? "\(error)"
    }
  }

  func sender(_ yaml: String?) -> String {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: [:])
    if let yaml { workspace.write("candor.yaml", yaml) }
    do {
      let config = try Workspace(path: workspace.root).config()
      return
        "from \(config.from?.description ?? "-"), reply to \(config.replyTo?.description ?? "-")"
    } catch {
      return (error as? LocalizedError)?.errorDescription ?? "\(error)"
    }
  }

  func testContactsAreRead() {
    XCTAssertEqual(
      contacts("contacts:\n  to: [Dana Müller <dana@acme.example>]\n  cc: [ops@acme.example]\n"),
      "[\"Dana Müller <dana@acme.example>\", \"ops@acme.example\"]")
    XCTAssertEqual(contacts(""), "none")
  }

  func testContactsProblemsNameLineAndKey() {
    XCTAssertEqual(
      contacts("contacts:\n  to: [dana@acme.example]\n  bcc: [x@y.example]\n"),
      "clients/acme/client.yaml:16: key 'contacts': unknown key 'bcc' (did you mean 'cc'?)")
    XCTAssertEqual(
      contacts("contacts:\n  cc: [dana@acme.example]\n"),
      "clients/acme/client.yaml:15: key 'contacts.to': is required but missing")
    XCTAssertEqual(
      contacts("contacts:\n  to: []\n"),
      "clients/acme/client.yaml:15: key 'contacts.to': must list at least one address")
    XCTAssertEqual(
      contacts("contacts:\n  to: dana@acme.example\n"),
      "clients/acme/client.yaml:15: key 'contacts.to': expected a list")
    XCTAssertEqual(
      contacts("contacts:\n  to: [dana@acme]\n"),
      "clients/acme/client.yaml:15: key 'contacts.to[0]': 'dana@acme' is not an email address; expected name@example.com or Name <name@example.com>"
    )
    XCTAssertEqual(
      contacts("contacts:\n  to: [\"dana@acme.example\\nBcc: eve@evil.example\"]\n"),
      "clients/acme/client.yaml:15: key 'contacts.to[0]': 'dana@acme.example\\nBcc: eve@evil.example' contains a line break or control character; an address is written on one line"
    )
    XCTAssertEqual(
      contacts("contacts:\n  to: [\"dana@acme.example\\r\\nBcc: eve@evil.example\"]\n"),
      "clients/acme/client.yaml:15: contains the control character U+000D (written as an escape); Candor's text allows tabs and line breaks only"
    )
    XCTAssertEqual(
      contacts("contacts:\n  to: [dana@acme.example]\n  cc: [Dana <DANA@acme.example>]\n"),
      "clients/acme/client.yaml:16: key 'contacts.cc[0]': 'DANA@acme.example' is listed twice in contacts"
    )
    XCTAssertEqual(
      contacts("contacts:\n  to: [a@b.example]\n  to: [c@d.example]\n"),
      "clients/acme/client.yaml:16: key 'to' appears twice in one mapping; keep one"
    )
  }

  func testAtMostFiftyRecipients() {
    let fifty = (0..<50).map { "r\($0)@acme.example" }
    XCTAssertEqual(
      contacts("contacts:\n  to: [\(fifty.joined(separator: ", "))]\n").hasPrefix("[\"r0@"), true)
    XCTAssertEqual(
      contacts("contacts:\n  to: [\(fifty.joined(separator: ", "))]\n  cc: [extra@acme.example]\n"),
      "clients/acme/client.yaml:15: key 'contacts': lists 51 addresses; one client's email goes to at most 50"
    )
  }

  func testCandorYAMLIsOptionalAndStrict() {
    XCTAssertEqual(sender(nil), "from -, reply to -")
    XCTAssertEqual(
      sender("from: Candor Reports <reports@candor.example>\nreply_to: team@candor.example\n"),
      "from Candor Reports <reports@candor.example>, reply to team@candor.example")
    XCTAssertEqual(
      sender("from: reports@candor.example\nreplyto: team@candor.example\n"),
      "candor.yaml:2: unknown key 'replyto' (did you mean 'reply_to'?)")
    XCTAssertEqual(
      sender("from: a@candor.example\nfrom: b@candor.example\n"),
      "candor.yaml:2: key 'from' appears twice in one mapping; keep one")
    XCTAssertEqual(
      sender("from: reports\n"),
      "candor.yaml:1: key 'from': 'reports' is not an email address; expected name@example.com or Name <name@example.com>"
    )
    XCTAssertEqual(
      sender("base: &a reports@candor.example\nfrom: *a\n"),
      "candor.yaml:2: uses the alias '*a'; aliases are not accepted in Candor's YAML files (write the value out)"
    )
  }
}

/// Contract 1.2: a contact by name and address, who signs the email, the team's addresses.
extension ContactsTests {
  var base: ContactsTests { self }

  func testAContactMayBeANameAndAnAddress() {
    XCTAssertEqual(
      base.contacts(
        "contacts:\n  to: [{name: Dana Müller, address: dana@acme.example}, ops@acme.example]\n"),
      "[\"Dana Müller <dana@acme.example>\", \"ops@acme.example\"]")
    XCTAssertEqual(
      base.contacts("contacts:\n  to: [{name: Dana, adress: dana@acme.example}]\n"),
      "clients/acme/client.yaml:15: key 'contacts.to[0]': unknown key 'adress' (did you mean 'address'?)"
    )
    XCTAssertEqual(
      base.contacts("contacts:\n  to: [{name: Dana}]\n"),
      "clients/acme/client.yaml:15: key 'contacts.to[0].address': is required but missing")
  }

  func testSenderNameAndTeamAreRead() throws {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: [:])
    workspace.write(
      "candor.yaml",
      "from: Reports <r@candor.example>\nsender_name: Dana's team at Candor\nteam: [ml@candor.example]\n"
    )
    let config = try Workspace(path: workspace.root).config()
    XCTAssertEqual(config.signature, "Dana's team at Candor")
    XCTAssertEqual(config.team.map(\.address), ["ml@candor.example"])
    workspace.write("candor.yaml", "from: Reports <r@candor.example>\n")
    XCTAssertEqual(try Workspace(path: workspace.root).config().signature, "Reports")
    XCTAssertEqual(
      base.sender("from: r@candor.example\nsender_name: \"\"\n"),
      "candor.yaml:2: key 'sender_name': expected a name of 1 to 200 characters without control characters"
    )
  }
}
