import CAtomicSwap
import Foundation

/// Writes one report's folder so that it is always either the complete new set of files or
/// the previous one, never a mix, even if the process is killed at any instant.
///
/// The files are written and flushed into a hidden staging folder beside the target, then the
/// two folders are exchanged in one atomic step (`renameat2` with `RENAME_EXCHANGE`; a plain
/// rename when there is no previous folder). Files whose bytes are unchanged are hard-linked
/// into the staging folder, and when nothing changed nothing is touched at all, so a rerun on
/// unchanged input keeps every file and its modification time. Leftover staging folders from a
/// killed run are removed by the next one.
public struct OutputWriter: Sendable {
    public let folder: String

    public init(folder: String) {
        self.folder = folder
    }

    /// Returns how many files changed.
    @discardableResult
    public func write(_ files: [(name: String, contents: String)]) throws -> Int {
        let parent = (folder as NSString).deletingLastPathComponent
        let name = (folder as NSString).lastPathComponent
        try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        removeLeftovers(in: parent, of: name)

        let existing = Set((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
        let changed = files.filter { FileManager.default.contents(atPath: "\(folder)/\($0.name)") != Data($0.contents.utf8) }
        if changed.isEmpty && existing == Set(files.map(\.name)) { return 0 }

        let staging = "\(parent)/.\(name).staging-\(getpid())"
        try? FileManager.default.removeItem(atPath: staging)
        try FileManager.default.createDirectory(atPath: staging, withIntermediateDirectories: false)
        do {
            for file in files {
                let target = "\(staging)/\(file.name)"
                if !changed.contains(where: { $0.name == file.name }), link("\(folder)/\(file.name)", target) == 0 { continue }
                try writeDurably(Data(file.contents.utf8), to: target)
            }
            try syncFolder(staging)
            try swapIntoPlace(staging, folder, hadPrevious: !existing.isEmpty || FileManager.default.fileExists(atPath: folder))
        } catch {
            try? FileManager.default.removeItem(atPath: staging)
            throw error
        }
        // After the exchange the staging path holds the previous files.
        try? FileManager.default.removeItem(atPath: staging)
        try? syncFolder(parent)
        return changed.count
    }

    private func swapIntoPlace(_ staging: String, _ target: String, hadPrevious: Bool) throws {
        if hadPrevious {
            if candor_exchange_paths(staging, target) == 0 { return }
            // File systems without RENAME_EXCHANGE: move the old folder aside, then rename.
            let aside = staging + "-old"
            guard rename(target, aside) == 0 else { throw OutputError(path: target, reason: "cannot be replaced: \(String(cString: strerror(errno)))") }
            guard rename(staging, target) == 0 else {
                rename(aside, target)
                throw OutputError(path: target, reason: "cannot be replaced: \(String(cString: strerror(errno)))")
            }
            try? FileManager.default.removeItem(atPath: aside)
            return
        }
        guard rename(staging, target) == 0 else {
            throw OutputError(path: target, reason: "cannot be created: \(String(cString: strerror(errno)))")
        }
    }

    /// Writes and flushes to disk, so the swap never exposes a file whose bytes are not there yet.
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

    private func syncFolder(_ path: String) throws {
        let descriptor = open(path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { throw OutputError(path: path, reason: "cannot be opened") }
        defer { close(descriptor) }
        fsync(descriptor)
    }

    /// Staging folders left by a run that was killed mid-write.
    private func removeLeftovers(in parent: String, of name: String) {
        let prefix = ".\(name).staging-"
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? [] where entry.hasPrefix(prefix) {
            try? FileManager.default.removeItem(atPath: "\(parent)/\(entry)")
        }
    }
}

public struct OutputError: LocalizedError, Sendable {
    public var path: String
    public var reason: String
    public var errorDescription: String? { "\(path): \(reason)" }
}
