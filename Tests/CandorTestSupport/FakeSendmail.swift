import Foundation

/// A stand-in for `sendmail -t -i` that keeps every message it is handed, one file each, and
/// fails instead when `failing` is set.
public struct FakeSendmail {
  public let folder: String
  /// The `--sendmail` value that runs it.
  public let command: String

  public init(failing: Bool = false) {
    folder = NSTemporaryDirectory() + "candor-mail-" + UUID().uuidString
    try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let script = folder + "/sendmail"
    let body =
      failing
      ? "#!/bin/sh\ncat >/dev/null\necho 'sendmail: cannot connect to mail.example: Connection refused' >&2\nexit 75\n"
      : "#!/bin/sh\ncat > \"$(dirname \"$0\")/message-$(date +%s%N)-$$.eml\"\n"
    _ = FileManager.default.createFile(
      atPath: script, contents: Data(body.utf8), attributes: [.posixPermissions: 0o755])
    command = script
  }

  /// The messages received so far, as text.
  public func messages() -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.filter { $0.hasSuffix(".eml") }.sorted().map {
      String(decoding: FileManager.default.contents(atPath: folder + "/" + $0)!, as: UTF8.self)
    }
  }
}
