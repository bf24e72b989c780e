import CandorMail
import CandorWorkspace
import Foundation

/// What a run delivers beyond the report's files: report.pdf, email.eml, and the email sent.
/// Order per client: compute everything, write the folder (atomically), then send, then
/// record the sending, so a message never goes out for a report that was not written.
struct Delivery: Sendable {
  /// Set for `--pdf` (and `--attach pdf`).
  var printer: PDFPrinter?
  var email: EmailSettings?

  struct EmailSettings: Sendable {
    var sender: WorkspaceConfig
    var attach: Attachment
    /// Set for `--send`.
    var sendmail: Sendmail?
    var resend: Bool
  }

  enum Outcome: Equatable {
    case written
    case sent
    case alreadySent(String)
  }

  /// The message could not be handed to the MTA; the report and email.eml were written.
  struct SendFailure: LocalizedError {
    var folder: String
    var reason: String
    var errorDescription: String? { "\(folder)/email.eml was written but not sent: \(reason)" }
  }

  @discardableResult
  func deliver(_ result: ClientRun.Result, to folder: String) throws -> Outcome {
    var files = result.outputs.files.map { ($0.name, Data($0.contents.utf8)) }
    var pdf: Data?
    if let printer {
      let printed = try printer.print(
        html: result.outputs.reportHTML, footer: result.outputs.printFooter,
        date: DeliveryDate(after: result.week))
      files.append(("report.pdf", printed))
      pdf = printed
    }
    guard let email else {
      try OutputWriter(folder: folder).write(data: files)
      result.history.store()
      return .written
    }
    let message = try WeeklyEmail.message(
      result, sender: email.sender, attach: email.attach, pdf: pdf,
      date: MessageDate.header(keptIn: folder))
    let eml = message.rendered()
    files.append(("email.eml", eml))
    try OutputWriter(folder: folder).write(data: files)
    result.history.store()
    guard let sendmail = email.sendmail else { return .written }
    if !email.resend, let sentAt = SentRecord.sentAt(in: folder) { return .alreadySent(sentAt) }
    do {
      try sendmail.send(eml)
    } catch {
      throw SendFailure(folder: folder, reason: Diagnostics.lines(of: error).joined(separator: " "))
    }
    let record = SentRecord(
      client: result.analysis.clientID, week: result.week.description,
      messageID: "<\(message.messageID)>",
      recipients: (message.to + message.cc).map(\.address), sentAt: SentRecord.now())
    files.append((SentRecord.fileName, try record.encoded()))
    try OutputWriter(folder: folder).write(data: files)
    return .sent
  }
}
