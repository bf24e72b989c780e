import CandorReport
import CandorWorkspace
import Foundation

/// Where templates come from: the base folder (found by the CLI), the workspace's
/// `templates/` and, for each client, `clients/<id>/templates/` read through its folder handle.
public struct TemplateSources: Sendable {
    public let base: [String: String]
    public let workspaceOverrides: [String: String]

    public init(baseFolder: String, workspace: Workspace) throws {
        base = try TemplateLibrary.texts(inFolder: baseFolder)
        let overrides = workspace.path + "/templates"
        workspaceOverrides = FileManager.default.fileExists(atPath: overrides) ? try TemplateLibrary.texts(inFolder: overrides) : [:]
        // Fail before any report is written when a required template is missing.
        _ = try TemplateLibrary(sources: [base])
    }

    func library(for client: ClientFolder) throws -> TemplateLibrary {
        var clientTexts: [String: String] = [:]
        if client.exists("templates") {
            clientTexts = try TemplateLibrary.texts(inFolder: try client.resolve("templates"))
        }
        do {
            return try TemplateLibrary(sources: [base, workspaceOverrides, clientTexts])
        } catch var error as TemplateError {
            // Name the file the problem is in where it is an override.
            if clientTexts[error.name] != nil {
                error.name = client.display("templates/\(error.name).mustache")
            } else if workspaceOverrides[error.name] != nil {
                error.name = "templates/\(error.name).mustache"
            }
            throw error
        }
    }

    /// The first templates folder found, in the documented order; the error lists every place tried.
    public static func locate(explicit: String?) throws -> String {
        var candidates: [String] = []
        if let explicit { candidates.append(explicit) }
        if let environment = ProcessInfo.processInfo.environment["CANDOR_TEMPLATES"], !environment.isEmpty {
            candidates.append(environment)
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        candidates.append(executable.appendingPathComponent("../share/candor/Templates").standardized.path)
        candidates.append(executable.appendingPathComponent("Templates").path)
        // A binary inside a checkout's .build folder finds the checkout's templates.
        var folder = executable
        for _ in 0..<4 {
            folder = folder.deletingLastPathComponent()
            candidates.append(folder.appendingPathComponent("Templates").path)
        }
        candidates.append(FileManager.default.currentDirectoryPath + "/Templates")
        if let explicit {
            // An explicit folder is not second-guessed.
            guard FileManager.default.fileExists(atPath: explicit + "/report.md.mustache") else {
                throw TemplateLocationError(tried: [explicit])
            }
            return explicit
        }
        for candidate in candidates where FileManager.default.fileExists(atPath: candidate + "/report.md.mustache") {
            return candidate
        }
        throw TemplateLocationError(tried: candidates)
    }
}

public struct TemplateLocationError: LocalizedError, Sendable {
    public var tried: [String]
    public var errorDescription: String? {
        "no Candor templates folder found; looked in:\n" + tried.map { "  \($0)" }.joined(separator: "\n")
            + "\nPass --templates DIR or set CANDOR_TEMPLATES."
    }
}
