import Foundation

// Writes Swift sources from the Templates/ folder, for the EmbedTemplates build-tool plugin:
//
//   TemplateEmbedder <templates-folder> <output.swift>         every file as a string literal,
//     keyed by its path relative to the folder ("report.md.mustache", "layout/report/task.mustache");
//   TemplateEmbedder --keys <templates-folder> <output.swift>  the English catalogues' entry names
//     as enums (`Phrase`, `Sentence.Change`, …), so code asking for a missing entry does not compile.
//
// A file that is not UTF-8 text stops the build with its name.

var arguments = Array(CommandLine.arguments.dropFirst())
let keys = arguments.first == "--keys"
if keys { arguments.removeFirst() }
guard arguments.count == 2 else {
  FileHandle.standardError.write(
    Data("usage: TemplateEmbedder [--keys] <templates-folder> <output.swift>\n".utf8))
  exit(2)
}
let folder = URL(fileURLWithPath: arguments[0]).standardizedFileURL
let output = arguments[1]
let source = keys ? catalogueKeysSource(folder: folder) : embeddedTemplatesSource(folder: folder)

do {
  // Rewrite only on change, so an unchanged set does not recompile the target.
  if (try? String(contentsOfFile: output, encoding: .utf8)) != source {
    try source.write(toFile: output, atomically: true, encoding: .utf8)
  }
} catch {
  FileHandle.standardError.write(Data("error: cannot write \(output): \(error)\n".utf8))
  exit(1)
}
