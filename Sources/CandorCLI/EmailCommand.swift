import ArgumentParser
import CandorModel
import CandorPipeline
import CandorWorkspace
import Foundation

/// `candor email`: one client's weekly email, written as email.eml beside the report, and
/// with `--send` handed to the local mail transfer agent.
struct EmailCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "email",
    abstract:
      "Write one client's weekly email (email.eml, with the report) and, with --send, send it.",
    discussion: """
      The message is built from the client's own report and client.yaml's contacts: {to: [...], \
      cc: [...]}; the sender is candor.yaml's from: (and reply_to:) at the workspace root. It holds the \
      text and HTML snippet and, unless --report-url links to the report instead, report.html as an \
      attachment. Date and Message-ID come from the client and week, so a rerun writes the same bytes. \
      With --send the message goes to 'sendmail -t -i' (or --sendmail, or $CANDOR_SENDMAIL) after the \
      report is written; sent.json records it and a rerun does not send again unless --resend. \
      Exit status: 0 written (and sent), 1 input problem or a failure to send, 2 usage error.

      Example: candor email Samples --client acme-motors --report-url https://reports.example.com --send
      """
  )

  @OptionGroup var report: ReportOptions

  @OptionGroup var delivery: SendOptions

  func validate() throws {
    try report.printing.checkPaper(
      printing: delivery.attach == .pdf, alternative: "--attach pdf")
  }

  func run() async throws {
    let (workspace, templates) = try report.workspace.open()
    do {
      let attach = delivery.attachment(reportURL: report.link.reportURL)
      let plan = Delivery(
        printer: try report.printing.printer(also: attach == .pdf),
        email: try delivery.settings(workspace, reportURL: report.link.reportURL, wanted: true))
      let (result, folder) = try report.run(in: workspace, templates: templates)
      let outcome = try plan.deliver(result, to: folder)
      let recipients = (result.config.contacts?.to ?? []) + (result.config.contacts?.cc ?? [])
      let list = recipients.map(\.address).joined(separator: ", ")
      if report.output.quiet { return }
      switch outcome {
      case .written:
        print(
          "Wrote the \(result.week) email for \(report.target.client) to \(folder)/email.eml (to \(list))"
        )
      case .sent:
        print(
          "Sent the \(result.week) email for \(report.target.client) to \(list); \(folder)/sent.json records it"
        )
      case .alreadySent(let when):
        print(
          "Wrote \(folder)/email.eml; not sent: it already went at \(when) (\(folder)/sent.json); --resend sends it again"
        )
      }
    } catch {
      Diagnostics.error(error)
      throw ExitCode.failure
    }
  }
}
