import ArgumentParser
import CandorCLI
import Foundation

/// Owns the exit code: 0 done, 1 input or report failure, 2 usage error (ArgumentParser says 64).
@main
enum CandorMain {
    static func main() async {
        do {
            var command = try CandorCommand.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = CandorCommand.exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((CandorCommand.fullMessage(for: error) + "\n").utf8))
                exit(2)
            }
            if code == .success {
                // --help and --version.
                print(CandorCommand.fullMessage(for: error))
                exit(0)
            }
            if !(error is ExitCode) {
                // Candor's own errors, printed once as plain lines ("error: Error: …" was a double prefix).
                for line in Diagnostics.lines(of: error) {
                    FileHandle.standardError.write(Data(("error: " + line + "\n").utf8))
                }
            }
            exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
