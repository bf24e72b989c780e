import ArgumentParser
import CandorModel
import CandorPipeline
import CandorWorkspace
import Foundation

/// `candor report`: one client's weekly report, written to <out>/<client>/<week>/.
struct ReportCommand: AsyncParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract:
      "Write one client's weekly report (report.html, report.md, snippet.txt, snippet.html, summary.json, and notes.md and report-team.html for the team).",
    discussion: """
      The week defaults to the client's latest week folder; changes are measured against the latest \
      earlier week present. Nothing is written when any input is invalid; each problem is printed as \
      file:line: what is wrong. Exit status: 0 written, 1 input problem or unknown client/week, 2 usage error.

      Example: candor report Samples --client acme-motors --week 2026-W48 --out reports
      """
  )

  @OptionGroup var report: ReportOptions

  @Option(
    help: ArgumentHelp(
      "Also print summary.json; only '-' (standard output) is accepted. The report folder is written as usual.",
      valueName: "-"))
  var json: String?

  func validate() throws {
    try report.printing.checkPaper(printing: false)
    if let json, json != "-" {
      throw ValidationError(
        "--json '\(json)': only '-' (standard output) is accepted; summary.json is always written to the report folder"
      )
    }
  }

  func run() async throws {
    let (workspace, templates) = try report.workspace.open()
    do {
      let plan = Delivery(printer: try report.printing.printer())
      let (result, folder) = try report.run(in: workspace, templates: templates)
      try plan.deliver(result, to: folder)
      if json != nil {
        print(result.outputs.summaryJSON, terminator: "")
        return
      }
      if report.output.verbose {
        print(
          "Read \(report.target.client) \(result.week)"
            + (result.analysis.comparedTo.map { ", compared with \($0)" } ?? ", its first week"))
      }
      guard !report.output.quiet else { return }
      print(
        "Wrote the \(result.week) report for \(report.target.client) to \(folder)/ (report.html, report.md, snippet.txt, snippet.html, summary.json\(plan.printer == nil ? "" : ", report.pdf"); notes.md and report-team.html for the team)"
      )
    } catch {
      Diagnostics.error(error)
      throw ExitCode.failure
    }
  }
}
