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

extension Workspace {
  /// Reads `candor.yaml` with the same checks as client.yaml (size, depth, aliases, duplicate
  /// and unknown keys); an absent file is an empty configuration.
  public func config() throws -> WorkspaceConfig {
    let file = WorkspaceConfig.fileName
    var info = stat()
    guard lstat(path + "/" + file, &info) == 0 else { return WorkspaceConfig() }
    let data: Data
    switch FileSystem.readRegularFile(path + "/" + file, limit: Limits.maxYAMLBytes) {
    case .success(let read): data = read
    case .failure(let problem): throw InputError(file: file, problem.reason)
    }
    let root = try YAMLNode.parse(data, file: file)
    try root.checkKeys(KnownKeys(known: ["from", "reply_to", "sender_name", "team"]))
    var config = WorkspaceConfig(
      from: try root.optional("from")?.mailAddress(),
      replyTo: try root.optional("reply_to")?.mailAddress(), fileExists: true)
    if let nameNode = try root.optional("sender_name") {
      let name = try nameNode.text().trimmingCharacters(in: .whitespaces)
      guard !name.isEmpty, name.count <= MailAddress.maxDisplayName,
        !name.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
      else {
        throw nameNode.error(
          "expected a name of 1 to \(MailAddress.maxDisplayName) characters without control characters"
        )
      }
      config.senderName = name
    }
    if let teamNode = try root.optional("team") {
      config.team = try teamNode.items().map { try $0.mailAddress() }
    }
    return config
  }
}
