import CandorAnalysis
import CandorReport
import Foundation

/// The repository's own templates, in English: what every narrator test reads its words from.
public let testWords: Words = {
  let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Templates").path
  return Words(templates: try! TemplateLibrary(sources: [TemplateLibrary.texts(inFolder: folder)]))
}()

extension Finding {
  /// The finding's English message, as summary.json and the report write it.
  public var message: String { testWords.message(self) }
}
