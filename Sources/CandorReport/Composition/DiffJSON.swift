import CandorAnalysis
import CandorModel
import CandorWorkspace

/// diff.json: the machine-readable diff, in the same vocabulary as summary.json.
public enum DiffJSON {
  public static func make(_ diff: ModelDiff, client: String, ids: [UInt64: String], words: Words)
    -> JSONValue
  {
    .object([
      ("schema_version", .integer(1)),
      ("client", .string(client)),
      ("base", .string(diff.base)),
      ("candidate", .string(diff.candidate)),
      ("verdict", .string(diff.verdict.rawValue)),
      ("comparisons", .integer(diff.comparisons)),
      ("supporting_comparisons", .integer(diff.supportingComparisons)),
      (
        "tasks",
        .array(
          diff.tasks.map { task in
            .object([
              ("id", .string(task.task.id)),
              ("verdict", .string(task.verdict.rawValue)),
              ("owner", task.task.owner.map { .string($0) } ?? .null),
              ("primary_metric", .string(task.primaryMetric.rawValue)),
              (
                "sets",
                .array(task.sets.map { setJSON($0, task: task.task, ids: ids, words: words) })
              ),
            ])
          })
      ),
    ])
  }

  static func setJSON(_ set: SetDiff, task: TaskConfig, ids: [UInt64: String], words: Words)
    -> JSONValue
  {
    var members: [(String, JSONValue)] = [
      ("id", .string(set.setID)),
      ("verdict", .string(set.verdict.rawValue)),
      (
        "metrics",
        .object(
          zip(set.changes, set.verdicts).map { change, verdict in
            guard case .object(var fields) = SummaryJSON.change(change, words: words) else {
              return (change.metric.rawValue, .null)
            }
            // The gate's classification, in place of the report's words for the change.
            fields.removeAll { $0.0 == "verdict" }
            fields.append(("verdict", .string(verdict.rawValue)))
            return (change.metric.rawValue, .object(fields))
          })
      ),
    ]
    if let flips = set.flips {
      members.append(
        (
          "flips",
          .object([
            ("became_wrong", .integer(flips.becameWrong)),
            ("became_right", .integer(flips.becameRight)),
            (
              "per_class",
              .object(
                flips.perClass.map {
                  (
                    task.fileName(ofClass: $0.label),
                    .object([
                      ("became_wrong", .integer($0.becameWrong)),
                      ("became_right", .integer($0.becameRight)),
                    ])
                  )
                })
            ),
            (
              "became_wrong_examples",
              .array(flips.wrongSamples.compactMap { ids[$0] }.map { .string($0) })
            ),
            (
              "became_right_examples",
              .array(flips.rightSamples.compactMap { ids[$0] }.map { .string($0) })
            ),
          ])
        ))
    }
    return .object(members)
  }
}
