import Foundation

/// A problem with a client's input: a file, where in it, and what is wrong.
///
/// `file` is workspace-relative (`clients/acme/weeks/2026-W48/...`) so that the message
/// means the same on every machine; `line` counts physical lines from 1 at the header.
public struct InputError: LocalizedError, Equatable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    /// The column (`column 'score'`) or YAML/JSON key (`key 'role'`) the problem is in.
    public var field: String?
    public var reason: String

    public init(file: String, line: Int? = nil, field: String? = nil, _ reason: String) {
        self.file = file
        self.line = line
        self.field = field
        self.reason = reason
    }

    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if let field { text += "\(field): " }
        return text + reason
    }

    public var errorDescription: String? { description }
}

/// Several input problems found in one pass, reported one per line.
public struct InputErrors: LocalizedError, Sendable {
    public var errors: [InputError]
    public init(_ errors: [InputError]) { self.errors = errors }
    public var errorDescription: String? { errors.map(\.description).joined(separator: "\n") }
}

/// Quotes a client-supplied value for an error message, cut short if very long.
func quoted(_ value: String) -> String {
    let limit = 60
    let shown = value.count > limit ? String(value.prefix(limit)) + "…" : value
    return "'\(shown)'"
}
