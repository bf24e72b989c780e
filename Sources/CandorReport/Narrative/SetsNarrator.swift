import CandorAnalysis
import CandorWorkspace

/// "Why we check several validation sets": what each set is for, from client.yaml. A test set
/// is called untouched only where no finding says otherwise, and said so once, in its own line.
enum SetsNarrator {
  static func view(_ week: WeekAnalysis, words: Words) -> SetsView {
    func say(_ key: String, _ context: [String: Any] = [:]) -> String {
      words.sentence("sets", key, context)
    }
    let used = Set(week.tasks.flatMap { $0.sets.map(\.config.id) })
    let flagged = Dictionary(
      grouping: week.findings.filter {
        $0.code == "test-set-overlap" || $0.code == "test-set-reused"
      }, by: { $0.set ?? "" })
    let items = week.validationSets.filter { used.contains($0.id) }.map { set in
      SetItem(
        id: set.id, role: say("role_" + set.role.rawValue),
        description: Phrases.sentence(set.description),
        explanation: explanation(set, flags: flagged[set.id] ?? [], words: words))
    }
    let disagreements = week.findings.filter { $0.code == "sets-disagree" }.map(words.message)
    return SetsView(items: items, disagreements: disagreements, show: items.count > 1)
  }

  static func explanation(_ set: ValidationSetConfig, flags: [Finding], words: Words) -> String {
    guard set.role == .test, !flags.isEmpty else {
      return words.sentence("sets", "explain_" + set.role.rawValue)
    }
    return words.sentence(
      "sets", flags.contains(where: { $0.code == "test-set-overlap" }) ? "overlapping" : "reused")
  }
}
