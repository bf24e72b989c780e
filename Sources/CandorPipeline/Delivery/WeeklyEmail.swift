import CandorHTML
import CandorMail
import CandorModel
import CandorReport
import CandorWorkspace
import Foundation

/// `--attach`: what the email carries besides the snippet.
public enum Attachment: String, CaseIterable, Sendable {
  case html, pdf, none

  var reportAttachment: ReportAttachment {
    switch self {
    case .html: .html
    case .pdf: .pdf
    case .none: .none
    }
  }
}

/// The weekly email of one client, built from that client's own report and contacts only
/// (and the workspace's sender): isolation by construction, since nothing else is passed in.
package enum WeeklyEmail {
  /// - Parameter pdf: report.pdf's bytes, needed when `attach` is `.pdf`.
  /// - Parameter date: the `Date:` header (`MessageDate`).
  package static func message(
    _ result: ClientRun.Result, sender: WorkspaceConfig, attach: Attachment, pdf: Data?,
    date: String
  ) throws -> MailMessage {
    let client = result.analysis.clientID
    let from = try self.from(sender)
    guard let contacts = result.config.contacts else {
      throw DeliveryError(
        "clients/\(client)/client.yaml: key 'contacts' is missing; add 'contacts: {to: [name@client.example]}' to say who receives this client's email"
      )
    }
    let outputs = result.outputs
    var attachment: MailMessage.Attachment?
    switch attach {
    case .html:
      attachment = .init(
        fileName: "report.html", contentType: "text/html; charset=utf-8",
        data: Data(outputs.reportHTML.utf8))
    case .pdf:
      attachment = pdf.map {
        .init(fileName: "report.pdf", contentType: "application/pdf", data: $0)
      }
    case .none: break
    }
    let body = try outputs.emailBody(
      attachment: attachment == nil ? .none : attach.reportAttachment,
      contactName: contacts.to.first?.displayName, signature: sender.signature)
    let html = document(
      fragment: body.html, title: outputs.emailSubject, language: result.language.code)
    var digest = FNV1a.hash(body.text.utf8)
    digest = FNV1a.hash(html.utf8, seed: digest)
    digest = FNV1a.hash(attachment?.data ?? Data(), seed: digest)
    return MailMessage(
      from: from, replyTo: sender.replyTo, to: contacts.to, cc: contacts.cc,
      subject: outputs.emailSubject, date: date,
      messageID: messageID(client: client, week: result.week, digest: digest, domain: from.domain),
      text: body.text, html: html, attachment: attachment)
  }

  /// candor.yaml's `from:`, or an error saying where to add it.
  package static func from(_ sender: WorkspaceConfig) throws -> MailAddress {
    guard let from = sender.from else {
      throw DeliveryError(
        sender.fileExists
          ? "candor.yaml: key 'from' is missing; add 'from: Reports <reports@your-company.example>' to candor.yaml at the workspace root (the sender of every client's email)"
          : "candor.yaml: is missing; create it at the workspace root with 'from: Reports <reports@your-company.example>' (the sender of every client's email)"
      )
    }
    return from
  }

  /// `candor.2026-W48.acme-motors.<16 hex digits>@<sender's domain>`: the client and week, and a
  /// digest of the content, so a rerun keeps the id and a corrected report gets a new one.
  static func messageID(client: String, week: ISOWeek, digest: UInt64, domain: Substring) -> String
  {
    let hex = String(digest, radix: 16)
    return
      "candor.\(week).\(client).\(String(repeating: "0", count: 16 - hex.count))\(hex)@\(domain)"
  }

  /// The snippet fragment as a whole HTML document, as mail programs expect a text/html part.
  static func document(fragment: String, title: String, language: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="\(HTML.escape(language))">
    <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <title>\(HTML.escape(title))</title>
    </head>
    <body style="margin:0;padding:16px;background-color:#ffffff;">
    \(fragment)</body>
    </html>

    """
  }
}
