import CandorMail
import CandorModel
import Foundation

extension Contacts {
  init(yaml node: YAMLNode) throws {
    try node.checkKeys(KnownKeys(known: ["to", "cc"]))
    let toNode = try node.required("to")
    let toItems = try toNode.items()
    let ccItems = try node.optional("cc")?.items() ?? []
    let to = try toItems.map { try $0.mailAddress() }
    let cc = try ccItems.map { try $0.mailAddress() }
    guard !to.isEmpty else { throw toNode.error("must list at least one address") }
    var seen = Set<String>()
    for (address, child) in zip(to + cc, toItems + ccItems)
    where !seen.insert(address.address.lowercased()).inserted {
      throw child.error("\(quoted(address.address)) is listed twice in contacts")
    }
    guard to.count + cc.count <= Self.maxRecipients else {
      throw node.error(
        "lists \(to.count + cc.count) addresses; one client's email goes to at most \(Self.maxRecipients)"
      )
    }
    self.init(to: to, cc: cc)
  }
}

extension YAMLNode {
  /// One mailbox, `name@example.com` or `Name <name@example.com>`, or (contract 1.2)
  /// `{name: Dana Müller, address: dana@example.com}`; refused with the reason.
  package func mailAddress() throws -> MailAddress {
    if case .mapping = node {
      try checkKeys(KnownKeys(known: ["name", "address"]))
      let addressNode = try required("address")
      var mailbox = try addressNode.mailAddress()
      guard mailbox.displayName == nil else {
        throw addressNode.error("holds a name as well; give the name under 'name:' only")
      }
      if let nameNode = try optional("name") {
        let name = try nameNode.text().trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty else { throw nameNode.error("is empty; give the contact's name") }
        // The same checks as a name written `Name <a@b>`.
        do {
          mailbox = try MailAddress.parse(
            MailAddress(displayName: name, address: mailbox.address).description)
        } catch {
          throw nameNode.error("\(quoted(name)) \(error.reason)")
        }
      }
      return mailbox
    }
    let text = try self.text()
    do {
      return try MailAddress.parse(text)
    } catch {
      throw self.error("\(quoted(text)) \(error.reason)")
    }
  }
}
