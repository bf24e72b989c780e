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
                staged.append((temporary, path(file.name)))
                try writeDurably(Data(file.contents.utf8), to: temporary)
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

    /// Writes and flushes to disk, so a rename never exposes a file whose bytes are not there yet.
    private func writeDurably(_ data: Data, to path: String) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        guard descriptor >= 0 else { throw OutputError(path: path, reason: "cannot be created: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var written = 0
        try data.withUnsafeBytes { buffer in
            while written < buffer.count {
                let count = Foundation.write(descriptor, buffer.baseAddress! + written, buffer.count - written)
                guard count > 0 else { throw OutputError(path: path, reason: "cannot be written: \(String(cString: strerror(errno)))") }
                written += count
            }
        }
        guard fsync(descriptor) == 0 else { throw OutputError(path: path, reason: "cannot be flushed to disk") }
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
