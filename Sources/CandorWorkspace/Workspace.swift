import CandorIngest
import CandorModel
import Foundation

/// A workspace folder holding `clients/<id>/`; it hands out one `ClientFolder` per client.
public struct Workspace: Sendable {
  public let path: String
  /// How its clients' files are read (each `ClientWorkspace` starts with it).
  public var readPolicy = ReadPolicy.standard

  public init(path: String) throws {
    guard FileSystem.isDirectory(path) else {
      if FileManager.default.fileExists(atPath: path) {
        throw InputError(file: path, "is a file, not a workspace folder (which holds clients/)")
      }
      throw InputError(
        file: path,
        "workspace folder does not exist; candor add creates one from a predictions file (candor add --help)"
      )
    }
    guard FileSystem.isDirectory(path + "/clients") else {
      throw InputError(file: path, "is not a Candor workspace: it has no 'clients' folder")
    }
    self.path = path
  }

  /// Every entry of `clients/`, sorted; invalid names come back as errors, not skipped.
  public func clientIDs() throws -> [String] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: path + "/clients")) ?? []
    return names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
  }

  /// The folder of one client; refuses a malformed id, a missing folder or a symbolic link.
  public func client(_ id: String) throws -> ClientFolder {
    guard Identifier.isValid(id) else {
      throw InputError(file: "clients/\(id)", "invalid client id; \(Identifier.rule)")
    }
    return try ClientFolder(id: id, path: path + "/clients/" + id, displayRoot: "clients/" + id)
  }

  /// True when `clients/<id>` exists at all (a file, folder or link).
  public func hasClient(_ id: String) -> Bool {
    var info = stat()
    return lstat(path + "/clients/" + id, &info) == 0
  }
}
