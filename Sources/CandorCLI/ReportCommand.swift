import ArgumentParser
import CandorWorkspace
import Foundation

/// `candor report`: one client's weekly report, written to <out>/<client>/<week>/.
struct ReportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract:
      "Write one client's weekly report (report.html, report.md, snippet.txt, snippet.html, summary.json, and notes.md for the team).",
    discussion: """
      The week defaults to the client's latest week folder; changes are measured against the latest \
      earlier week present. Nothing is written when any input is invalid; each problem is printed as \
      file:line: what is wrong. Exit status: 0 written, 1 input problem or unknown client/week, 2 usage error.

      Example: candor report Samples --client acme-motors --week 2026-W48 --out reports
      """
  )

  @OptionGroup var report: ReportOptions

  func validate() throws {
    try report.printing.checkPaper(printing: false)
  }

  func run() async throws {
    let (workspace, templates) = try report.workspace.open()
    do {
      let plan = Delivery(printer: try report.printing.printer())
      let (result, folder) = try report.run(in: workspace, templates: templates)
      try plan.deliver(result, to: folder)
      print(
        "Wrote the \(result.week) report for \(report.target.client) to \(folder)/ (report.html, report.md, snippet.txt, snippet.html, summary.json\(plan.printer == nil ? "" : ", report.pdf"); notes.md for the team)"
      )
    } catch {
      Diagnostics.error(error)
      throw ExitCode.failure
    }
  }
}
