import CandorIngest
import CandorModel

extension InferredTask {
  /// The task's client.yaml entry, one `key: value` per line, only the keys that differ from
  /// the contract's defaults; `csv:` only where the file's dialect is not the client's.
  public func yamlEntry(id: String, clientDialect: CSVDialect, classNames: [String: String])
    -> [String]
  {
    var lines = ["id: \(yamlQuoted(id))"]
    if let positiveLabel { lines.append("positive_label: \(yamlQuoted(positiveLabel))") }
    if let classes { lines.append("classes: [\(classes.map(yamlQuoted).joined(separator: ", "))]") }
    let mapping = columnMapping
    if !mapping.isEmpty {
      let pairs = ContractColumn.allCases.compactMap { column in
        mapping[column].map { "\(column.rawValue): \(yamlQuoted($0))" }
      }
      lines.append("columns: {\(pairs.joined(separator: ", "))}")
    }
    if let classScores { lines.append("class_scores: \(yamlQuoted(classScores))") }
    if let scoreKind { lines.append("score_kind: \(scoreKind.rawValue)") }
    if dialect != clientDialect {
      let delimiter = String(UnicodeScalar(dialect.delimiter))
      let decimal = String(UnicodeScalar(dialect.decimal))
      lines.append("csv: {delimiter: \(yamlQuoted(delimiter)), decimal: \(yamlQuoted(decimal))}")
    }
    if !classNames.isEmpty {
      let pairs = classNames.keys.sorted().map {
        "\(yamlQuoted($0)): \(yamlQuoted(classNames[$0]!))"
      }
      lines.append("class_names: {\(pairs.joined(separator: ", "))}")
    }
    return lines
  }
}
