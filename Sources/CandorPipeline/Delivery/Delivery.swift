import CandorMail
import CandorModel
import CandorWorkspace
import Foundation

/// What a run delivers beyond the report's files: report.pdf, email.eml, and the email sent.
/// Order per client: compute everything, write the folder (atomically), then send, then
/// record the sending, so a message never goes out for a report that was not written.
package struct Delivery: Sendable {
  /// Set for `--pdf` (and `--attach pdf`).
  package var printer: PDFPrinter?
  package var email: EmailSettings?

  package struct EmailSettings: Sendable {
    package var sender: WorkspaceConfig
    var attach: Attachment
    /// Set for `--send`.
    package var sendmail: Sendmail?
    var resend: Bool

    package init(
      sender: WorkspaceConfig, attach: Attachment, sendmail: Sendmail?, resend: Bool
    ) {
      self.sender = sender
      self.attach = attach
      self.sendmail = sendmail
      self.resend = resend
    }
  }

  package enum Outcome: Equatable {
    case written
    case sent
    case alreadySent(String)
  }

  /// The message could not be handed to the MTA; the report and email.eml were written.
  package struct SendFailure: LocalizedError {
    var folder: String
    var reason: String
    package var errorDescription: String? {
      "\(folder)/email.eml was written but not sent: \(reason)"
    }
  }

  @discardableResult
  package func deliver(_ result: ClientRun.Result, to folder: String) throws -> Outcome {
    var files = result.outputs.files.map { ($0.name, Data($0.contents.utf8)) }
    var pdf: Data?
    if let printer {
      let printed = try printer.print(
        html: result.outputs.reportHTML, footer: result.outputs.printFooter,
        date: DeliveryDate(after: result.week))
      files.append(("report.pdf", printed))
      pdf = printed
    }
    // From writing the folder to recording the send, one run at a time per client: a concurrent
    // rewrite could otherwise drop a sent.json written meanwhile, or send the email twice.
    return try ClientLock.holding(weekFolder: folder) {
      try write(result, files: files, pdf: pdf, to: folder)
    }
  }

  private func write(
    _ result: ClientRun.Result, files: [(String, Data)], pdf: Data?, to folder: String
  ) throws -> Outcome {
    var files = files
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
    let client = result.analysis.clientID
    let week = result.week.description
    // With --resend a damaged or foreign record is replaced, as the error about it advises.
    let earlier =
      email.resend
      ? (try? SentRecord.read(in: folder, client: client, week: week)) ?? nil
      : try SentRecord.read(in: folder, client: client, week: week)
    if let earlier, !email.resend {
      switch earlier.state {
      case .sent: return .alreadySent(earlier.sentAt ?? "an earlier run")
      case .sending:
        throw SendFailure(
          folder: folder,
          reason:
            "an earlier run handed this week's email (\(earlier.messageID)) to the mail command at \(earlier.startedAt ?? "an unknown time") and did not learn whether it went; it may have. Check the mailbox or the MTA's log; to send it again, rerun with --resend"
        )
      }
    }
    var record = SentRecord(
      state: .sending, client: client, week: week, messageID: "<\(message.messageID)>",
      recipients: (message.to + message.cc).map(\.address), startedAt: SentRecord.now(),
      sentAt: nil)
    try record.write(in: folder)
    do {
      try sendmail.send(eml)
    } catch {
      let reason = Diagnostics.lines(of: error).joined(separator: " ")
      guard (error as? DeliveryError)?.mayHaveSent != true else {
        // Stopped mid-way: the `sending` record stays, so a rerun asks before sending again.
        throw SendFailure(
          folder: folder,
          reason:
            "\(reason); it may have gone, so \(SentRecord.fileName) says 'sending' and a rerun sends again only with --resend"
        )
      }
      // The MTA refused the message or never started: nothing went, so the record is as before.
      if let earlier {
        try? earlier.write(in: folder)
      } else {
        unlink("\(folder)/\(SentRecord.fileName)")
      }
      throw SendFailure(folder: folder, reason: reason)
    }
    record.state = .sent
    record.sentAt = SentRecord.now()
    do {
      try record.write(in: folder)
    } catch {
      throw SendRecordError(
        "the email to \(record.recipients.joined(separator: ", ")) was sent (\(record.messageID)), but \(Diagnostics.lines(of: error).joined(separator: " ")); \(SentRecord.fileName) still says 'sending', so a rerun will not send it again without --resend"
      )
    }
    return .sent
  }

  package init(printer: PDFPrinter? = nil, email: EmailSettings? = nil) {
    self.printer = printer
    self.email = email
  }
}
