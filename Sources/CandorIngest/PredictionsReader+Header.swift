import CandorModel
import Foundation

extension PredictionsReader {
  /// Why a score is refused under `score_kind: probability`.
  static func notProbability(_ text: String) -> String {
    "\(quoted(text)) is outside [0, 1]; score_kind: probability declares the scores to be probabilities"
  }

  /// A row with more or fewer fields than the header, naming the first column it lacks or the
  /// first field beyond the header.
  static func ragged(file: String, line: Int, fields: Int, header: [String]) -> InputError {
    func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }
    let shape =
      "this row has \(count(fields, "field")), the header \(count(header.count, "column"))"
    return fields < header.count
      ? InputError(
        file: file, line: line,
        field: header[fields].isEmpty
          ? "column \(fields + 1) (unnamed in the header)" : "column \(quoted(header[fields]))",
        "is missing; \(shape)")
      : InputError(
        file: file, line: line, field: "field \(header.count + 1)",
        "has no column in the header; \(shape)")
  }

  func readHeader(_ reader: CSVReader, file: String) throws -> Columns {
    let task = universe.task
    // The header names this task reads (client.yaml's `columns:` or the contract's own).
    var wanted: [String: ContractColumn] = [:]
    for column in ContractColumn.allCases { wanted[task.fileColumn(column)] = column }
    var positions: [ContractColumn: Int] = [:]
    // `class_scores:`: each class's column name, and where it was found.
    let classNames = task.classScores != nil ? task.classes ?? [] : []
    var classColumn: [String: Int] = [:]
    for (k, name) in classNames.enumerated() { classColumn[task.classScoreColumn(name)!] = k }
    var classPositions = [Int?](repeating: nil, count: classNames.count)
    var header: [String] = []
    for index in 0..<reader.fieldCount {
      guard let name = reader.string(index) else {
        throw InputError(file: file, line: reader.line, "the header is not valid UTF-8")
      }
      header.append(name)
      if let k = classColumn[name] {
        guard classPositions[k] == nil else {
          throw InputError(
            file: file, line: reader.line, field: "column \(quoted(name)) (class_scores)",
            "appears twice in the header")
        }
        classPositions[k] = index
        continue
      }
      guard let column = wanted[name] else { continue }
      if positions[column] != nil {
        throw InputError(
          file: file, line: reader.line, field: task.columnField(column),
          "appears twice in the header")
      }
      positions[column] = index
    }
    func missing(_ column: ContractColumn, _ why: String) -> InputError {
      missingColumn(
        column, why, header: header, read: wanted[column.rawValue] != nil, file: file,
        line: reader.line)
    }
    func named(_ column: ContractColumn) -> String { quoted(task.fileColumn(column)) }
    guard let label = positions[.label] else {
      throw missing(.label, "every predictions file needs the true class in \(named(.label))")
    }
    for (k, position) in classPositions.enumerated() where position == nil {
      let column = task.classScoreColumn(classNames[k])!
      throw InputError(
        file: file, line: reader.line, field: "column \(quoted(column)) (class_scores)",
        "is missing; class_scores: \(quoted(task.classScores!)) needs one score column per class, here for \(quoted(classNames[k]))"
      )
    }
    if positions[.prediction] == nil, task.classScores == nil {
      if !task.isBinary {
        throw missing(
          .prediction, "a multiclass task needs the predicted class in \(named(.prediction))")
      }
      if positions[.score] == nil {
        throw missing(
          .prediction,
          "a binary task needs \(named(.prediction)), or \(named(.score)) to apply the threshold to"
        )
      }
    }
    return Columns(
      label: label, prediction: positions[.prediction], score: positions[.score],
      id: positions[.id], segment: positions[.segment],
      classScores: task.classScores != nil ? classPositions.map { $0! } : nil,
      count: reader.fieldCount, header: header)
  }

  /// A column the file lacks, with what may explain it: client.yaml maps the contract's name
  /// away from a column the file has (`read` false), or its name holds a lookalike letter.
  func missingColumn(
    _ column: ContractColumn, _ why: String, header: [String], read: Bool, file: String, line: Int
  ) -> InputError {
    let task = universe.task
    var reason = "is missing; \(why)"
    if task.columns[column] != nil, header.contains(column.rawValue), !read {
      reason +=
        " (the file's '\(column.rawValue)' column is not read: client.yaml maps \(column.rawValue) to \(quoted(task.fileColumn(column))))"
    }
    // A letter pasted from another alphabet (Cyrillic 'а' for 'a') looks right and never matches.
    if task.columns[column] != nil,
      let foreign = task.fileColumn(column).unicodeScalars.first(where: { !$0.isASCII }),
      header.allSatisfy({ $0.unicodeScalars.allSatisfy(\.isASCII) })
    {
      reason +=
        " (client.yaml's column name holds the non-ASCII character \(TerminalSafe.codePoint(foreign)), which may only look like a letter of the header's; retype it)"
    }
    return InputError(file: file, line: line, field: task.columnField(column), reason)
  }
}
