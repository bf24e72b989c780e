import CandorAnalysis
import CandorModel
import CandorWorkspace

/// "Why we check several validation sets": what each set is for, from client.yaml. A test set
/// is called untouched only where no finding says otherwise, and said so once, in its own line.
enum SetsNarrator {
  /// - Parameter shownNews: the callouts shown this week; a test set's reuse told by one is
  ///   not told again here.
  static func view(_ week: WeekAnalysis, words: Words, shownNews: [Editor.Callout] = [])
    -> SetsView
  {
    func say(_ key: Sentence.Sets, _ context: [String: Any] = [:]) -> String {
      words.sentence(key, context)
    }
    let used = Set(week.tasks.flatMap { $0.sets.map(\.config.id) })
    let flagged = Dictionary(
      grouping: week.findings.filter {
        $0.code == .testSetOverlap || $0.code == .testSetReused
      }, by: { $0.set ?? "" })
    let items = week.validationSets.filter { used.contains($0.id) }.map { set in
      SetItem(
        id: set.id, role: words.sentence(Sentence.Sets.role(set.role)),
        description: Phrases.sentence(set.description),
        explanation: explanation(
          set, flags: flagged[set.id] ?? [],
          toldAbove: shownNews.contains {
            $0.codes == [.testSetReused] && $0.sets.contains(set.id)
          }, words: words))
    }
    // A disagreement a callout of "What is new this week" tells is not told twice.
    let disagreements = week.findings.filter { finding in
      finding.code == .setsDisagree && !shownNews.contains { Editor.covers($0, finding) }
    }.map(words.message)
    return SetsView(items: items, disagreements: disagreements, show: items.count > 1)
  }

  static func explanation(
    _ set: ValidationSetConfig, flags: [Finding], toldAbove: Bool = false, words: Words
  ) -> String {
    guard set.role == .test, !flags.isEmpty else {
      return words.sentence(Sentence.Sets.explanation(set.role))
    }
    if flags.contains(where: { $0.code == .testSetOverlap }) {
      return words.sentence(Sentence.Sets.overlapping)
    }
    return words.sentence(toldAbove ? Sentence.Sets.reusedToldAbove : .reused)
  }
}

extension Sentence.Sets {
  /// "test", "validation", "monitoring": a set's role.
  static func role(_ role: SetRole) -> Self {
    switch role {
    case .test: .role_test
    case .validation: .role_validation
    case .monitoring: .role_monitoring
    }
  }

  /// What a set of this role is for.
  static func explanation(_ role: SetRole) -> Self {
    switch role {
    case .test: .explain_test
    case .validation: .explain_validation
    case .monitoring: .explain_monitoring
    }
  }
}
