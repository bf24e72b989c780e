import Foundation

/// What `client.yaml` says: who the client is, its tasks and its validation sets.
public struct ClientConfig: Sendable {
  public var name: String
  public var tasks: [TaskConfig]
  public var validationSets: [ValidationSetConfig]
  /// `locale:` (contract 1.1), the report's language; nil for the default, English.
  public var locale: ReportLocale? = nil
  /// `contacts:` (contract 1.1), who receives `candor email`; nil when client.yaml has none.
  public var contacts: Contacts? = nil
  /// `csv:` (contract 1.1): how the client's predictions files are written.
  public var csv: CSVDialect = .standard
  /// Texts written per language (contract 1.2); `name` holds the fallback.
  public var texts = Texts()

  public struct Texts: Sendable {
    public var name: LocalizedText?
  }

  public func task(_ id: String) -> TaskConfig? { tasks.first { $0.id == id } }
  public func validationSet(_ id: String) -> ValidationSetConfig? {
    validationSets.first { $0.id == id }
  }

  package init(
    name: String, tasks: [TaskConfig], validationSets: [ValidationSetConfig],
    locale: ReportLocale? = nil, contacts: Contacts? = nil, csv: CSVDialect = .standard
  ) {
    self.name = name
    self.tasks = tasks
    self.validationSets = validationSets
    self.locale = locale
    self.contacts = contacts
    self.csv = csv
  }
}

public struct TaskConfig: Sendable {
  public var id: String
  public var name: String
  /// The class the client cares about; present exactly when the task is binary.
  public var positiveLabel: String?
  /// Declared classes in display order; nil means "the values seen in the files".
  public var classes: [String]?
  public var primaryMetric: MetricName?
  public var owner: String?
  /// Used when a binary file has `score` but no `prediction`: positive when `score >= threshold`.
  public var threshold: Double
  /// What one example is, in the plural, for sentences ("engines"); empty when client.yaml
  /// names none, and the report then uses its language's word for examples.
  public var unit: String
  /// `columns:` (contract 1.1): the file's own header names for the contract's columns;
  /// a column not listed keeps its contract name.
  public var columns: [ContractColumn: String] = [:]
  /// `class_scores:` (contract 1.1, multiclass with `classes:`): the column-name pattern of one
  /// score column per class, `{class}` standing for the class name.
  public var classScores: String? = nil
  /// `score_kind:` (contract 1.1): what the scores are; `.probability` adds calibration metrics.
  public var scoreKind: ScoreKind? = nil
  /// `csv:` on the task (contract 1.2): its files' dialect, over the client's `csv:`.
  public var csv: CSVDialect? = nil
  /// `class_names:` (contract 1.2): the client's words for each class, for every sentence,
  /// table and chart the client reads; files and summary.json keep the classes as written.
  public var classNames: [String: String] = [:]
  /// `supporting:` (contract 1.2): at most two metrics tested after the primary is confirmed;
  /// every other metric gets an interval and no verdict.
  public var supporting: [MetricName] = []
  /// Texts written per language (contract 1.2); the plain fields hold their fallbacks.
  public var texts = Texts()

  public struct Texts: Sendable {
    public var name: LocalizedText?
    public var unit: LocalizedText?
    public var classNames: [String: LocalizedText] = [:]
  }

  public var isBinary: Bool { positiveLabel != nil }
  /// Scores (binary `score`, multiclass `class_scores`) are declared probabilities in [0, 1].
  public var scoresAreProbabilities: Bool { scoreKind == .probability }

  /// The file's column holding `className`'s score, under `class_scores:`.
  public func classScoreColumn(_ className: String) -> String? {
    guard let classScores else { return nil }
    var column = classScores.replacingOccurrences(of: "{class}", with: className)
    if let index = classes?.firstIndex(of: className) {
      column = column.replacingOccurrences(of: "{index}", with: String(index))
    }
    return column
  }

  /// The client's words for a class (`class_names:`), else the class as written.
  public func displayName(ofClass className: String) -> String {
    classNames[className] ?? className
  }

  /// The words two of `fileClasses` would share in a report (`class_names:` giving two
  /// classes one name); nil when every class has its own.
  public func sharedWords(among fileClasses: [String]) -> String? {
    let words = fileClasses.map(displayName(ofClass:))
    return words.indices.first { words.firstIndex(of: words[$0]) != $0 }.map { words[$0] }
  }

  /// The class as its files write it, from the client's words for it: what machines read
  /// (summary.json, diff.json) while people read the words.
  public func fileName(ofClass displayName: String) -> String {
    classNames.first { $0.value == displayName }?.key ?? displayName
  }

  /// The header name a predictions file uses for `column`: the mapped name, else its own.
  public func fileColumn(_ column: ContractColumn) -> String { columns[column] ?? column.rawValue }

  /// How errors name a column: `column 'label'`, or as the file has it, `column 'y_true' (label)`.
  public func columnField(_ column: ContractColumn) -> String {
    guard let mapped = columns[column] else { return "column '\(column.rawValue)'" }
    return "column \(quoted(mapped)) (\(column.rawValue))"
  }
}

extension TaskConfig {
  /// An empty value that a reader in CandorIngest fills in field by field (an initializer in
  /// another module must start from a whole value).
  package init() {
    id = ""
    name = ""
    threshold = 0.5
    unit = ""
  }
}

/// `score_kind:` values.
public enum ScoreKind: String, Sendable {
  case probability
}

/// The columns of a predictions file the contract names.
public enum ContractColumn: String, CaseIterable, Sendable {
  case label, prediction, score, id, segment
}

public enum SetRole: String, Sendable, CaseIterable {
  case test, validation, monitoring
}

public struct ValidationSetConfig: Sendable {
  public var id: String
  public var description: String
  public var role: SetRole
  /// `description` written per language (contract 1.2); `description` holds the fallback.
  public var descriptionText: LocalizedText? = nil
}

extension ValidationSetConfig {
  /// An empty value that a reader in CandorIngest fills in field by field (an initializer in
  /// another module must start from a whole value).
  package init() {
    id = ""
    description = ""
    role = .validation
  }
}

extension ClientConfig {
  /// Whether any text is written per language (a report's language then changes its words).
  public var hasTextsPerLanguage: Bool {
    texts.name != nil || validationSets.contains { $0.descriptionText != nil }
      || tasks.contains {
        $0.texts.name != nil || $0.texts.unit != nil || !$0.texts.classNames.isEmpty
      }
  }

  /// The configuration as a report in `locale` reads it: every text written per language in
  /// that language, noting in `gaps` each one that has no text in it.
  public func localized(
    to locale: ReportLocale, file: String = "client.yaml", gaps: inout TranslationGaps
  ) -> ClientConfig {
    var config = self
    config.name = gaps.text(texts.name, or: name, at: "\(file): name")
    for (index, task) in tasks.enumerated() {
      let place = "\(file): tasks[\(index)] (\(task.id))"
      config.tasks[index].name = gaps.text(task.texts.name, or: task.name, at: "\(place).name")
      config.tasks[index].unit = gaps.text(task.texts.unit, or: task.unit, at: "\(place).unit")
      for (className, text) in task.texts.classNames.sorted(by: { $0.key < $1.key }) {
        config.tasks[index].classNames[className] = gaps.text(
          text, or: task.classNames[className] ?? className,
          at: "\(place).class_names.\(className)")
      }
    }
    for (index, set) in validationSets.enumerated() {
      config.validationSets[index].description = gaps.text(
        set.descriptionText, or: set.description,
        at: "\(file): validation_sets[\(index)] (\(set.id)).description")
    }
    return config
  }
}
