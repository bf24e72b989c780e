import CandorIngest
import CandorModel
import CandorWorkspace
import Foundation
import Mustache

/// The report's Mustache templates, merged from a base folder and any overrides.
///
/// The library knows nothing of where templates live: callers hand it named texts (the CLI
/// finds the folders; a client's override folder is read through its `ClientFolder`).
public struct TemplateLibrary: Sendable {
  /// Templates every report needs; a folder missing one fails before any report is written.
  public static let required = [
    "report.md", "page.html", "snippet.txt", "snippet.md", "snippet.html", "diff.md",
  ]

  private var library = MustacheLibrary()
  public private(set) var names: Set<String> = []
  /// Paths given in the layout before 1.2 (`report/task`, `de/narrative/task`): still read, under
  /// the name they had, and worth a warning.
  public private(set) var legacyPaths: [String] = []
  private var bounds = TemplateGuard(templates: [:])

  /// Texts by name (`report.md`, `report/task`), later sources overriding earlier ones.
  public init(sources: [[String: String]]) throws {
    MarkdownContentType.register()
    var scanned: [String: [TemplateGuard.Node]] = [:]
    // Each name's path in the source that gave it, so a problem found across templates
    // names the file the user wrote.
    var paths: [String: String] = [:]
    for source in sources {
      for (path, text) in source.sorted(by: { $0.key < $1.key }) {
        let (name, isLegacy) = Self.name(ofPath: path)
        if isLegacy { legacyPaths.append(path) }
        paths[name] = path
        // Depth first, without recursion: the Mustache parser itself recurses per section.
        do throws(TemplateGuard.Problem) {
          scanned[name] = try TemplateGuard.scan(text)
        } catch {
          throw TemplateError(name: path, reason: error.reason)
        }
        do {
          library.register(try MustacheTemplate(string: text), named: name)
        } catch let error as MustacheTemplate.ParserError {
          throw TemplateError(
            name: path,
            reason:
              "cannot be parsed: line \(error.context.lineNumber), column \(error.context.columnNumber): \(Self.describe(error.error))"
          )
        } catch {
          throw TemplateError(name: path, reason: "cannot be parsed: \(error)")
        }
        names.insert(name)
      }
    }
    for name in Self.required where !names.contains(name) {
      throw TemplateError(name: name, reason: "is missing from the templates folder")
    }
    bounds = TemplateGuard(templates: scanned)
    do throws(TemplateError) {
      try bounds.checkStructure()
    } catch {
      throw TemplateError(name: paths[error.name] ?? error.name, reason: error.reason)
    }
  }

  /// A template's name in the library from its path under a templates folder: `layout/X` is
  /// `X`, `words/en/X` is `X`, `words/<code>/X` is `<code>/X` (the words of one language).
  /// Any other path is the layout before 1.2 (`report/task`, `de/narrative/task`), read under
  /// the name it had.
  public static func name(ofPath path: String) -> (name: String, isLegacy: Bool) {
    if path.hasPrefix("layout/") { return (String(path.dropFirst("layout/".count)), false) }
    if path.hasPrefix("words/en/") { return (String(path.dropFirst("words/en/".count)), false) }
    if path.hasPrefix("words/") { return (String(path.dropFirst("words/".count)), false) }
    return (path, true)
  }

  /// Where a template of the layout before 1.2 lives now, for the warning that names it.
  public static func currentPath(ofLegacy path: String) -> String {
    let parts = path.split(separator: "/", maxSplits: 1).map(String.init)
    if parts.count == 2, ReportLocale(rawValue: parts[0]) != nil {
      return "words/\(parts[0])/\(parts[1])"
    }
    let words =
      path == "phrases" || path == "layout" || path.hasPrefix("narrative/")
      || path.hasPrefix("findings/")
    return words ? "words/en/\(path)" : "layout/\(path)"
  }

  /// Reads every `*.mustache` file under `folder`, named by relative path without extension.
  /// Errors name the file as `shownAs/<relative path>` (the folder as the user knows it).
  public static func texts(inFolder folder: String, shownAs: String? = nil) throws -> [String:
    String]
  {
    func shown(_ path: String) -> String { (shownAs ?? folder) + "/" + path }
    var texts: [String: String] = [:]
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return texts }
    for case let path as String in enumerator where path.hasSuffix(".mustache") {
      // A link could point into another client's folder: templates must be real files.
      if (try? FileManager.default.attributesOfItem(atPath: folder + "/" + path)[.type]
        as? FileAttributeType) == .typeSymbolicLink
      {
        throw TemplateError(
          name: shown(path), reason: "is a symbolic link; template files must be real files")
      }
      // A FIFO or device named like a template would block or never end: regular files only.
      let data: Data
      switch FileSystem.readRegularFile(folder + "/" + path, limit: TemplateGuard.maxTemplateBytes)
      {
      case .success(let read): data = read
      case .failure(let problem): throw TemplateError(name: shown(path), reason: problem.reason)
      }
      guard let text = String(data: data, encoding: .utf8) else {
        throw TemplateError(name: shown(path), reason: "cannot be read as UTF-8 text")
      }
      if let reason = TemplatePolicy.reason(in: text) {
        throw TemplateError(name: shown(path), reason: reason)
      }
      texts[String(path.dropLast(".mustache".count))] = text
    }
    return texts
  }

  public func render(_ object: Any, template name: String) throws -> String {
    let shape = TemplateGuard.Shape(object)
    guard bounds.outputBound(name, shape: shape) <= TemplateGuard.maxOutputBytes else {
      throw TemplateError(
        name: name,
        reason:
          "could write more than \(TemplateGuard.maxOutputBytes >> 20) MiB for this data (sections nested over lists multiply), the limit for one rendering; refused before rendering"
      )
    }
    guard bounds.itemBound(name, shape: shape) <= TemplateGuard.maxSectionItems else {
      throw TemplateError(
        name: name,
        reason:
          "could go through more than \(TemplateGuard.maxSectionItems) section items for this data (sections nested over lists multiply), the limit for one rendering; refused before rendering"
      )
    }
    guard let text = library.render(object, withTemplate: name) else {
      throw TemplateError(name: name, reason: "is missing")
    }
    return text
  }
}

public struct TemplateError: LocalizedError, Sendable {
  public var name: String
  public var reason: String
  public var errorDescription: String? { "template '\(name)' \(reason)" }
}

/// `{{% CONTENT_TYPE: MARKDOWN}}`: values are backslash-escaped so client text stays text.
struct MarkdownContentType: MustacheContentType {
  func escapeText(_ text: String) -> String { MarkdownText.escape(text) }

  private static let once: Void = {
    MustacheContentTypes.register(MarkdownContentType(), named: "MARKDOWN")
  }()
  static func register() { _ = once }
}
