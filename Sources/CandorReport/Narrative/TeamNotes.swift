import CandorAnalysis
import CandorModel
import CandorWorkspace

/// `notes.md`: remarks for the team, written beside the report and never shown to the client
/// (what to check, which change to suspect, test-set hygiene, what to watch next week).
extension Narrator {
  public func teamNotes(_ week: WeekAnalysis) -> String {
    func md(_ text: String) -> String { MarkdownText.escape(text) }
    func say(_ key: Sentence.Notes, _ context: [String: Any] = [:]) -> String {
      words.notes(key, context)
    }
    var check: [String] = []
    var watch: [String] = []
    var hygiene: [String] = []
    let shipped = week.worklog?.items.filter { $0.status == .shipped } ?? []
    for task in week.tasks {
      let notes = taskNotes(task, shipped: shipped)
      check += notes.check.map { [$0] } ?? []
      watch += notes.watch
    }
    for finding in week.findings {
      switch finding.code {
      case .significantRegression where finding.severity == .warning:
        watch.append(
          "\(finding.task) · \(finding.set ?? say(.allSets)): \(words.message(finding))")
      case .prevalenceShift where finding.severity == .warning:
        check.append(
          "\(finding.task) · \(finding.set ?? say(.allSets)): \(words.message(finding)) \(say(.checkSampling))"
        )
      case .testSetReused:
        hygiene.append("\(words.message(finding)) \(say(.freshTestSet))")
      case .testSetOverlap:
        hygiene.append("\(words.message(finding)) \(say(.removeShared))")
      default: continue
      }
    }
    hygiene = hygiene.reduce(into: []) { if !$0.contains($1) { $0.append($1) } }
    // A report in a language the client's texts lack reads them in another: said, not hidden.
    if !week.translationGaps.isEmpty {
      check.append(
        say(.untranslated, ["fields": week.translationGaps.joined(separator: "; ")]))
    }
    var out =
      "# \(md(say(.title, ["client": week.clientName, "week": words.week(week.week)])))\n\n"
    out += md(say(.intro)) + "\n"
    // The team's edition is a file beside this one; the link is ours, the words the catalogue's.
    out += "\n" + md(say(.teamEdition)) + " [report-team.html](report-team.html)\n"
    for (title, lines) in [
      (say(.toCheck), check), (say(.toWatch), watch), (say(.hygiene), hygiene),
    ] where !lines.isEmpty {
      out += "\n## \(md(title))\n\n" + lines.map { "- " + md($0) }.joined(separator: "\n") + "\n"
    }
    if check.isEmpty && watch.isEmpty && hygiene.isEmpty {
      out += "\n" + md(say(.nothingToCheck)) + "\n"
    }
    return out
  }

  /// One task's notes: its drops on the primary metric as one thing to check (with the shipped
  /// work to suspect first), and each suggestive move to watch.
  func taskNotes(_ task: TaskAnalysis, shipped: [WorklogItem]) -> (check: String?, watch: [String])
  {
    func say(_ key: Sentence.Notes, _ context: [String: Any] = [:]) -> String {
      words.notes(key, context)
    }
    let metric = task.primaryMetric
    // A drop on several sets is one thing to check: one line per task.
    var drops: [String] = []
    var watch: [String] = []
    for set in task.sets {
      guard let change = set.change(metric), let delta = change.delta,
        ChangeNarrator.visible(change)
      else { continue }
      if change.significant && delta < 0 {
        drops.append(
          words.sentence(
            Sentence.Progress.dropOn,
            [
              "set": set.config.id,
              "movement": words.numbers.movement(delta, isRate: metric.isRate),
            ]))
      } else if change.isHeldBack || change.isSuggestive {
        watch.append(
          say(
            change.isHeldBack ? .heldBack : .suggestive,
            [
              "task": task.task.name, "metric": words.metric(metric), "set": set.config.id,
              "change": Phrases.change(change, metric, words: words),
              // 4.6e-57 is "< 0.001", not "= 0.000".
              "p": (change.pValue ?? 1) < 0.001
                ? "< " + words.numbers.fixed(0.001, 3)
                : "= " + words.numbers.fixed(change.pValue ?? 1, 3),
            ]))
      }
    }
    guard !drops.isEmpty else { return (nil, watch) }
    let aimed = shipped.filter { $0.tasks.contains(task.task.id) }.map(\.title)
    let others = shipped.filter { !$0.tasks.contains(task.task.id) }.map(\.title)
    var line = say(
      .fell,
      ["task": task.task.name, "metric": words.metric(metric), "drops": words.list(drops)])
    if !aimed.isEmpty {
      line += " " + say(.checkShipped, ["items": aimed.map(words.quoted).joined(separator: ", ")])
    } else if !others.isEmpty {
      line +=
        " "
        + say(
          .checkOthers,
          ["items": others.map(words.quoted).joined(separator: " \(say(.or)) ")])
    } else {
      line += " " + say(.checkData)
    }
    return (line, watch)
  }
}

extension Words {
  /// A sentence of the team's notes.
  fileprivate func notes(_ key: Sentence.Notes, _ context: [String: Any] = [:]) -> String {
    sentence(key, context)
  }
}
