import CandorMail
import Foundation

/// `candor.yaml` at the workspace root (contract 1.1, optional): who sends the clients' emails.
/// It holds no client data; every client's email reads it.
public struct WorkspaceConfig: Sendable, Equatable {
  /// `from:`, the sender of every email; nil when the file or the key is absent.
  public var from: MailAddress?
  /// `reply_to:`, where answers go when not to `from`.
  public var replyTo: MailAddress?
  /// Whether the workspace has a `candor.yaml` at all, for the message when `from:` is missing.
  public var fileExists = false
  /// `sender_name:` (contract 1.2), who signs the clients' emails; else `from:`'s name.
  public var senderName: String? = nil
  /// `team:` (contract 1.2), the only addresses a team digest may go to.
  public var team: [MailAddress] = []

  /// The name an email closes with.
  public var signature: String? { senderName ?? from?.displayName }

  public static let fileName = "candor.yaml"

  public init(from: MailAddress? = nil, replyTo: MailAddress? = nil, fileExists: Bool = false) {
    self.from = from
    self.replyTo = replyTo
    self.fileExists = fileExists
  }
}
