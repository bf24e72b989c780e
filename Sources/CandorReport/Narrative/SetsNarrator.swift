import CandorAnalysis
import CandorWorkspace

/// "Why we check several validation sets": what each set is for, from client.yaml.
enum SetsNarrator {
    static func view(_ week: WeekAnalysis) -> SetsView {
        let used = Set(week.tasks.flatMap { $0.sets.map(\.config.id) })
        let items = week.validationSets.filter { used.contains($0.id) }.map { set in
            SetItem(id: set.id, role: Phrases.roleName(set.role), description: Phrases.sentence(set.description),
                    explanation: Phrases.roleExplanation(set.role))
        }
        let disagreements = week.findings.filter { $0.code == "sets-disagree" }.map(\.message)
        return SetsView(items: items, disagreements: disagreements, show: items.count > 1)
    }
}
