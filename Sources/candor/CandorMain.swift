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
            if code != .failure || !(error is ExitCode) {
                let message = CandorCommand.fullMessage(for: error)
                if !message.isEmpty { FileHandle.standardError.write(Data(("error: " + message + "\n").utf8)) }
            }
            exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}
