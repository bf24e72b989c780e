import CandorAnalysis

/// What the diff templates render; sentences are plain text, tables are view models whose
/// markup CandorHTML fills into the `*HTML` slots.
public struct DiffView: Sendable {
  public var title: String
  public var clientName: String
  public var verdict: String
  public var summary: TableView
  public var summaryHTML: String = ""
  public var tasks: [DiffTaskView]
  public var method: String
}

public struct DiffTaskView: Sendable {
  public var name: String
  public var verdict: String
  public var owner: String?
  public var sets: [DiffSetView]
}

public struct DiffSetView: Sendable {
  public var setID: String
  public var verdict: String
  public var metrics: TableView
  public var metricsHTML: String = ""
  public var flips: [String]
}

/// Words of the diff report, and the plain-text summary printed on standard output.
public struct DiffNarrator: Sendable {
  /// Examples' ids by hash, looked up by the caller from the candidate files.
  public var ids: [UInt64: String]
  /// The reasons a change has no value, in English (the diff is written for the team).
  let words: Words

  public init(ids: [UInt64: String], words: Words) {
    self.ids = ids
    self.words = words
  }

  public func view(_ diff: ModelDiff, clientName: String) -> DiffView {
    DiffView(
      title: "\(clientName): \(diff.candidate) compared with \(diff.base)",
      clientName: clientName,
      verdict: verdictSentence(diff),
      summary: summaryTable(diff),
      tasks: diff.tasks.map { task in
        DiffTaskView(
          name: task.task.name, verdict: task.verdict.phrase,
          owner: task.verdict >= .possibleRegression
            ? task.task.owner.map { "Owner to tell: \($0)." }
              ?? "No owner is named for this task in client.yaml." : nil,
          sets: task.sets.map { set in
            DiffSetView(
              setID: set.setID, verdict: set.verdict.phrase, metrics: metricsTable(set),
              flips: flips(set, unit: words.unit(task.task.unit)))
          })
      },
      method:
        "A set's verdict is its task's primary metric: 'improved' or 'regressed' when that change is significant after Holm's correction across the \(diff.comparisons) primary comparisons (one per task and set; family-wise 5%). It is a 'possible regression' when the primary metric got worse with a Holm-corrected p-value under \(DiffAnalyzer.possibleRegressionP) instead of 0.05: a looser bar, because a missed regression costs more than a second look. The other \(diff.supportingComparisons) metric changes are corrected as a family of their own and shown as evidence; they do not set the verdict or --fail-on."
    )
  }

  func verdictSentence(_ diff: ModelDiff) -> String {
    let regressed = diff.tasks.filter { $0.verdict == .regressed }.map(\.task.name)
    let possible = diff.tasks.filter { $0.verdict == .possibleRegression }.map(\.task.name)
    let improved = diff.tasks.filter { $0.verdict == .improved }.map(\.task.name)
    var parts: [String] = []
    if !improved.isEmpty { parts.append("Improved: \(improved.joined(separator: ", ")).") }
    if !regressed.isEmpty { parts.append("Regressed: \(regressed.joined(separator: ", ")).") }
    if !possible.isEmpty {
      parts.append("Possible regression: \(possible.joined(separator: ", ")).")
    }
    if parts.isEmpty { parts.append("No task changed beyond noise.") }
    return parts.joined(separator: " ")
  }

  func summaryTable(_ diff: ModelDiff) -> TableView {
    let rows = diff.tasks.flatMap { task in
      task.sets.map { set -> TableView.Row in
        let metric = task.primaryMetric
        let before =
          set.before.estimate(metric)?.value.map {
            NumberFormat.english.metric($0, isRate: metric.isRate)
          } ?? "undefined"
        let after =
          set.after.estimate(metric)?.value.map {
            NumberFormat.english.metric($0, isRate: metric.isRate)
          } ?? "undefined"
        return TableView.Row(
          header: "\(task.task.name) · \(set.setID)",
          cells: [
            TableView.Cell(metric.displayName), TableView.Cell("\(before) → \(after)"),
            TableView.Cell(set.verdict.phrase, strong: true),
            TableView.Cell(set.verdict >= .possibleRegression ? task.task.owner ?? "—" : ""),
          ])
      }
    }
    return TableView(
      caption: "Every task and set present in both runs",
      columns: ["Task · set", "Watched metric", "Base → candidate", "Verdict", "Owner"], rows: rows)
  }

  func metricsTable(_ set: SetDiff) -> TableView {
    let rows = zip(set.changes, set.verdicts).map { change, verdict -> TableView.Row in
      let rate = change.metric.isRate
      func show(_ value: Double?) -> String {
        value.map { NumberFormat.english.metric($0, isRate: rate) } ?? "undefined"
      }
      func signed(_ value: Double) -> String {
        rate ? NumberFormat.english.signedPoints(value) : NumberFormat.english.signedScore(value)
      }
      let delta = change.delta.map(signed) ?? (change.reason.map(words.reason) ?? "—")
      let interval =
        change.ci95.map { "\(signed($0.lowerBound)) to \(signed($0.upperBound))" } ?? "—"
      let p = change.pValue.map { $0 < 0.001 ? "p < 0.001" : String(format: "p = %.3f", $0) } ?? "—"
      return TableView.Row(
        header: capitalizedFirst(change.metric.displayName),
        cells: [
          TableView.Cell("\(show(change.previous)) → \(show(change.current))"),
          TableView.Cell(TableView.Text(delta), detail: TableView.Text(interval)),
          TableView.Cell(TableView.Text(change.test ?? "—"), detail: TableView.Text(p)),
          TableView.Cell(verdict.phrase, strong: true),
        ])
    }
    return TableView(
      caption: nil,
      columns: ["Metric", "Base → candidate", "Change (95% interval)", "Test", "Verdict"],
      rows: rows, kind: .diff)
  }

  func flips(_ set: SetDiff, unit: String) -> [String] {
    guard let flips = set.flips else {
      return [
        "Examples cannot be matched one by one (no shared ids), so no flipped examples are listed."
      ]
    }
    var lines = [
      "\(NumberFormat.english.count(flips.becameWrong)) \(unit) were right with the base model and are wrong with the candidate; \(NumberFormat.english.count(flips.becameRight)) went the other way."
    ]
    for entry in flips.perClass where entry.becameWrong + entry.becameRight > 0 {
      lines.append(
        "True class '\(entry.label)': \(NumberFormat.english.count(entry.becameWrong)) now wrong, \(NumberFormat.english.count(entry.becameRight)) now right."
      )
    }
    let wrongIDs = flips.wrongSamples.compactMap { ids[$0] }
    let rightIDs = flips.rightSamples.compactMap { ids[$0] }
    if !wrongIDs.isEmpty {
      lines.append("Now wrong, for example: \(wrongIDs.joined(separator: ", ")).")
    }
    if !rightIDs.isEmpty {
      lines.append("Now right, for example: \(rightIDs.joined(separator: ", ")).")
    }
    return lines
  }

  /// The summary printed on standard output: one line per task and set, then the verdict.
  public func text(_ diff: ModelDiff) -> String {
    var lines = ["Candor diff: \(diff.candidate) against \(diff.base)"]
    for task in diff.tasks {
      for set in task.sets {
        let metric = task.primaryMetric
        var line = "  \(task.task.id)/\(set.setID): \(set.verdict.phrase)"
        if let change = set.changes.first(where: { $0.metric == metric }),
          let before = change.previous, let after = change.current
        {
          line +=
            " (\(metric.rawValue) \(NumberFormat.english.metric(before, isRate: metric.isRate)) -> \(NumberFormat.english.metric(after, isRate: metric.isRate)))"
        }
        let worse = zip(set.changes, set.verdicts).filter { $0.1 >= .possibleRegression }.map {
          "\($0.0.metric.rawValue) \($0.1.rawValue)"
        }
        if !worse.isEmpty { line += "; " + worse.joined(separator: ", ") }
        if set.verdict >= .possibleRegression, let owner = task.task.owner {
          line += "; owner: \(owner)"
        }
        lines.append(line)
      }
    }
    lines.append("Verdict: \(diff.verdict.phrase). \(verdictSentence(diff))")
    return lines.joined(separator: "\n") + "\n"
  }
}

func capitalizedFirst(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
