import ArgumentParser
import CandorModel
import CandorPipeline
import CandorWorkspace
import Foundation

/// `candor check`: every problem of a workspace's clients in one run, one per line.
struct CheckCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "check",
    abstract: "Find every problem in a workspace's inputs in one run, without writing anything.",
    discussion: """
      Reads client.yaml and every week's evaluation files of each client (or of --client) as a report \
      would, and prints each problem as 'error: file:line: what is wrong' and each thing that is legal \
      but probably not meant as 'warning: …': score or id columns that no key reads, a test set with \
      fewer than 30 examples of a class, a 0/1 task read as multiclass. Exit status: 0 when there is no \
      error (warnings allowed), 1 when there is any, 2 for a usage error.

      Example: candor check Samples --client acme-motors
      """
  )

  @Argument(
    help: ArgumentHelp(
      "The workspace folder, holding clients/<client-id>/.", valueName: "workspace"))
  var workspace: String

  @Option(help: ArgumentHelp("Check only this client.", valueName: "id"))
  var client: String?

  @OptionGroup var output: OutputVerbosity

  func validate() throws {
    if let client { _ = try Arguments.client(client) }
  }

  func run() throws {
    let opened: Workspace
    do {
      opened = try Workspace(path: workspace)
    } catch {
      Diagnostics.error(error)
      throw ExitCode.failure
    }
    let ids = try client.map { [$0] } ?? opened.clientIDs()
    if let client, !opened.hasClient(client) {
      Diagnostics.error(RunError.noSuchClient(client, try opened.clientIDs()))
      throw ExitCode.failure
    }
    var errors = 0
    var warnings = 0
    // What every client's run reads besides its own folder: candor.yaml (email and batch
    // read it) and the templates (every report renders them).
    var shared: [String] = []
    do { _ = try opened.config() } catch { shared.append(error.localizedDescription) }
    let sources: TemplateSources?
    do {
      sources = try TemplateSources(
        base: try TemplateSources.base(explicit: nil), workspace: opened)
    } catch {
      sources = nil
      shared.append(error.localizedDescription)
    }
    for problem in shared { print("error: " + TerminalSafe.line(problem)) }
    errors += shared.count
    for id in ids {
      let report = ClientCheck.run(opened, client: id)
      if let sources, let folder = try? opened.client(id) {
        do { _ = try sources.library(for: folder) } catch {
          print("error: " + TerminalSafe.line(error.localizedDescription))
          errors += 1
        }
      }
      for error in report.errors { print("error: " + TerminalSafe.line(error.description)) }
      if !output.quiet {
        for warning in report.warnings {
          print("warning: " + TerminalSafe.line(warning.description))
        }
      }
      errors += report.errors.count
      warnings += report.warnings.count
      if output.verbose, report.errors.isEmpty { print("ok: \(id)") }
    }
    if !output.quiet {
      print(
        "check: \(ids.count) \(ids.count == 1 ? "client" : "clients"), \(errors) \(errors == 1 ? "error" : "errors"), \(warnings) \(warnings == 1 ? "warning" : "warnings")"
      )
    }
    if errors > 0 { throw ExitCode.failure }
  }
}
