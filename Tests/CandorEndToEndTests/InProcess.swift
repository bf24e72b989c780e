@testable import CandorCLI
@testable import CandorPipeline

/// The command line run in this process through `CandorEntry`, for tests that look only at the
/// exit status and the files written: no process to start, and the templates are the built-in
/// set (`BuiltinTemplatesTests` checks it is exactly Templates/). Tests of what candor prints
/// use `CandorProcess`.
enum InProcess {
  static func run(_ arguments: [String]) async -> CandorEntry.Outcome {
    await CandorEntry.run(arguments)
  }
}
