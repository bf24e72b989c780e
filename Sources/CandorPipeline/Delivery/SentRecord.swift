import CandorIngest
import CandorModel
import CandorWorkspace
import Foundation

/// `sent.json` beside email.eml: the journal of one week's email. Written `sending`, durably,
/// before the mail command is called, and turned into `sent` once the MTA has accepted the
/// message; carried across every later rewrite of the folder, so a rerun neither sends again
/// nor forgets a send that may have happened.
struct SentRecord: Codable, Sendable, Equatable {
  static let fileName = "sent.json"
  /// Contract 1.2: every JSON output carries `schema_version`.
  static let schemaVersion = 1

  enum State: String, Codable, Sendable {
    /// Handed to the mail command; whether the MTA accepted it is not known yet.
    case sending
    case sent
  }

  var state: State
  var client: String
  var week: String
  var messageID: String
  var recipients: [String]
  /// UTC, `2026-11-30T08:00:04Z`, when the mail command was called; the clock is the one
  /// time-dependent value Candor writes.
  var startedAt: String?
  /// UTC, when the MTA accepted the message.
  var sentAt: String?
  var schemaVersion = SentRecord.schemaVersion

  enum CodingKeys: String, CodingKey {
    case state, client, week, recipients
    case schemaVersion = "schema_version"
    case messageID = "message_id"
    case startedAt = "started_at"
    case sentAt = "sent_at"
  }

  init(
    state: State, client: String, week: String, messageID: String, recipients: [String],
    startedAt: String?, sentAt: String?
  ) {
    (self.state, self.client, self.week, self.messageID, self.recipients) = (
      state, client, week, messageID, recipients
    )
    (self.startedAt, self.sentAt) = (startedAt, sentAt)
  }

  /// Records written before the journal (Candor 1.2) have no `state`: they were sent.
  init(from decoder: any Decoder) throws {
    let values = try decoder.container(keyedBy: CodingKeys.self)
    state = try values.decodeIfPresent(State.self, forKey: .state) ?? .sent
    client = try values.decode(String.self, forKey: .client)
    week = try values.decode(String.self, forKey: .week)
    messageID = try values.decode(String.self, forKey: .messageID)
    recipients = try values.decode([String].self, forKey: .recipients)
    startedAt = try values.decodeIfPresent(String.self, forKey: .startedAt)
    sentAt = try values.decodeIfPresent(String.self, forKey: .sentAt)
    // Records written before 1.2's schema_version have none; a later schema is not guessed at.
    schemaVersion = try values.decodeIfPresent(Int.self, forKey: .schemaVersion) ?? 1
    guard schemaVersion == Self.schemaVersion else {
      throw DecodingError.dataCorruptedError(
        forKey: .schemaVersion, in: values,
        debugDescription: "schema_version \(schemaVersion) is not one this Candor reads")
    }
    guard state == .sending || sentAt != nil else {
      throw DecodingError.dataCorruptedError(
        forKey: .sentAt, in: values, debugDescription: "a sent record says when")
    }
  }

  func encoded() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    return try encoder.encode(self) + Data("\n".utf8)
  }

  /// The record in `folder`, nil when there is none. Anything there that is not this client's
  /// and this week's record is an error naming the file: taking it as "sent" could lose a
  /// client's email, taking it as "not sent" could send one twice.
  static func read(in folder: String, client: String, week: String) throws -> SentRecord? {
    let path = "\(folder)/\(fileName)"
    var info = stat()
    guard lstat(path, &info) == 0 else { return nil }
    let problem = { (why: String) in
      SendRecordError(
        "\(path) \(why); check whether this week's email went (the mailbox, or the MTA's log), then remove the file or rerun with --resend"
      )
    }
    guard case .success(let data) = FileSystem.readRegularFile(path, limit: 1 << 20) else {
      throw problem("is not a regular file Candor can read as its record of sending")
    }
    guard let record = try? JSONDecoder().decode(SentRecord.self, from: data) else {
      if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
        let version = object["schema_version"] as? Int, version != schemaVersion
      {
        throw problem(
          "has schema_version \(version), which this Candor (\(schemaVersion)) does not read; it was written by another version"
        )
      }
      throw problem("is not Candor's record of sending (it does not parse as one)")
    }
    guard record.client == client, record.week == week else {
      throw problem(
        "records the email of \(quoted(record.client)) for \(quoted(record.week)), not of \(quoted(client)) for \(week)"
      )
    }
    return record
  }

  /// Replaces the record in `folder` by this one so that it survives a crash or power loss:
  /// written to a temporary file, flushed, renamed over, and the folder flushed.
  package func write(in folder: String) throws {
    let path = "\(folder)/\(Self.fileName)"
    let temporary = "\(folder)/.\(Self.fileName).\(getpid())"
    do {
      try OutputWriter.writeDurably(try encoded(), to: temporary)
    } catch {
      unlink(temporary)
      throw error
    }
    guard rename(temporary, path) == 0 else {
      let code = errno
      unlink(temporary)
      throw SendRecordError.cannotWrite(path, code)
    }
    try? OutputWriter.syncFolder(folder)
  }

  static func now() -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date())
  }
}

struct SendRecordError: LocalizedError {
  package var message: String
  init(_ message: String) { self.message = message }
  var errorDescription: String? { message }

  static func cannotWrite(_ path: String, _ code: Int32) -> SendRecordError {
    SendRecordError("\(path) cannot be written: \(String(cString: strerror(code)))")
  }
}

/// An exclusive lock per client, held from writing the report folder to recording the send:
/// two runs into one `--out` (two batches, or `email --send` twice at once) take turns, so the
/// second finds the first's record instead of sending again. The lock is the client's output
/// folder itself (`flock` works on a folder), so it adds no file; the kernel releases it when
/// the process ends, however it ends.
enum ClientLock {
  /// Runs `body` holding the lock on the folder that holds `weekFolder`, waiting if need be.
  static func holding<Result>(weekFolder: String, _ body: () throws -> Result) throws -> Result {
    let parent = (weekFolder as NSString).deletingLastPathComponent
    try OutputWriter.makeFolders(parent)
    let descriptor = open(parent, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw OutputError(
        path: parent,
        reason: errno == ELOOP || errno == ENOTDIR
          ? "is a symbolic link; Candor does not write through links (remove it, or give --out the real folder)"
          : "cannot be opened: \(String(cString: strerror(errno)))")
    }
    defer { close(descriptor) }
    while flock(descriptor, LOCK_EX) != 0 {
      guard errno == EINTR else {
        throw OutputError(
          path: parent, reason: "cannot be locked: \(String(cString: strerror(errno)))")
      }
    }
    return try body()
  }
}
