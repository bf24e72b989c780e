import ArgumentParser
import CandorModel
import CandorPipeline
import CandorWorkspace
import Foundation

/// The whole command line, in-process: parses, runs, and turns every outcome into an exit status
/// (0 done, 1 input or report failure, 2 usage error, 3 a failed `diff` gate) and the text
/// candor itself prints. Commands print their own results and per-file problems as they go.
public enum CandorEntry {
  public struct Outcome: Sendable {
    public var status: Int32
    public var stdout = ""
    public var stderr = ""
  }

  /// What `candor` alone prints, on standard error, with exit status 2.
  public static let shortUsage = """
    usage: candor <command> <workspace> [options]

    commands:
      report    write one client's weekly report
      batch     write every client's report
      snippet   print a client's summary for an email
      email     write (and with --send, send) a client's weekly email
      diff      compare two evaluation runs and gate a merge
      add       put a predictions file in place and write client.yaml from it
      check     find every problem in a workspace's inputs in one run

    Try: candor report Samples --client acme-motors
    'candor <command> --help' explains a command; 'candor --version' prints the version.
    """

  public static func run(_ arguments: [String]) async -> Outcome {
    if arguments.isEmpty { return Outcome(status: 2, stderr: shortUsage + "\n") }
    do {
      var command = try CandorCommand.parseAsRoot(arguments)
      if var asyncCommand = command as? AsyncParsableCommand {
        try await asyncCommand.run()
      } else {
        try command.run()
      }
      return Outcome(status: 0)
    } catch {
      return outcome(for: error)
    }
  }

  static func outcome(for error: Error) -> Outcome {
    let code = CandorCommand.exitCode(for: error)
    if code == .success {
      // --help, --version and --generate-completion-script.
      return Outcome(status: 0, stdout: CandorCommand.fullMessage(for: error) + "\n")
    }
    if code == .validationFailure {
      // ArgumentParser says "Error: ", then the usage; candor says "error: " everywhere.
      var message = CandorCommand.fullMessage(for: error)
      if message.hasPrefix("Error: ") { message = "error: " + message.dropFirst("Error: ".count) }
      // Arguments are echoed in these messages; a pasted one may hold control characters.
      message = message.split(separator: "\n", omittingEmptySubsequences: false).map {
        TerminalSafe.line($0)
      }.joined(separator: "\n")
      return Outcome(status: 2, stderr: message + "\n")
    }
    if let exit = error as? ExitCode {
      // The command has already said what went wrong.
      return Outcome(status: exit.rawValue)
    }
    // Candor's own errors, one plain line each, terminal-safe (see `Diagnostics`).
    let lines = Diagnostics.lines(of: error).filter { !$0.isEmpty }
    return Outcome(status: code.rawValue, stderr: lines.map { "error: " + $0 + "\n" }.joined())
  }
}
