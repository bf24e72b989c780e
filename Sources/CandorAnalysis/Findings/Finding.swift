/// Something a client should know, with a stable code and plain-language message.
public struct Finding: Sendable, Equatable {
    public enum Severity: String, Sendable, Comparable, CaseIterable {
        case info, warning, critical
        var rank: Int { self == .critical ? 2 : self == .warning ? 1 : 0 }
        public static func < (a: Severity, b: Severity) -> Bool { a.rank < b.rank }
    }

    public var code: String
    public var severity: Severity
    public var task: String
    /// Nil for a finding about a whole task.
    public var set: String?
    public var message: String

    public init(code: String, severity: Severity, task: String, set: String?, message: String) {
        self.code = code
        self.severity = severity
        self.task = task
        self.set = set
        self.message = message
    }
}
