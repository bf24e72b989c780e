/// The default templates, compiled into the binary from the package's `Templates/` folder by the
/// EmbedTemplates build-tool plugin (`files` is in the generated `EmbeddedTemplates.swift`).
public enum BuiltinTemplates {
  /// The Mustache templates, named as `TemplateLibrary` names them: relative path without
  /// `.mustache` ("report.md", "report/task").
  public static var mustache: [String: String] {
    var texts: [String: String] = [:]
    for (path, text) in files where path.hasSuffix(".mustache") {
      texts[String(path.dropLast(".mustache".count))] = text
    }
    return texts
  }
}
