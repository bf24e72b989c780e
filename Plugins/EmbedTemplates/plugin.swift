import Foundation
import PackagePlugin

/// Compiles the package's `Templates/` folder into `CandorBuiltinTemplates`, so the `candor`
/// binary carries its default templates wherever it is copied; applied to any other target
/// (`CandorReport`), it writes the English catalogues' entry names as enums instead
/// (`Phrase`, `Sentence.Change`), so asking for an entry the catalogue lacks does not compile.
///
/// Every file and every folder under `Templates/` is an input of the generating command: editing
/// a file changes its own timestamp, and adding or removing one (a new `Templates/de/` folder
/// included) changes its folder's, so the command runs again and reads the whole folder afresh.
/// It rewrites the generated source only when the set changed, so an unchanged set recompiles
/// nothing. `BuiltinTemplatesTests` fails if the embedded set ever differs from the folder.
/// (SwiftPM keeps its build plan between builds: after deleting a template it may report the
/// file as a missing input once; `touch Package.swift` makes it plan again.)
@main
struct EmbedTemplates: BuildToolPlugin {
  func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
    let templates = context.package.directoryURL.appending(path: "Templates")
    // The catalogues' keys come from the English words; the embedded set is every file.
    let keys = target.name != "CandorBuiltinTemplates"
    let read = keys ? templates.appending(path: "words/en") : templates
    var inputs: [URL] = [read]
    if let walk = FileManager.default.enumerator(at: read, includingPropertiesForKeys: nil) {
      for case let url as URL in walk { inputs.append(url) }
    }
    let output = context.pluginWorkDirectoryURL.appending(
      path: keys ? "CatalogueKeys.swift" : "EmbeddedTemplates.swift")
    return [
      .buildCommand(
        displayName: keys
          ? "Naming the catalogues' entries for \(target.name)"
          : "Embedding Templates/ into \(target.name)",
        executable: try context.tool(named: "TemplateEmbedder").url,
        arguments: (keys ? ["--keys"] : []) + [templates.path, output.path],
        inputFiles: inputs,
        outputFiles: [output]
      )
    ]
  }
}
