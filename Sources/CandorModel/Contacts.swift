import CandorMail
import Foundation

/// `contacts: {to: [...], cc: [...]}` in client.yaml (contract 1.1): who receives the
/// client's weekly email.
public struct Contacts: Sendable, Equatable {
  public var to: [MailAddress]
  public var cc: [MailAddress]

  /// Most addresses one client's email goes to, `to` and `cc` together.
  public static let maxRecipients = 50

  public init(to: [MailAddress], cc: [MailAddress] = []) {
    self.to = to
    self.cc = cc
  }
}
