import CandorHTML
import CandorMail
import CandorModel
import CandorReport
import CandorWorkspace
import Foundation

/// `candor batch --send --digest-to <address>`: one message to the team with the portfolio,
/// each client as its status line only (never a client's numbers), and only to an address
/// listed in candor.yaml's `team:`, so a typo cannot send it to a client.
package enum TeamDigest {
  /// The address as candor.yaml's `team:` lists it, or an error saying where to add it.
  package static func recipient(_ address: String, sender: WorkspaceConfig) throws -> MailAddress {
    let wanted = address.lowercased()
    guard let member = sender.team.first(where: { $0.address.lowercased() == wanted }) else {
      throw PortfolioError(
        sender.team.isEmpty
          ? "candor.yaml: key 'team' is missing; list the team's addresses there (team: [\(address)]) before --digest-to can send to one"
          : "--digest-to \(address): is not in candor.yaml's team: (\(sender.team.map(\.address).joined(separator: ", "))); the digest goes only to the team"
      )
    }
    return member
  }

  /// - Parameter words: the English catalogue, whose `status_*` words the status lines use.
  package static func message(
    _ rows: [PortfolioRow], to recipient: MailAddress, sender: WorkspaceConfig, date: String,
    words: Words
  ) throws -> MailMessage {
    let from = try WeeklyEmail.from(sender)
    let ordered = rows.portfolioOrder()
    var text = "Portfolio of this batch: \(PortfolioPage.summary(ordered))\n\n"
    for row in ordered {
      text += "\(row.name ?? row.client) (\(row.client))"
      text += row.week.map { ", \($0)" } ?? ""
      if let error = row.error {
        text += ": failed: \(error)\n"
        continue
      }
      let statuses = row.tasks.map { "\($0.name) \(words.phrase(.status($0.status)))" }
      text += ": " + statuses.joined(separator: "; ")
      text += row.email.map { " (email \($0.rawValue))" } ?? ""
      text += "\n"
    }
    let html = WeeklyEmail.document(
      fragment: PortfolioPage.table(ordered, words: words), title: "Portfolio of this batch",
      language: "en")
    var digest = FNV1a.hash(text.utf8)
    digest = FNV1a.hash(html.utf8, seed: digest)
    let hex = String(digest, radix: 16)
    return MailMessage(
      from: from, replyTo: sender.replyTo, to: [recipient], cc: [],
      subject: "Candor portfolio: \(PortfolioPage.summary(ordered))", date: date,
      messageID:
        "candor.digest.\(String(repeating: "0", count: 16 - hex.count))\(hex)@\(from.domain)",
      text: text, html: html, attachment: nil)
  }
}
