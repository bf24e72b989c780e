import CandorAnalysis

/// What the diff templates render; sentences are plain text, tables are view models whose
/// markup CandorHTML renders beside them (`summaryHTML`, `metricsHTML`).
public struct DiffView: Sendable {
  public var title: String
  public var clientName: String
  public var verdict: String
  public var summary: TableView
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
  public var flips: [String]
}

/// Words of the diff report, and the plain-text summary printed on standard output; every
/// sentence comes from `narrative/diff.mustache`.
public struct DiffNarrator: Sendable {
  /// Examples' ids by hash, looked up by the caller from the candidate files.
  public var ids: [UInt64: String]
  let words: Words

  public init(ids: [UInt64: String], words: Words) {
    self.ids = ids
    self.words = words
  }

  func say(_ key: Sentence.Diff, _ context: [String: Any] = [:]) -> String {
    words.sentence(key, context)
  }

  /// "improved", "possible regression": a verdict in words.
  func phrase(_ verdict: DiffVerdict) -> String {
    switch verdict {
    case .unchanged: say(.verdict_unchanged)
    case .improved: say(.verdict_improved)
    case .possibleRegression: say(.verdict_possibleRegression)
    case .regressed: say(.verdict_regressed)
    }
  }

  public func view(_ diff: ModelDiff, clientName: String) -> DiffView {
    DiffView(
      title: say(.title, ["client": clientName, "candidate": diff.candidate, "base": diff.base]),
      clientName: clientName,
      verdict: verdictSentence(diff),
      summary: summaryTable(diff),
      tasks: diff.tasks.map { task in
        DiffTaskView(
          name: task.task.name, verdict: phrase(task.verdict),
          owner: task.verdict >= .possibleRegression
            ? task.task.owner.map { say(.ownerToTell, ["owner": $0]) } ?? say(.noOwner) : nil,
          sets: task.sets.map { set in
            DiffSetView(
              setID: set.setID, verdict: phrase(set.verdict), metrics: metricsTable(set),
              flips: flips(set, unit: words.unit(task.task.unit)))
          })
      },
      method: say(
        .method,
        [
          "comparisons": String(diff.comparisons),
          "possibleP": words.numbers.shortest(DiffAnalyzer.possibleRegressionP),
          "supporting": String(diff.supportingComparisons),
        ])
    )
  }

  func verdictSentence(_ diff: ModelDiff) -> String {
    let parts = [
      (Sentence.Diff.improvedTasks, DiffVerdict.improved), (.regressedTasks, .regressed),
      (.possibleTasks, .possibleRegression),
    ].compactMap { key, verdict -> String? in
      let names = diff.tasks.filter { $0.verdict == verdict }.map(\.task.name)
      return names.isEmpty ? nil : say(key, ["tasks": names.joined(separator: ", ")])
    }
    return parts.isEmpty ? say(.nothingChanged) : parts.joined(separator: " ")
  }

  func show(_ value: Double?, isRate: Bool) -> String {
    value.map { words.numbers.metric($0, isRate: isRate) } ?? say(.undefined)
  }

  func summaryTable(_ diff: ModelDiff) -> TableView {
    let rows = diff.tasks.flatMap { task in
      task.sets.map { set -> TableView.Row in
        let metric = task.primaryMetric
        let before = show(set.before.estimate(metric)?.value, isRate: metric.isRate)
        let after = show(set.after.estimate(metric)?.value, isRate: metric.isRate)
        return TableView.Row(
          header: "\(task.task.name) · \(set.setID)",
          cells: [
            TableView.Cell(metric.displayName), TableView.Cell("\(before) → \(after)"),
            TableView.Cell(phrase(set.verdict), strong: true),
            TableView.Cell(set.verdict >= .possibleRegression ? task.task.owner ?? "—" : ""),
          ])
      }
    }
    return TableView(
      caption: say(.summaryCaption),
      columns: [
        say(.columnTaskSet), say(.columnWatched), say(.columnBaseCandidate),
        say(.columnVerdict), say(.columnOwner),
      ], rows: rows)
  }

  func metricsTable(_ set: SetDiff) -> TableView {
    let n = words.numbers
    let rows = zip(set.changes, set.verdicts).map { change, verdict -> TableView.Row in
      let rate = change.metric.isRate
      let delta =
        change.delta.map { n.signed($0, isRate: rate) } ?? (change.reason.map(words.reason) ?? "—")
      let interval =
        change.ci95.map {
          say(
            .interval,
            [
              "low": n.signed($0.lowerBound, isRate: rate),
              "high": n.signed($0.upperBound, isRate: rate),
            ])
        } ?? "—"
      let p =
        change.pValue.map {
          $0 < 0.001
            ? say(.pBelow, ["p": n.fixed(0.001, 3)]) : say(.pEquals, ["p": n.fixed($0, 3)])
        } ?? "—"
      return TableView.Row(
        header: capitalizedFirst(change.metric.displayName),
        cells: [
          TableView.Cell(
            "\(show(change.previous, isRate: rate)) → \(show(change.current, isRate: rate))"),
          TableView.Cell(TableView.Text(delta), detail: TableView.Text(interval)),
          TableView.Cell(TableView.Text(change.test?.name ?? "—"), detail: TableView.Text(p)),
          TableView.Cell(phrase(verdict), strong: true),
        ])
    }
    return TableView(
      caption: nil,
      columns: [
        say(.columnMetric), say(.columnBaseCandidate), say(.columnChange), say(.columnTest),
        say(.columnVerdict),
      ], rows: rows, kind: .diff)
  }

  func flips(_ set: SetDiff, unit: String) -> [String] {
    guard let flips = set.flips else { return [say(.noSharedIDs)] }
    let n = words.numbers
    var lines = [
      say(
        .flipped,
        ["wrong": n.count(flips.becameWrong), "unit": unit, "right": n.count(flips.becameRight)])
    ]
    for entry in flips.perClass where entry.becameWrong + entry.becameRight > 0 {
      lines.append(
        say(
          .flippedClass,
          [
            "label": entry.label, "wrong": n.count(entry.becameWrong),
            "right": n.count(entry.becameRight),
          ]))
    }
    let wrongIDs = flips.wrongSamples.compactMap { ids[$0] }
    let rightIDs = flips.rightSamples.compactMap { ids[$0] }
    if !wrongIDs.isEmpty {
      lines.append(say(.nowWrong, ["ids": wrongIDs.joined(separator: ", ")]))
    }
    if !rightIDs.isEmpty {
      lines.append(say(.nowRight, ["ids": rightIDs.joined(separator: ", ")]))
    }
    return lines
  }

  /// The summary printed on standard output: one line per task and set, then the verdict.
  public func text(_ diff: ModelDiff) -> String {
    var lines = [say(.textTitle, ["candidate": diff.candidate, "base": diff.base])]
    for task in diff.tasks {
      for set in task.sets {
        let metric = task.primaryMetric
        var line = "  \(task.task.id)/\(set.setID): \(phrase(set.verdict))"
        if let change = set.changes.first(where: { $0.metric == metric }),
          let before = change.previous, let after = change.current
        {
          line +=
            " (\(metric.rawValue) \(words.numbers.metric(before, isRate: metric.isRate)) -> \(words.numbers.metric(after, isRate: metric.isRate)))"
        }
        let worse = zip(set.changes, set.verdicts).filter { $0.1 >= .possibleRegression }.map {
          "\($0.0.metric.rawValue) \($0.1.rawValue)"
        }
        if !worse.isEmpty { line += "; " + worse.joined(separator: ", ") }
        if set.verdict >= .possibleRegression, let owner = task.task.owner {
          line += "; " + say(.textOwner, ["owner": owner])
        }
        lines.append(line)
      }
    }
    lines.append(
      say(.textVerdict, ["verdict": phrase(diff.verdict), "sentence": verdictSentence(diff)]))
    return lines.joined(separator: "\n") + "\n"
  }
}

func capitalizedFirst(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
