/// One mailbox: an optional display name and an address (`Name <name@example.com>`).
///
/// Only what a header can carry safely is accepted: the address is a dot-atom
/// (`local.part@host.example`, ASCII, no quoted local parts or IP literals), and nothing may hold
/// a line break or control character. The display name is kept as written and is quoted or
/// encoded when a header is written, so no name can add a header or a recipient.
public struct MailAddress: Sendable, Hashable, CustomStringConvertible {
  public var displayName: String?
  public var address: String

  /// Longest display name accepted, in characters; a header stays readable and bounded.
  public static let maxDisplayName = 200

  public init(displayName: String? = nil, address: String) {
    self.displayName = displayName
    self.address = address
  }

  /// As written in a configuration file: `name@example.com` or `Name <name@example.com>`.
  public var description: String {
    displayName.map { "\($0) <\(address)>" } ?? address
  }

  /// The domain after the `@`.
  public var domain: Substring { address[address.index(after: address.lastIndex(of: "@")!)...] }

  /// Parses `name@example.com`, `Name <name@example.com>` or `"Name" <name@example.com>`;
  /// the error is the reason, to follow the quoted value in a message.
  public static func parse(_ text: String) throws(MailAddressProblem) -> MailAddress {
    if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
      throw .controlCharacter
    }
    let trimmed = text.trimmingSpaces
    guard !trimmed.isEmpty else { throw .empty }
    guard trimmed.hasSuffix(">"), let open = trimmed.firstIndex(of: "<") else {
      guard isAddrSpec(trimmed) else { throw problem(trimmed) }
      return MailAddress(address: trimmed)
    }
    let address = String(
      trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)])
    var name = Substring(trimmed[..<open].trimmingSpaces)
    if name.count >= 2, name.first == "\"", name.last == "\"" {
      name = name.dropFirst().dropLast()
    }
    guard !name.contains(where: { "<>\"\\".contains($0) }) else { throw .displayName }
    guard name.count <= maxDisplayName else { throw .displayNameTooLong }
    guard isAddrSpec(address) else { throw problem(address) }
    return MailAddress(displayName: name.isEmpty ? nil : String(name), address: address)
  }

  private static func problem(_ address: String) -> MailAddressProblem {
    address.unicodeScalars.contains { !$0.isASCII } ? .notASCII : .notAnAddress
  }

  /// `local@domain`: a dot-atom local part of at most 64 characters, a host name of labels
  /// (letters, digits, inner hyphens) with at least one dot, 254 characters in all.
  static func isAddrSpec(_ text: String) -> Bool {
    let parts = text.split(separator: "@", omittingEmptySubsequences: false)
    guard parts.count == 2, text.utf8.count <= 254, parts[0].utf8.count <= 64 else { return false }
    let atext = Set(
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")
    let local = parts[0].split(separator: ".", omittingEmptySubsequences: false)
    guard local.allSatisfy({ !$0.isEmpty && $0.allSatisfy { atext.contains($0) } }) else {
      return false
    }
    let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
    let hostChars = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-")
    return labels.count >= 2
      && labels.allSatisfy { label in
        (1...63).contains(label.count) && label.allSatisfy { hostChars.contains($0) }
          && label.first != "-" && label.last != "-"
      }
  }
}

/// Why a text is not a mailbox Candor writes into a header.
public enum MailAddressProblem: Error, Sendable, Equatable {
  case empty, controlCharacter, notAnAddress, notASCII, displayName, displayNameTooLong

  public var reason: String {
    switch self {
    case .empty: "is empty; expected an address such as name@example.com"
    case .controlCharacter:
      "contains a line break or control character; an address is written on one line"
    case .notAnAddress:
      "is not an email address; expected name@example.com or Name <name@example.com>"
    case .notASCII:
      "has characters outside ASCII in the address itself; write the domain in its xn-- form (only the name before <…> may use any characters)"
    case .displayName:
      "has <, >, \" or \\ in the name before <address>; write the name without them"
    case .displayNameTooLong:
      "has a name longer than \(MailAddress.maxDisplayName) characters"
    }
  }
}

extension StringProtocol {
  var trimmingSpaces: String {
    String(drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
  }
}
