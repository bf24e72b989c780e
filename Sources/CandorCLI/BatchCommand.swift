import ArgumentParser
import CandorMail
import CandorModel
import CandorPipeline
import CandorReport
import CandorWorkspace
import Foundation

/// `candor batch`: every client's report, in parallel, each in isolation.
struct BatchCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "batch",
    abstract: "Write the weekly report of every client in the workspace.",
    discussion: """
      Each client runs in isolation: it reads only its own folder (plus the shared templates), and \
      one client's failure never stops another's. Failures are named on standard error with the file \
      and reason; the exit status is 1 if any client failed. A rerun on unchanged input rewrites no file.

      Spread the work over N machines with --shard K/N on machine K (1-based); each client belongs to \
      exactly one shard, by a stable hash of its id.

      With --send each client's weekly email (see candor email) is written beside its report and \
      handed to the mail transfer agent right after that report is written; a client whose email \
      cannot be sent is named on standard error, the others still go, and the exit status is 1.

      Every batch also writes <out>/index.html, the portfolio: one row per client, the ones that \
      need attention first (a failed run, a task worse, too few examples to tell, then steady and \
      better), each task's status and trend, the email's state and links to both editions; and \
      <out>/batch.json, the same for machines. A shard writes index-K-of-N.html and \
      batch-K-of-N.json; --merge-index joins them.

      Example: candor batch Samples --jobs 2 --out reports
      """
  )

  @OptionGroup var options: WorkspaceOptions

  @OptionGroup var link: ReportURLOptions

  @OptionGroup var language: LocaleOptions

  @OptionGroup var printing: PDFOptions

  @OptionGroup var delivery: SendOptions

  @Option(
    help: ArgumentHelp(
      "ISO week such as 2026-W48. Default: each client's latest week.", valueName: "week"))
  var week: String?

  @Option(help: ArgumentHelp("Output folder.", valueName: "dir"))
  var out: String = "reports"

  // Unconditional: `--jobs -1` is a value to refuse by name, not a missing one.
  @Option(
    parsing: .unconditional,
    help: ArgumentHelp(
      "Clients processed in parallel. Default: the number of cores.", valueName: "n"))
  var jobs: Int?

  @Option(help: ArgumentHelp("Process only shard K of N, e.g. 2/4.", valueName: "K/N"))
  var shard: Shard?

  @Option(
    name: .customLong("digest-to"),
    help: ArgumentHelp(
      "With --send, also send the team one message with the portfolio (each client's status lines only); the address must be in candor.yaml's team:.",
      valueName: "address"))
  var digestTo: String?

  @Option(
    name: .customLong("merge-index"),
    help: ArgumentHelp(
      "Run no client: join the shards' batch-K-of-N.json in this folder into its index.html and batch.json.",
      valueName: "out"))
  var mergeIndex: String?

  @OptionGroup var output: OutputVerbosity

  func validate() throws {
    _ = try Arguments.week(week)
    try Arguments.out(out, workspace: options.workspace)
    guard (jobs ?? 1) >= 1 else { throw ValidationError("--jobs must be at least 1") }
    if digestTo != nil && !delivery.send {
      throw ValidationError("--digest-to sends the team's digest; add --send")
    }
    if delivery.attach != nil && !delivery.send {
      throw ValidationError("--attach chooses what each email carries; add --send")
    }
    try printing.checkPaper(
      printing: delivery.send && delivery.attach == .pdf, alternative: "--send --attach pdf")
  }

  func run() async throws {
    let (workspace, templates) = try options.open()
    if let mergeIndex {
      do {
        let joined = try PortfolioFiles.merge(
          out: mergeIndex, templates: try templates.workspaceLibrary())
        if !output.quiet {
          print("Joined \(joined) clients into \(mergeIndex)/index.html and batch.json.")
        }
        return
      } catch {
        Diagnostics.error(error)
        throw ExitCode.failure
      }
    }
    let plan: Delivery
    do {
      let attach = delivery.attachment(reportURL: link.reportURL)
      plan = Delivery(
        printer: try printing.printer(also: delivery.send && attach == .pdf),
        email: try delivery.settings(
          workspace, reportURL: link.reportURL, wanted: delivery.send))
    } catch {
      Diagnostics.error(error)
      throw ExitCode.failure
    }
    var digestRecipient: MailAddress?
    if let digestTo, let email = plan.email {
      do {
        digestRecipient = try TeamDigest.recipient(digestTo, sender: email.sender)
      } catch {
        Diagnostics.error(error)
        throw ExitCode.failure
      }
    }
    let requested = try Arguments.week(week)
    let clients = try workspace.clientIDs().filter { shard?.contains($0) ?? true }
    let batch = Batch(
      workspace: workspace, templates: templates, week: requested, out: out,
      reportURL: link.reportURL, locale: language.reportLocale, delivery: plan,
      progress: BatchProgress(total: clients.count, quiet: output.quiet))
    let outcomes = await batch.run(
      clients, jobs: jobs ?? ProcessInfo.processInfo.activeProcessorCount)
    printTable(outcomes)
    do {
      let library = try templates.workspaceLibrary()
      try PortfolioFiles.write(outcomes.map(\.row), shard: shard, out: out, templates: library)
      if let digestRecipient, let email = plan.email, let sendmail = email.sendmail {
        let message = try TeamDigest.message(
          outcomes.map(\.row), to: digestRecipient, sender: email.sender,
          date: MessageDate.format(Date()), words: Words(templates: library, locale: .english))
        let eml = message.rendered()
        try PortfolioFiles.atomically(out + "/digest.eml", String(decoding: eml, as: UTF8.self))
        try sendmail.send(eml)
        if !output.quiet { print("Sent the team's digest to \(digestRecipient.address).") }
      }
    } catch {
      Diagnostics.error(error)
      throw ExitCode.failure
    }
    if outcomes.contains(where: { $0.error != nil }) { throw ExitCode.failure }
  }

  func printTable(_ outcomes: [Batch.Outcome]) {
    let rows = outcomes.map {
      [
        // A folder under clients/ may be named anything; its name is shown escaped.
        TerminalSafe.line($0.client), $0.week ?? "-", status($0),
        $0.folder.map { TerminalSafe.line($0) + "/" } ?? "-",
      ]
    }
    let header = ["client", "week", "status", "report"]
    let widths = header.indices.map { column in
      ([header] + rows).map { $0[column].count }.max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(
        separator: "  "
      )
      .trimmingCharacters(in: .whitespaces)
    }
    print(line(header))
    for row in rows { print(line(row)) }
    let failed = outcomes.filter { $0.error != nil }.count
    print(
      "\(outcomes.count - failed) of \(outcomes.count) reports written\(failed > 0 ? ", \(failed) failed" : "")."
    )
    if delivery.send {
      let sent = outcomes.filter { $0.delivered == .sent }.count
      let before = outcomes.filter {
        if case .alreadySent = $0.delivered { return true } else { return false }
      }.count
      print(
        "\(sent) email\(sent == 1 ? "" : "s") sent\(before > 0 ? ", \(before) not sent again (sent.json says they already went; --resend sends them again)" : "")."
      )
    }
  }

  /// `ok`, or with `--send` whether the email went; `failed` names a report or a sending failure.
  func status(_ outcome: Batch.Outcome) -> String {
    if outcome.error != nil { return outcome.folder == nil ? "failed" : "not sent" }
    guard delivery.send else { return "ok" }
    switch outcome.delivered {
    case .sent: return "sent"
    case .alreadySent: return "sent before"
    case .written: return "ok"
    }
  }
}
