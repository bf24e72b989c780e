import CandorIngest
import CandorMail
import CandorModel
import Foundation

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
