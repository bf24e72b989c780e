import ArgumentParser

/// `candor diff`: placeholder until the diff issue lands.
struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Compare two evaluation runs task by task (not yet available).",
        shouldDisplay: false
    )
    func run() async throws {
        throw ValidationError("candor diff is not available yet")
    }
}
