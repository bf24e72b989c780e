import Mustache

/// The Mustache parser's complaints in words, for whoever wrote the template (not the
/// client: no report carries them).
extension TemplateLibrary {
  static func describe(_ error: Error) -> String {
    guard let error = error as? MustacheTemplate.Error else { return "\(error)" }
    switch error {
    case .sectionCloseNameIncorrect: return "a section closes with another name than it opened with"
    case .unfinishedName: return "a tag is not closed with }}"
    case .expectedSectionEnd: return "a section opened here is never closed"
    case .invalidSetDelimiter: return "a set-delimiter tag is malformed"
    case .transformAppliedToInheritanceSection:
      return "a transform is applied to an inherited section"
    case .illegalTokenInsideInheritSection: return "an inherited partial holds a tag it cannot"
    case .textInsideInheritSection: return "an inherited partial holds text outside its blocks"
    case .invalidConfigVariableSyntax: return "a {{% … }} line is malformed"
    case .unrecognisedConfigVariable: return "a {{% … }} line names an unknown setting"
    @unknown default: return "\(error)"
    }
  }
}
