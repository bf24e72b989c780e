import ArgumentParser
import CandorModel
import CandorPipeline
import CandorWorkspace
import Foundation

/// `--pdf` and `--paper`: report.pdf beside report.html.
struct PDFOptions: ParsableArguments {
  @Flag(
    help: ArgumentHelp(
      "Also write report.pdf, printed from report.html by a headless Chromium (chromium, chromium-browser or google-chrome on PATH, or $CANDOR_CHROMIUM)."
    ))
  var pdf = false

  @Option(
    help: ArgumentHelp("Paper size of report.pdf: a4 or letter. Default: a4.", valueName: "size"))
  var paper: Paper?

  /// The printer when a PDF is wanted (`--pdf`, or `also` for `--attach pdf`); fails before
  /// anything is written when no browser is installed.
  func printer(also: Bool = false) throws -> PDFPrinter? {
    guard pdf || also else { return nil }
    return try PDFPrinter.locate(paper: paper ?? .a4)
  }

  /// `--paper` where no PDF is printed would be ignored without a word: a usage error instead.
  /// `alternative`: the other flag that prints one ("--attach pdf"), named in the message.
  func checkPaper(printing also: Bool, alternative: String? = nil) throws {
    guard paper != nil, !pdf, !also else { return }
    throw ValidationError(
      "--paper sets report.pdf's paper size, and no report.pdf is printed; add --pdf"
        + (alternative.map { " or \($0)" } ?? ""))
  }
}

/// `--send`, `--sendmail`, `--resend` and `--attach`: the weekly email.
struct SendOptions: ParsableArguments {
  @Flag(
    help: ArgumentHelp(
      "Send each client's email.eml with the local mail transfer agent (sendmail -t -i), once per client and week; sent.json records it."
    ))
  var send = false

  @Option(
    name: .customLong("sendmail"),
    help: ArgumentHelp(
      "The command that sends a message read on standard input, run by /bin/sh -c; it must take the recipients from the headers. Default: $CANDOR_SENDMAIL, else 'sendmail -t -i'.",
      valueName: "command"))
  var sendmail: String?

  @Flag(help: "Send again even when sent.json says the email for this week already went.")
  var resend = false

  @Option(
    help: ArgumentHelp(
      "What the email carries: html (report.html), pdf (report.pdf, printed as by --pdf) or none. Default: html, or none with --report-url (the snippet links to the report).",
      valueName: "html|pdf|none"))
  var attach: Attachment?

  func validate() throws {
    if let sendmail, sendmail.trimmingCharacters(in: .whitespaces).isEmpty {
      throw ValidationError("--sendmail names no command; give one such as 'msmtp -t'")
    }
    if !send && sendmail != nil {
      throw ValidationError("--sendmail is the command --send uses; add --send")
    }
    if !send && resend { throw ValidationError("--resend sends again; add --send") }
  }

  func attachment(reportURL: String?) -> Attachment {
    attach ?? (reportURL == nil ? .html : .none)
  }

  /// The email settings, reading candor.yaml; nil when no email is wanted.
  func settings(_ workspace: Workspace, reportURL: String?, wanted: Bool) throws
    -> Delivery.EmailSettings?
  {
    guard wanted else { return nil }
    let sender = try workspace.config()
    // Once, before any client: without a sender no email can be written.
    _ = try WeeklyEmail.from(sender)
    return Delivery.EmailSettings(
      sender: sender, attach: attachment(reportURL: reportURL),
      sendmail: send ? Sendmail.choose(option: sendmail) : nil, resend: resend)
  }
}
