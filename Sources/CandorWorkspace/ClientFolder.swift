import Foundation

/// The only way a client's run opens files: every path is resolved inside `clients/<id>/`.
///
/// Isolation is by construction: a report holds a `ClientFolder`, never the workspace,
/// so it cannot name another client's file; symbolic links that lead outside are refused.
public struct ClientFolder: Sendable {
    public let id: String
    /// The folder on disk, with symbolic links resolved.
    let root: String
    /// Workspace-relative prefix used in messages, e.g. `clients/acme`.
    public let displayRoot: String

    init(id: String, path: String, displayRoot: String) throws {
        let display = displayRoot
        var info = stat()
        guard lstat(path, &info) == 0 else {
            throw InputError(file: display, "client folder does not exist")
        }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            throw InputError(file: display, "is a symbolic link; a client's folder must be a real folder")
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw InputError(file: display, "is not a folder")
        }
        guard let resolved = FileSystem.realPath(path) else {
            throw InputError(file: display, "cannot be read")
        }
        self.id = id
        self.root = resolved
        self.displayRoot = display
    }

    /// A folder a user named outside any client (a candidate model's evaluations), read with
    /// the same rules; messages show the path as given.
    public static func external(_ path: String) throws -> ClientFolder {
        try ClientFolder(id: "", path: path, displayRoot: path)
    }

    /// The workspace-relative name of a path inside this folder, for messages.
    public func display(_ relative: String) -> String {
        relative.isEmpty ? displayRoot : displayRoot + "/" + relative
    }

    /// The absolute path of `relative`, refusing links that lead out of the client's folder.
    public func resolve(_ relative: String) throws -> String {
        let path = relative.isEmpty ? root : root + "/" + relative
        guard let real = FileSystem.realPath(path) else {
            throw InputError(file: display(relative), "cannot be read")
        }
        guard real == root || real.hasPrefix(root + "/") else {
            throw InputError(file: display(relative), "is a symbolic link that points outside the client's folder; refused")
        }
        return real
    }

    public func exists(_ relative: String) -> Bool {
        var info = stat()
        return lstat(root + "/" + relative, &info) == 0
    }

    public func isDirectory(_ relative: String) throws -> Bool {
        FileSystem.isDirectory(try resolve(relative))
    }

    /// Entries of a folder, sorted by name so that every run visits them in the same order.
    public func list(_ relative: String) throws -> [String] {
        let path = try resolve(relative)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else {
            throw InputError(file: display(relative), "cannot list this folder")
        }
        return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    }

    public func read(_ relative: String) throws -> Data {
        let path = try resolve(relative)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: display(relative), "cannot be read")
        }
        return data
    }
}

enum FileSystem {
    static func realPath(_ path: String) -> String? {
        guard let pointer = realpath(path, nil) else { return nil }
        defer { free(pointer) }
        return String(cString: pointer)
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }
}
