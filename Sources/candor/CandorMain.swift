import CandorCLI
import Foundation

/// Owns the process: runs the command line and exits with its status (see `CandorEntry`).
@main
enum CandorMain {
  static func main() async {
    let outcome = await CandorEntry.run(Array(CommandLine.arguments.dropFirst()))
    if !outcome.stdout.isEmpty { FileHandle.standardOutput.write(Data(outcome.stdout.utf8)) }
    if !outcome.stderr.isEmpty { FileHandle.standardError.write(Data(outcome.stderr.utf8)) }
    exit(outcome.status)
  }
}
