import CandorAnalysis
import CandorWorkspace

/// "Why we check several validation sets": what each set is for, from client.yaml. A test set
/// is called untouched only where no finding says otherwise.
enum SetsNarrator {
    static func view(_ week: WeekAnalysis, words: Words) -> SetsView {
        let used = Set(week.tasks.flatMap { $0.sets.map(\.config.id) })
        let flagged = Dictionary(grouping: week.findings.filter { $0.code == "test-set-overlap" || $0.code == "test-set-reused" }, by: { $0.set ?? "" })
        let items = week.validationSets.filter { used.contains($0.id) }.map { set in
            SetItem(
                id: set.id, role: Phrases.roleName(set.role), description: Phrases.sentence(set.description),
                explanation: explanation(set, flags: flagged[set.id] ?? []))
        }
        let disagreements = week.findings.filter { $0.code == "sets-disagree" }.map(words.message)
        let flaggedTests = week.validationSets.filter { $0.role == .test && used.contains($0.id) && flagged[$0.id] != nil }.map(\.id)
        let note =
            flaggedTests.isEmpty
            ? "The test set stays untouched: if we tuned the model on it, its score would stop predicting how the model does on new data."
            : "A test set is meant to stay untouched: if the model is tuned on it, or it shares examples with the data the model learned from, its score stops predicting how the model does on new data. That is no longer fully true of \(flaggedTests.map { "'\($0)'" }.joined(separator: " and ")), as noted above, so read \(flaggedTests.count == 1 ? "its score" : "their scores") as somewhat optimistic."
        return SetsView(items: items, disagreements: disagreements, show: items.count > 1, testSetNote: note)
    }

    static func explanation(_ set: ValidationSetConfig, flags: [Finding]) -> String {
        guard set.role == .test, !flags.isEmpty else { return Phrases.roleExplanation(set.role) }
        if flags.contains(where: { $0.code == "test-set-overlap" }) {
            return "It is meant to be kept apart from everything the model learned from, but this week it shares examples with another set, so its score may be too optimistic."
        }
        return "It is meant to be read only to confirm results; it has now been scored often enough that its score may be slightly optimistic."
    }
}
