import CandorAnalysis

extension Sentence.PrimaryReason {
  /// Why a task's watched number was chosen, in words.
  init(_ reason: PrimaryReason) {
    switch reason {
    case .configured: self = .configured
    case .positiveIsMinority: self = .positiveIsMinority
    case .bothOutcomesCommon: self = .bothOutcomesCommon
    case .someClassesRare: self = .someClassesRare
    case .classesEven: self = .classesEven
    }
  }
}
