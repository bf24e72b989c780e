import CandorBuiltinTemplates
import CandorIngest
import CandorModel
import CandorReport
import CandorWorkspace
import Foundation

/// Where templates come from: the base set (built in, or a folder named by `--templates` or
/// `$CANDOR_TEMPLATES`), the workspace's
/// `templates/` and, for each client, `clients/<id>/templates/` read through its folder handle.
public struct TemplateSources: Sendable {
  public let base: [String: String]
  public let workspaceOverrides: [String: String]
  /// The base set compiled once; a client without overrides uses it as it is.
  private let baseLibrary: TemplateLibrary

  public init(baseFolder: String, workspace: Workspace) throws {
    try self.init(base: TemplateLibrary.texts(inFolder: baseFolder), workspace: workspace)
  }

  public init(base: [String: String], workspace: Workspace) throws {
    self.base = base
    let overrides = workspace.path + "/templates"
    workspaceOverrides =
      FileManager.default.fileExists(atPath: overrides)
      ? try TemplateLibrary.texts(inFolder: overrides, shownAs: "templates") : [:]
    // Fail before any report is written when a required template is missing.
    baseLibrary = try TemplateLibrary(sources: [base])
    Self.warnAboutLegacyPaths(Array(workspaceOverrides.keys), in: "templates")
  }

  /// Overrides written in the layout before 1.2 still work, for one minor version, with a warning
  /// that names their new place.
  static func warnAboutLegacyPaths(_ paths: [String], in folder: String) {
    for path in paths.sorted() where TemplateLibrary.name(ofPath: path).isLegacy {
      Diagnostics.warning(
        "\(folder)/\(path).mustache: templates now live in layout/ (no words) and words/<language>/ (phrases, findings, narrative); move it to \(folder)/\(TemplateLibrary.currentPath(ofLegacy: path)).mustache (the old place is read until 1.3)"
      )
    }
  }

  /// The templates of pages that belong to no client (the batch's portfolio): the base set and
  /// the workspace's overrides.
  package func workspaceLibrary() throws -> TemplateLibrary {
    workspaceOverrides.isEmpty
      ? baseLibrary : try TemplateLibrary(sources: [base, workspaceOverrides])
  }

  package func library(for client: ClientFolder) throws -> TemplateLibrary {
    var clientTexts: [String: String] = [:]
    if client.exists("templates") {
      clientTexts = try TemplateLibrary.texts(
        inFolder: try client.resolve("templates"), shownAs: client.display("templates"))
    }
    // Compiling every template again costs a tenth of a second per report.
    if workspaceOverrides.isEmpty && clientTexts.isEmpty { return baseLibrary }
    do {
      if !clientTexts.isEmpty {
        Self.warnAboutLegacyPaths(Array(clientTexts.keys), in: client.display("templates"))
      }
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

  /// The base templates, in the documented order: `--templates DIR`, then `$CANDOR_TEMPLATES`,
  /// then the set compiled into the binary (which needs no folder at all). A folder that is
  /// named but holds no templates is an error, never silently passed over.
  public static func base(
    explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> [String: String] {
    if let explicit { return try folder(explicit, source: "--templates") }
    if let variable = environment["CANDOR_TEMPLATES"], !variable.isEmpty {
      return try folder(variable, source: "CANDOR_TEMPLATES")
    }
    return BuiltinTemplates.mustache
  }

  private static func folder(_ path: String, source: String) throws -> [String: String] {
    guard
      FileManager.default.fileExists(atPath: path + "/layout/report.md.mustache")
        || FileManager.default.fileExists(atPath: path + "/report.md.mustache")
    else {
      throw TemplateLocationError(folder: path, source: source)
    }
    return try TemplateLibrary.texts(inFolder: path)
  }
}

public struct TemplateLocationError: LocalizedError, Sendable {
  public var folder: String
  /// `--templates` or `CANDOR_TEMPLATES`: where the folder was named.
  public var source: String
  public var errorDescription: String? {
    "\(source) names '\(folder)', which is not a templates folder (it has no layout/report.md.mustache); "
      + "leave \(source) out to use the templates built into candor"
  }
}
