import CandorIngest
import CandorModel
import Foundation

/// What `candor add` was told on its command line about a file's columns and classes.
public struct AddHints: Sendable {
  public var label: String?
  public var prediction: String?
  public var score: String?
  public var id: String?
  public var positive: String?

  public init(
    label: String? = nil, prediction: String? = nil, score: String? = nil, id: String? = nil,
    positive: String? = nil
  ) {
    self.label = label
    self.prediction = prediction
    self.score = score
    self.id = id
    self.positive = positive
  }

  func column(_ column: ContractColumn) -> String? {
    switch column {
    case .label: label
    case .prediction: prediction
    case .score: score
    case .id: id
    case .segment: nil
    }
  }
}

/// A task's client.yaml entry as read off one predictions file, and what was concluded, in
/// sentences the user reads. Every rule is stated where it is applied; an ambiguity is an
/// error naming the candidates and the flag that settles it.
public struct InferredTask: Sendable {
  public var dialect: CSVDialect
  /// The contract columns the file holds, by the file's header name.
  public var columns: [ContractColumn: String] = [:]
  public var positiveLabel: String?
  /// Written when `class_scores` needs them, in the score columns' order.
  public var classes: [String]?
  /// Every class the file's label and prediction columns hold (or its score columns name).
  public var seenClasses: [String] = []
  public var classScores: String?
  public var scoreKind: ScoreKind?
  public var rows = 0
  /// Whether the positive class was taken as the rarer one (no flag, no usual name).
  private var positiveByRarity = false
  /// One line per conclusion, for the user.
  public var notes: [String] = []
  /// Legal but probably unintended.
  public var warnings: [String] = []

  /// Mappings that differ from the contract's own names: what `columns:` must say.
  public var columnMapping: [ContractColumn: String] {
    columns.filter { $0.key.rawValue != $0.value }
  }

  public init(path: String, displayPath: String, hints: AddHints) throws {
    dialect = try DialectSniffer.sniff(path: path, displayPath: displayPath)
    if dialect != .standard {
      notes.append(
        "dialect: fields separated by \(DialectSniffer.describe(dialect.delimiter)), decimal mark \(DialectSniffer.describe(dialect.decimal)) (csv: on the task)"
      )
    }
    let header = try EvaluationSurvey.header(
      path: path, displayPath: displayPath, dialect: dialect)
    try findColumns(header, hints: hints, file: displayPath)
    let classColumns = [columns[.label], columns[.prediction]].compactMap { $0 }.map {
      header.firstIndex(of: $0)!
    }
    let scoreColumn = columns[.score].map { header.firstIndex(of: $0)! }
    // The unnamed first column taken as the id by default (not by --id), checked below.
    let pandasIndex: Int? =
      hints.column(.id) == nil && columns[.id] != nil && columns[.id] == header.first
        && ColumnNames.isPandasIndex(header[0]) ? 0 : nil
    let survey = try EvaluationSurvey(
      path: path, displayPath: displayPath, dialect: dialect, classColumns: classColumns,
      numberColumns: scoreColumn.map { [$0] } ?? [], rowNumberColumn: pandasIndex)
    rows = survey.rows
    if pandasIndex != nil {
      if survey.holdsRowNumbers {
        // A default index numbers the rows of this file: any two files share it, so pairing
        // by it would compare unrelated examples (and call two sets overlapping).
        columns[.id] = nil
        notes.append(
          "the unnamed first column holds only the row numbers 0 to \(rows - 1) (pandas' default index), which any file of \(rows) rows shares, so it is not read as an example id; --id '' reads it when every week lists the same examples in the same order"
        )
      } else if survey.repeatsRowNumbers {
        // `pd.concat` of frames keeps each frame's index: values repeat, so they are no ids.
        columns[.id] = nil
        notes.append(
          "the unnamed first column repeats values (pandas' index after concatenating frames), so it is not read as an example id; write the file with an id column to pair examples week to week"
        )
      } else {
        notes.append(
          "id ← the unnamed first column (pandas writes its index there): the same example in two weeks is compared pair by pair"
        )
      }
    }
    let seen = Self.classes(
      classColumns.flatMap { survey.values[$0]! }, decimal: dialect.decimal)
    let group = try ScoreGroup.find(
      in: header, classes: seen.map(\.name), taken: Set(columns.values), file: displayPath)
    let classes = group?.classes ?? seen.map(\.name)
    seenClasses = classes
    // "The rarer class" is rarer among the true classes.
    let truth = Self.classes(survey.values[classColumns[0]]!, decimal: dialect.decimal)
    try decideKind(classes: classes, counts: truth, hints: hints, file: displayPath)
    if positiveByRarity, let scoreColumn {
      try checkScoreDirection(survey, range: survey.numbers[scoreColumn]!, file: displayPath)
    }
    try readScores(
      group: group, classes: classes, header: header, survey: survey,
      path: path, displayPath: displayPath)
  }

  /// label, prediction, score, id and segment by flag, else by the names pipelines use.
  private mutating func findColumns(_ header: [String], hints: AddHints, file: String) throws {
    // Columns are read by name: a name the header holds twice cannot be chosen by any flag.
    // Only names Candor would read count (other columns are ignored, repeated or not).
    let twice = header.filter { name in
      !name.isEmpty && header.filter { $0 == name }.count > 1
        && ContractColumn.allCases.contains {
          hints.column($0) == name || ColumnNames.candidates(for: $0, in: [name]) == [name]
        }
    }
    if let name = twice.first {
      throw InputError(
        file: file, line: 1,
        "names the column \(quoted(name)) twice; Candor reads columns by name, so rename one in the file (pandas: df.columns)"
      )
    }
    for column in ContractColumn.allCases {
      let flag = "--\(column.rawValue)"
      if let name = hints.column(column) {
        guard header.contains(name) else {
          throw InputError(
            file: file, line: 1,
            "\(flag) \(quoted(name)) is not a column of this file; its columns are \(Self.list(header))"
          )
        }
        columns[column] = name
        continue
      }
      let found = ColumnNames.candidates(for: column, in: header).filter {
        !columns.values.contains($0)
      }
      if found.count > 1 {
        throw InputError(
          file: file, line: 1,
          "\(Self.list(found)) could each be the \(column.rawValue) column; say which with \(flag) <column>"
        )
      }
      if let name = found.first {
        columns[column] = name
        if name != column.rawValue { notes.append("\(column.rawValue) ← column \(quoted(name))") }
      }
    }
    if columns[.id] == nil, let first = header.first, ColumnNames.isPandasIndex(first),
      header.dropFirst().allSatisfy({ !ColumnNames.isPandasIndex($0) })
    {
      columns[.id] = first  // unless it only numbers the rows (the survey tells)
    }
    guard columns[.label] != nil else {
      throw InputError(
        file: file, line: 1,
        "no column holds the true class (none is named label, y_true, target, actual or truth); say which with --label <column>; the columns are \(Self.list(header))"
      )
    }
  }

  /// The classes a file's class columns hold; whole numbers written `1.0` are the class `1`
  /// when every value is a whole number, as the reader takes them.
  static func classes(_ values: [(value: String, count: Int)], decimal: UInt8) -> [(
    name: String, count: Int
  )] {
    let names = classNames(values.map(\.value), decimal: decimal)
    let allIntegers = values.allSatisfy { ClassUniverse.isInteger(Array(names[$0.value]!.utf8)) }
    var counts: [String: Int] = [:]
    var order: [String] = []
    for entry in values {
      let name = names[entry.value]!
      if counts[name] == nil { order.append(name) }
      counts[name, default: 0] += entry.count
    }
    let sorted =
      allIntegers
      ? order.sorted { Int($0) ?? 0 < Int($1) ?? 0 }
      : order.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
    return sorted.map { ($0, counts[$0]!) }
  }

  /// A lone score column is the score of one class, and nothing says which: where the rarer
  /// class was taken as positive, a score that runs higher for the other class would report
  /// every ranking metric upside down (ROC AUC 0.14 for a good model), so it is asked instead.
  /// A difference under 2% of the scores' range is a model near chance, not a question.
  private func checkScoreDirection(
    _ survey: EvaluationSurvey, range: EvaluationSurvey.NumberRange, file: String
  ) throws {
    guard let positive = positiveLabel, let score = columns[.score] else { return }
    let names = Self.classNames(Array(survey.scoreSums.keys), decimal: dialect.decimal)
    var byClass: [String: (sum: Double, count: Int)] = [:]
    for (value, entry) in survey.scoreSums {
      byClass[names[value]!, default: (0, 0)].sum += entry.sum
      byClass[names[value]!, default: (0, 0)].count += entry.count
    }
    guard let other = byClass.keys.first(where: { $0 != positive }),
      let mine = byClass[positive], let theirs = byClass[other], mine.count > 0, theirs.count > 0
    else { return }
    let (high, low) = (theirs.sum / Double(theirs.count), mine.sum / Double(mine.count))
    guard high - low > 0.02 * (range.high - range.low) else { return }
    throw InputError(
      file: file, line: 1, field: "column \(quoted(score))",
      "runs higher for \(quoted(other)) (mean \(Self.shown(high))) than for \(quoted(positive)) (mean \(Self.shown(low))), the rarer true class, which would be the positive one; say which class the score is for with --positive <class>"
    )
  }

  private static func shown(_ value: Double) -> String { String(format: "%.3g", value) }

  /// The class each value of the class columns names: itself, or where every value is a
  /// whole number, `1.0` is `1`.
  static func classNames(_ values: [String], decimal: UInt8) -> [String: String] {
    let integers = values.map { value in
      ClassUniverse.isInteger(Array(value.utf8))
        ? value : ClassUniverse.integerName(ofZeroFraction: value, decimal: decimal)
    }
    let allIntegers = integers.allSatisfy { $0 != nil }
    return Dictionary(
      zip(values, zip(values, integers).map { allIntegers ? $1! : $0 }),
      uniquingKeysWith: { first, _ in first })
  }

  /// Binary (two classes, or `--positive`) or multiclass, and which class is positive.
  private mutating func decideKind(
    classes: [String], counts: [(name: String, count: Int)], hints: AddHints, file: String
  ) throws {
    if var positive = hints.positive {
      // `--positive 1.0` for labels written 1.0, which are the class 1.
      if !classes.contains(positive),
        let integer = ClassUniverse.integerName(ofZeroFraction: positive, decimal: dialect.decimal),
        classes.contains(integer)
      {
        positive = integer
      }
      guard classes.count <= 2 else {
        throw InputError(
          file: file,
          "--positive is for a task of two classes; this file holds \(classes.count): \(Self.list(classes))"
        )
      }
      guard classes.contains(positive) || classes.count < 2 else {
        throw InputError(
          file: file,
          "--positive \(quoted(positive)) is not one of its classes \(Self.list(classes))")
      }
      positiveLabel = positive
      return
    }
    switch classes.count {
    case 0, 1:
      throw InputError(
        file: file,
        "holds one class only (\(Self.list(classes))); name the class the client cares about with --positive <class>"
      )
    case 2:
      if let usual = Self.usualPositives.first(where: classes.contains) {
        positiveLabel = usual
        notes.append(
          "binary task; positive_label: \(quoted(usual)) (of \(Self.list(classes)), the usual name for the positive class)"
        )
        return
      }
      let count = { (name: String) in counts.first { $0.name == name }?.count ?? 0 }
      guard count(classes[0]) != count(classes[1]) else {
        throw InputError(
          file: file,
          "holds two classes, \(Self.list(classes)), equally often; name the one the client cares about with --positive <class>"
        )
      }
      let rarer = count(classes[0]) < count(classes[1]) ? classes[0] : classes[1]
      positiveLabel = rarer
      positiveByRarity = true
      notes.append(
        "binary task; positive_label: \(quoted(rarer)) (the rarer true class, \(count(rarer)) of \(counts.map(\.count).reduce(0, +)) examples); --positive <class> chooses another"
      )
    default:
      notes.append("multiclass task: \(classes.count) classes, \(Self.list(classes))")
    }
  }

  /// The names that mean "the positive class" in a two-class file, in the order tried.
  static let usualPositives = ["1", "True", "true", "yes", "positive"]

  private mutating func readScores(
    group: ScoreGroup?, classes: [String], header: [String], survey: EvaluationSurvey,
    path: String, displayPath: String
  ) throws {
    if let score = columns[.score], let index = header.firstIndex(of: score) {
      let range = survey.numbers[index]!
      if positiveLabel == nil {
        warnings.append(
          "column \(quoted(score)) is not read: a multiclass task reads one score per class (class_scores:)"
        )
        columns[.score] = nil
      } else if ["proba", "probability"].contains(score.lowercased()), range.isProbability {
        scoreKind = .probability
        notes.append(
          "score ← \(quoted(score)), a probability (every value in [0, 1]): Brier score and log loss are reported"
        )
      }
      if group != nil {
        warnings.append(
          "the per-class columns \(Self.list(group!.columns)) are not read: column \(quoted(score)) is the score"
        )
      }
      return
    }
    if group == nil, let positive = positiveLabel,
      let column = Self.positiveScoreColumn(header, positive: positive, taken: Set(columns.values))
    {
      // scikit-learn's `predict_proba(X)[:, 1]` exported alone: the positive class's column.
      let index = header.firstIndex(of: column)!
      let range = try EvaluationSurvey(
        path: path, displayPath: displayPath, dialect: dialect, classColumns: [],
        numberColumns: [index]
      ).numbers[index]!
      guard range.allNumbers else { return }
      columns[.score] = column
      if range.isProbability { scoreKind = .probability }
      notes.append(
        "score ← \(quoted(column)), the probability of \(quoted(positive))"
          + (range.isProbability
            ? " (every value in [0, 1]: Brier score and log loss are reported)" : ""))
      return
    }
    guard let group else {
      if columns[.prediction] == nil, positiveLabel == nil {
        throw InputError(
          file: displayPath, line: 1,
          "a multiclass task needs the predicted class (a column named prediction, y_pred, pred or predicted, or --prediction <column>) or one probability column per class (proba_<class>)"
        )
      }
      return
    }
    let indices = group.columns.map { header.firstIndex(of: $0)! }
    let sums = try EvaluationSurvey(
      path: path, displayPath: displayPath, dialect: dialect, classColumns: [], numberColumns: [],
      sumColumns: indices)
    let probabilities =
      indices.allSatisfy { sums.numbers[$0]!.isProbability } && sums.largestSumGap! <= 1e-6
    if let positive = positiveLabel {
      let column = group.columns[group.classes.firstIndex(of: positive)!]
      columns[.score] = column
      if probabilities { scoreKind = .probability }
      notes.append(
        "score ← \(quoted(column)), the probability of \(quoted(positive))"
          + (probabilities
            ? " (each row's \(group.pattern.replacingOccurrences(of: "{class}", with: "*").replacingOccurrences(of: "{index}", with: "*")) sum to 1: Brier score and log loss are reported)"
            : ""))
    } else {
      self.classes = group.classes
      classScores = group.pattern
      if probabilities { scoreKind = .probability }
      notes.append(
        "class_scores: \(quoted(group.pattern)), one score per class"
          + (probabilities
            ? " (each row's sum to 1: ROC AUC, Brier score and log loss are reported)"
            : " (rows do not sum to 1, so they are scores, not probabilities: ROC AUC is reported)")
      )
    }
  }

  /// The one unread column that scores the positive class by a per-class name (`proba_1`,
  /// `p_failure`, `proba_1.0`); nil when there is none, or more than one.
  static func positiveScoreColumn(_ header: [String], positive: String, taken: Set<String>)
    -> String?
  {
    // Not `class_<i>`: that names a class by its position, not by its name.
    let names = ColumnNames.classPrefixes.filter { $0 != "class_" }.flatMap {
      [$0 + positive, $0 + positive + ".0"]
    }
    let found = header.filter { names.contains($0) && !taken.contains($0) }
    return found.count == 1 ? found[0] : nil
  }

  static func list(_ names: [String]) -> String {
    names.map { quoted($0) }.joined(separator: ", ")
  }
}
