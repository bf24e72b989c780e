import ArgumentParser
import CandorModel
import CandorPipeline
import CandorWorkspace
import Foundation

/// `candor snippet`: the email summary on standard output.
struct SnippetCommand: AsyncParsableCommand {
  enum Format: String, ExpressibleByArgument, CaseIterable {
    case text, html, markdown
  }

  static let configuration = CommandConfiguration(
    commandName: "snippet",
    abstract:
      "Print a few sentences summarising a client's week, ready to paste into an email or chat.",
    discussion: "Example: candor snippet Samples --client acme-motors --format html > snippet.html"
  )

  @OptionGroup var options: WorkspaceOptions

  @OptionGroup var target: ClientWeekOptions

  @OptionGroup var link: ReportURLOptions

  @OptionGroup var language: LocaleOptions

  @OptionGroup var output: OutputVerbosity

  @Option(
    help: "Output format: text (email), html (fragment with inline styles), markdown (chat tools).")
  var format: Format = .text

  func run() async throws {
    let (workspace, templates) = try options.open()
    do {
      let outputs = try target.run(
        in: workspace, templates: templates, reportURL: link.reportURL,
        locale: language.reportLocale
      ).outputs
      let snippet =
        switch format {
        case .text: outputs.snippetText
        case .html: outputs.snippetHTML
        case .markdown: outputs.snippetMarkdown
        }
      // Redirected to a file the snippet is the product, byte for byte; on a terminal it goes
      // through the same escaping as every other line Candor prints.
      print(isatty(STDOUT_FILENO) == 1 ? TerminalSafe.text(snippet) : snippet, terminator: "")
    } catch {
      Diagnostics.error(error)
      throw ExitCode.failure
    }
  }
}
