import Foundation

/// Writes one report's files so that each is either the complete new file or untouched.
///
/// All files are first written to hidden temporary files beside their targets, then renamed
/// into place one after another (rename is atomic on POSIX file systems). A file whose bytes
/// are already identical is left alone, so a rerun on unchanged input touches nothing.
public struct OutputWriter: Sendable {
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// Returns how many files actually changed.
    @discardableResult
    public func write(_ files: [(name: String, contents: String)]) throws -> Int {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        removeStaleTemporaries()
        let changed = files.filter { file in
            FileManager.default.contents(atPath: path(file.name)) != Data(file.contents.utf8)
        }
        var staged: [(temporary: String, target: String)] = []
        do {
            for file in changed {
                let temporary = path(".\(file.name).tmp-\(getpid())")
                guard FileManager.default.createFile(atPath: temporary, contents: Data(file.contents.utf8)) else {
                    throw OutputError(path: temporary, reason: "cannot be written")
                }
                staged.append((temporary, path(file.name)))
                try sync(temporary)
            }
        } catch {
            for file in staged { unlink(file.temporary) }
            throw error
        }
        for file in staged {
            guard rename(file.temporary, file.target) == 0 else {
                for rest in staged { unlink(rest.temporary) }
                throw OutputError(path: file.target, reason: "cannot be replaced: \(String(cString: strerror(errno)))")
            }
        }
        return changed.count
    }

    private func path(_ name: String) -> String { folder + "/" + name }

    private func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw OutputError(path: path, reason: "cannot be reopened") }
        fsync(descriptor)
        close(descriptor)
    }

    /// Temporaries left by a run that was killed mid-write.
    private func removeStaleTemporaries() {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where name.hasPrefix(".") && name.contains(".tmp-") {
            unlink(path(name))
        }
    }
}

public struct OutputError: LocalizedError, Sendable {
    public var path: String
    public var reason: String
    public var errorDescription: String? { "\(path): \(reason)" }
}
