import CandorAnalysis
import CandorModel
import CandorWorkspace

/// summary.json: every number and finding of the report, in the contract's schema. Locale-free:
/// messages are rendered with the English templates (and their overrides), whatever the report's language.
public enum SummaryJSON {
  public static func make(_ week: WeekAnalysis, words: Words) -> JSONValue {
    .object([
      ("schema_version", .integer(2)),
      ("client", .string(week.clientID)),
      ("client_name", .string(week.clientName)),
      ("week", .string(week.week.description)),
      ("compared_to", week.comparedTo.map { .string($0.description) } ?? .null),
      ("comparisons", .integer(week.comparisons)),
      ("supporting_comparisons", .integer(week.supportingComparisons)),
      ("tasks", .array(week.tasks.map { task($0, words: words) })),
      ("findings", .array(week.findings.map { finding($0, words: words) })),
    ])
  }

  static func task(_ task: TaskAnalysis, words: Words) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("id", .string(task.task.id)),
      ("name", .string(task.task.name)),
      ("kind", .string(task.isBinary ? "binary" : "multiclass")),
    ]
    // Machines read the classes as the files write them, not in the client's words.
    let file = task.task.fileName(ofClass:)
    if let label = task.positiveLabel { members.append(("positive_label", .string(file(label)))) }
    members += [
      ("classes", .array(task.classes.map { .string(file($0)) })),
      ("primary_metric", .string(task.primaryMetric.rawValue)),
      (
        "primary_metric_reason",
        .string(
          words.sentence(
            Sentence.PrimaryReason(task.primaryReason), ["label": task.positiveLabel ?? ""]))
      ),
      ("owner", task.task.owner.map { .string($0) } ?? .null),
      ("sets", .array(task.sets.map { set($0, task: task.task, words: words) })),
    ]
    return .object(members)
  }

  static func set(_ result: SetResult, task: TaskConfig, words: Words) -> JSONValue {
    let analysis = result.analysis
    let classes = analysis.classes.map(task.fileName(ofClass:))
    var members: [(String, JSONValue)] = [
      ("id", .string(result.config.id)),
      ("role", .string(result.config.role.rawValue)),
      ("source", .string(analysis.source.rawValue)),
    ]
    members += counts(analysis.counts, classes: classes)
    members.append(
      (
        "baseline",
        .object([
          ("label", .string(task.fileName(ofClass: analysis.baseline.label))),
          ("accuracy", .number(analysis.baseline.accuracy)),
        ])
      ))
    members.append(("metrics", metrics(analysis.metrics, words: words)))
    if let changes = result.changes {
      members.append(
        ("change", .object(changes.map { ($0.metric.rawValue, change($0, words: words)) })))
    }
    if let reliability = analysis.reliability {
      members.append(("reliability", Self.reliability(reliability)))
    }
    if !analysis.segments.isEmpty {
      members.append(
        (
          "segments",
          .object(
            analysis.segments.map { segment in
              (
                segment.name,
                .object(
                  counts(segment.counts, classes: classes) + [
                    ("metrics", metrics(segment.metrics, words: words))
                  ])
              )
            })
        ))
    }
    return .object(members)
  }

  /// The reliability diagram's bins and the verdict the report words.
  static func reliability(_ reliability: Reliability) -> JSONValue {
    let verdict: String
    switch reliability.verdict {
    case .trustworthy: verdict = "trustworthy"
    case .off: verdict = "off"
    case .tooFew: verdict = "too-few"
    }
    var members: [(String, JSONValue)] = [
      (
        "bins",
        .array(
          reliability.bins.map { bin in
            .object([
              ("low", .number(bin.low)), ("high", .number(bin.high)),
              ("examples", .integer(bin.examples)),
              ("mean_predicted", bin.meanPredicted.map { .number($0) } ?? .null),
              ("observed_rate", bin.observedRate.map { .number($0) } ?? .null),
            ])
          })
      ),
      ("verdict", .string(verdict)),
    ]
    if case .off(let index) = reliability.verdict { members.append(("worst_bin", .integer(index))) }
    return .object(members)
  }

  static func counts(_ counts: ConfusionCounts, classes: [String]) -> [(String, JSONValue)] {
    [
      ("examples", .integer(counts.total)),
      (
        "class_counts", .object(classes.indices.map { (classes[$0], .integer(counts.support($0))) })
      ),
      (
        "confusion_matrix",
        .object([
          ("labels", .array(classes.map { .string($0) })),
          ("matrix", .array(counts.rows.map { .array($0.map { .integer($0) }) })),
        ])
      ),
    ]
  }

  static func metrics(_ metrics: [(name: MetricName, estimate: MetricEstimate)], words: Words)
    -> JSONValue
  {
    .object(
      metrics.map { name, estimate in
        guard let value = estimate.value else {
          return (
            name.rawValue,
            .object([
              ("value", .null),
              (
                "reason",
                .string(
                  estimate.reason.map(words.reason) ?? words.sentence(Sentence.Task.undefinedOnData)
                )
              ),
            ])
          )
        }
        var members: [(String, JSONValue)] = [("value", .number(value))]
        if let ci = estimate.ci95 { members.append(("ci95", interval(ci))) }
        if let method = estimate.method { members.append(("ci_method", .string(method))) }
        return (name.rawValue, .object(members))
      })
  }

  static func change(_ change: MetricChange, words: Words) -> JSONValue {
    var members: [(String, JSONValue)] = [
      ("previous", change.previous.map { .number($0) } ?? .null),
      ("current", change.current.map { .number($0) } ?? .null),
      ("delta", change.delta.map { .number($0) } ?? .null),
    ]
    if let reason = change.reason { members.append(("reason", .string(words.reason(reason)))) }
    members.append(("ci95", change.ci95.map(interval) ?? .null))
    members.append(("test", change.test.map { .string($0.name) } ?? .null))
    members.append(("p_value", change.pValue.map { .number($0) } ?? .null))
    members.append(("p_value_holm", change.adjustedPValue.map { .number($0) } ?? .null))
    members.append(("significant", change.family == .none ? .null : .bool(change.significant)))
    members.append(("family", .string(change.family.rawValue)))
    members.append(("verdict", .string(Phrases.verdict(change, words: words))))
    if let paired = change.pairedExamples { members.append(("paired_examples", .integer(paired))) }
    return .object(members)
  }

  static func interval(_ range: ClosedRange<Double>) -> JSONValue {
    .array([.number(range.lowerBound), .number(range.upperBound)])
  }

  static func finding(_ finding: Finding, words: Words) -> JSONValue {
    .object([
      ("code", .string(finding.code.rawValue)),
      ("severity", .string(finding.severity.rawValue)),
      ("task", .string(finding.task)),
      ("set", finding.set.map { .string($0) } ?? .null),
      ("message", .string(words.message(finding))),
    ])
  }
}
