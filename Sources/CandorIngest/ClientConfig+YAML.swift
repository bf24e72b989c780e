import CandorModel
import Foundation

extension ClientConfig {
  /// Reads and checks `client.yaml`; every problem names the file, line and key. Problems in
  /// separate places (a top-level key, each task, each set) are all found in one run.
  /// - Parameter draft: a client.yaml `candor add` is about to extend, which may still lack
  ///   its tasks and sets (a skeleton of `name:` alone, or `tasks:` left empty).
  public static func load(from folder: ClientFolder, draft: Bool = false) throws -> ClientConfig {
    let file = folder.display("client.yaml")
    guard folder.exists("client.yaml") else {
      throw InputError(file: file, "is missing; every client folder needs one")
    }
    let root = try YAMLNode.parse(
      try folder.read("client.yaml", limit: Limits.maxYAMLBytes), file: file)
    // A list or a lone value has none of the keys: one error, not one per key looked for.
    guard case .mapping = root.node else {
      if root.isNull {
        throw InputError(
          file: file, "is empty; it needs at least name:, tasks: and validation_sets:")
      }
      throw root.error(
        "expected a mapping of keys to values (name:, tasks:, validation_sets:), not a list or a single value"
      )
    }
    var problems = Problems()
    problems += root.unknownKeys(
      KnownKeys(known: ["name", "tasks", "validation_sets", "locale", "contacts", "csv"]))
    let nameText = problems.collect { try root.required("name").localizedText(oneLine: true) }
    let taskNodes =
      problems.collect {
        try Self.list(root, "tasks", what: "task", atMost: Limits.maxTasks, draft: draft)
      } ?? []
    // A task's `csv:` changes only the keys it names; the top-level one is the default.
    let csv = problems.collect { try root.nonNull("csv").map { try CSVDialect(yaml: $0) } }
    let tasks = taskNodes.map { node in
      problems.collect { try TaskConfig(yaml: node, csv: (csv ?? nil) ?? .standard) }
    }
    let setNodes =
      problems.collect {
        try Self.list(
          root, "validation_sets", what: "validation set", atMost: Limits.maxValidationSets,
          draft: draft)
      } ?? []
    let sets = setNodes.map { node in problems.collect { try ValidationSetConfig(yaml: node) } }
    problems.collect {
      try checkUnique(tasks.map { $0?.id }, nodes: taskNodes, what: "task")
      try checkUnique(sets.map { $0?.id }, nodes: setNodes, what: "validation set")
    }
    let locale = problems.collect { try root.nonNull("locale").map(Self.locale) } ?? nil
    let contacts = problems.collect { try root.optional("contacts").map { try Contacts(yaml: $0) } }
    try problems.throwIfAny()
    var config = ClientConfig(
      name: nameText!.fallback, tasks: tasks.map { $0! }, validationSets: sets.map { $0! },
      locale: locale, contacts: contacts ?? nil, csv: (csv ?? nil) ?? .standard)
    config.texts.name = nameText!.byLanguage.isEmpty ? nil : nameText
    return config
  }

  /// The list's items: at least one, unless `draft` (where a missing or empty list is none).
  private static func list(
    _ root: YAMLNode, _ key: String, what: String, atMost limit: Int, draft: Bool
  ) throws -> [YAMLNode] {
    if draft, try root.optional(key) == nil { return [] }
    let node = try root.required(key)
    let items = try node.items()
    guard !items.isEmpty || draft else { throw node.error("must list at least one \(what)") }
    guard items.count <= limit else {
      throw node.error(
        "lists \(items.count) \(what)s; one client's report covers at most \(limit)")
    }
    return items
  }

  private static func locale(_ node: YAMLNode) throws -> ReportLocale {
    let code = try node.text()
    guard let locale = ReportLocale(rawValue: code) else {
      throw node.error("unknown locale \(quoted(code)); expected one of \(ReportLocale.codes)")
    }
    return locale
  }

  private static func checkUnique(_ ids: [String?], nodes: [YAMLNode], what: String) throws {
    var seen = Set<String>()
    for (id, node) in zip(ids, nodes) {
      guard let id, !seen.insert(id).inserted else { continue }
      throw try node.required("id").error("\(what) id \(quoted(id)) is declared twice")
    }
  }
}

extension TaskConfig {
  static let keys = KnownKeys(
    known: [
      "id", "name", "positive_label", "classes", "primary_metric", "owner", "threshold", "unit",
      "columns", "class_scores", "score_kind", "csv", "class_names", "supporting",
    ])

  /// `csv` is the client's dialect, which the task's own `csv:` keys override.
  init(yaml node: YAMLNode, csv clientCSV: CSVDialect) throws {
    self.init()
    // A misspelt key (`treshold:`) is said beside the task's other problems, not instead.
    var problems = Problems()
    problems.collect { try node.checkKeys(Self.keys) }
    do {
      try readKeys(node, csv: clientCSV)
    } catch let error as InputError {
      problems += [error]
    } catch let error as InputErrors {
      problems += error.errors
    }
    try problems.throwIfAny()
  }

  private mutating func readKeys(_ node: YAMLNode, csv clientCSV: CSVDialect) throws {
    let idNode = try node.required("id")
    id = try idNode.text()
    guard Identifier.isValid(id) else {
      throw idNode.error("invalid task id \(quoted(id)); \(Identifier.rule)")
    }
    let nameText = try node.optionalLocalizedText("name", oneLine: true)
    name = nameText?.fallback ?? id
    texts.name = nameText?.byLanguage.isEmpty == false ? nameText : nil
    // Present but null (`~`, `null`, nothing) is neither absent (multiclass) nor the class "null".
    if let positiveNode = try node.present("positive_label"), positiveNode.isNull {
      throw positiveNode.error(
        "has no value; write the class the client cares about (in quotes if it is \"null\" or \"~\"), or leave the key out for a multiclass task"
      )
    }
    if let positiveNode = try node.optional("positive_label") {
      let positive = try positiveNode.text()
      guard !positive.isEmpty else {
        throw positiveNode.error("is empty; name the class the client cares about")
      }
      positiveLabel = positive
    }
    owner = try node.optional("owner")?.text()
    if let thresholdNode = try node.optional("threshold") {
      // Unused keys are errors, not silence: a multiclass task predicts its highest score.
      guard positiveLabel != nil else {
        throw thresholdNode.error(
          "applies to a binary task's score (positive_label); a multiclass task's prediction is its file's or its highest class score"
        )
      }
      threshold = try thresholdNode.number()
    }
    let unitText = try node.optionalLocalizedText("unit", nounForms: true, oneLine: true)
    unit = unitText?.fallback ?? ""
    texts.unit = unitText?.byLanguage.isEmpty == false ? unitText : nil
    if let classesNode = try node.optional("classes") {
      classes = try Self.classes(classesNode, positive: positiveLabel)
    }
    if let columnsNode = try node.optional("columns") {
      columns = try Self.columnMapping(columnsNode)
    }
    try readScores(node)
    csv = try node.nonNull("csv").map { try CSVDialect(yaml: $0, base: clientCSV) }
    if let namesNode = try node.optional("class_names") {
      (classNames, texts.classNames) = try Self.classNames(
        namesNode, classes: classes, positive: positiveLabel)
    }
    if let metricNode = try node.optional("primary_metric") {
      primaryMetric = try Self.primaryMetric(
        metricNode, binary: positiveLabel != nil, classScores: classScores != nil)
    }
    if let supportingNode = try node.optional("supporting") {
      supporting = try Self.supporting(supportingNode, task: self)
    }
  }

  /// `classes:`: distinct names, at most `ClassUniverse.maxClasses`; exactly two with the
  /// positive class among them for a binary task, at least two otherwise.
  static func classes(_ node: YAMLNode, positive positiveLabel: String?) throws -> [String] {
    let list = try node.textList()
    guard list.count <= ClassUniverse.maxClasses else {
      throw node.error(
        "lists \(list.count) classes; Candor reports on at most \(ClassUniverse.maxClasses) classes per task"
      )
    }
    guard Set(list).count == list.count else {
      // Two Unicode spellings of one name ("café" as é, or as e and an accent) are one name
      // to every comparison downstream: refused, never taken as two classes.
      let spellings = Set(list.map { Array($0.utf8) }).count == list.count
      throw node.error(
        spellings
          ? "lists one class in two Unicode spellings (the same letters, different bytes); write it one way"
          : "lists a class twice")
    }
    guard !list.isEmpty else { throw node.error("must list at least one class") }
    if let positive = positiveLabel {
      guard list.contains(positive) else {
        throw node.error("does not contain the positive_label \(quoted(positive))")
      }
      guard list.count == 2 else {
        throw node.error(
          "a binary task (one with positive_label) has exactly two classes, found \(list.count)")
      }
    } else if list.count < 2 {
      throw node.error("a task needs at least two classes")
    }
    return list
  }

  /// `primary_metric:`: a metric this kind of task reports, and not a score-derived one; a
  /// multiclass task with `class_scores:` reports ROC AUC (one against the rest) too.
  static func primaryMetric(_ node: YAMLNode, binary: Bool, classScores: Bool) throws
    -> MetricName
  {
    let raw = try node.text()
    guard let metric = MetricName(named: raw) else {
      let names = MetricName.allCases.map(\.rawValue).joined(separator: ", ")
      throw node.error(
        "unknown metric \(quoted(raw))\(MetricName.didYouMean(raw)); expected one of \(names)")
    }
    let allowed =
      binary ? MetricName.binary : MetricName.multiclass + (classScores ? [.rocAUC] : [])
    if MetricName.scoreDerived.contains(metric) {
      throw node.error(
        "\(quoted(raw)) cannot be the primary metric; expected one of \(allowed.map(\.rawValue).joined(separator: ", "))"
      )
    }
    guard allowed.contains(metric) else {
      if metric == .rocAUC {
        throw node.error(
          "\(quoted(raw)) needs each class's scores in a multiclass task: declare class_scores: (e.g. \"proba_{class}\"), or choose one of \(allowed.map(\.rawValue).joined(separator: ", "))"
        )
      }
      let kind = binary ? "binary" : "multiclass (it has no positive_label)"
      throw node.error(
        "\(quoted(raw)) is not reported for a \(kind) task; expected one of \(allowed.map(\.rawValue).joined(separator: ", "))"
      )
    }
    return metric
  }

  /// `supporting: [f1, roc_auc]`: known metrics this task reports, not its primary, at most two.
  static func supporting(_ node: YAMLNode, task: TaskConfig) throws -> [MetricName] {
    let names = try node.textList()
    guard names.count <= 2 else {
      throw node.error(
        "names \(names.count) metrics; at most two get verdicts (the rest keep their intervals)")
    }
    var metrics: [MetricName] = []
    for raw in names {
      guard let metric = MetricName(named: raw) else {
        let known = MetricName.allCases.map(\.rawValue).joined(separator: ", ")
        throw node.error(
          "unknown metric \(quoted(raw))\(MetricName.didYouMean(raw)); expected one of \(known)")
      }
      let reported = MetricName.reported(by: task)
      guard reported.contains(metric) else {
        throw node.error(
          "\(quoted(raw)) is not reported for this task; expected one of \(reported.map(\.rawValue).joined(separator: ", "))"
        )
      }
      guard metric != task.primaryMetric else {
        throw node.error("\(quoted(raw)) is the task's primary metric; name other metrics here")
      }
      guard !metrics.contains(metric) else {
        // A scikit-learn name for one already named (`average_precision` is `pr_auc`).
        throw node.error(
          raw == metric.rawValue
            ? "names \(quoted(raw)) twice"
            : "names \(quoted(metric.rawValue)) twice (\(quoted(raw)) is another name for it)")
      }
      metrics.append(metric)
    }
    return metrics
  }
}

extension TaskConfig {
  /// `columns: {label: y_true, ...}`: each value a non-empty header name, no two contract
  /// columns read from one file column (counting the unmapped ones under their own names).
  static func columnMapping(_ node: YAMLNode) throws -> [ContractColumn: String] {
    try node.checkKeys(KnownKeys(known: ContractColumn.allCases.map(\.rawValue)))
    var mapping: [ContractColumn: String] = [:]
    for column in ContractColumn.allCases {
      guard let child = try node.present(column.rawValue) else { continue }
      // "" is the column with an empty header, where pandas' `to_csv()` writes its index.
      guard !child.isNull, case let name = try child.text(), !name.isEmpty || column == .id else {
        throw child.error("is empty; expected the name of the file's column for \(column.rawValue)")
      }
      mapping[column] = name
    }
    var owner: [String: ContractColumn] = [:]
    for column in ContractColumn.allCases {
      let name = mapping[column] ?? column.rawValue
      if let first = owner[name] {
        let mappedOne = mapping[column] != nil ? column : first
        let child = try node.present(mappedOne.rawValue)!
        let other = mappedOne == column ? first : column
        throw child.error(
          "\(quoted(name)) is already the column for \(other.rawValue); two columns of the contract cannot be read from one column of the file"
        )
      }
      owner[name] = column
    }
    return mapping
  }
}

extension TaskConfig {
  /// `class_scores:` and `score_kind:` (contract 1.1).
  mutating func readScores(_ node: YAMLNode) throws {
    if let patternNode = try node.optional("class_scores") {
      let pattern = try patternNode.text()
      guard positiveLabel == nil else {
        throw patternNode.error(
          "is for multiclass tasks; a binary task (one with positive_label) reads its score from \(quoted(fileColumn(.score)))"
        )
      }
      guard pattern.contains("{class}") || pattern.contains("{index}") else {
        throw patternNode.error(
          "\(quoted(pattern)) contains neither {class} nor {index}; write the column name with {class} where the class name goes, e.g. \"proba_{class}\" (or {index} for its position in classes:, from 0)"
        )
      }
      guard let classes else {
        throw patternNode.error("needs classes: on the task, to name one score column per class")
      }
      classScores = pattern
      let taken = Set(ContractColumn.allCases.map { fileColumn($0) })
      for name in classes {
        let column = classScoreColumn(name)!
        if taken.contains(column) {
          throw patternNode.error(
            "the score column of class \(quoted(name)) would be \(quoted(column)), which is already a column the task reads"
          )
        }
      }
    }
    if let kindNode = try node.optional("score_kind") {
      let raw = try kindNode.text()
      guard let kind = ScoreKind(rawValue: raw) else {
        throw kindNode.error("unknown score_kind \(quoted(raw)); expected probability")
      }
      if positiveLabel == nil, classScores == nil {
        throw kindNode.error(
          "a multiclass task's probabilities are its class_scores; add class_scores: (e.g. \"proba_{class}\") or remove score_kind"
        )
      }
      scoreKind = kind
    }
  }
}

extension TaskConfig {
  /// `class_names: {<class>: <words>}`: each key a class of the task (where its classes are
  /// known), each value non-empty text, no two classes given the same words.
  static func classNames(_ node: YAMLNode, classes: [String]?, positive: String?) throws
    -> ([String: String], [String: LocalizedText])
  {
    var names: [String: String] = [:]
    var texts: [String: LocalizedText] = [:]
    var owner: [String: String] = [:]
    for (key, value) in try node.pairs() {
      if let classes, !classes.contains(key.text) {
        throw key.node.error(
          "\(quoted(key.text)) is not one of the task's classes (\(classes.map { quoted($0) }.joined(separator: ", ")))"
        )
      }
      let text = try value.localizedText(
        oneLine: true, whenEmpty: "write the client's words for the class \(quoted(key.text))")
      let words = text.fallback
      if !text.byLanguage.isEmpty { texts[key.text] = text }
      let blank = ([words] + text.byLanguage.values).contains {
        $0.trimmingCharacters(in: .whitespaces).isEmpty
      }
      guard !blank else {
        throw value.error("is empty; write the client's words for the class \(quoted(key.text))")
      }
      if let other = owner[words] {
        throw value.error(
          "\(quoted(words)) already names the class \(quoted(other)); two classes need two names")
      }
      owner[words] = key.text
      names[key.text] = words
    }
    _ = positive
    return (names, texts)
  }
}

extension ValidationSetConfig {
  init(yaml node: YAMLNode) throws {
    self.init()
    try node.checkKeys(KnownKeys(known: ["id", "description", "role"]))
    let idNode = try node.required("id")
    id = try idNode.text()
    guard Identifier.isValid(id) else {
      throw idNode.error("invalid validation set id \(quoted(id)); \(Identifier.rule)")
    }
    let descriptionText = try node.optionalLocalizedText("description")
    description = descriptionText?.fallback ?? ""
    self.descriptionText = descriptionText?.byLanguage.isEmpty == false ? descriptionText : nil
    let roleNode = try node.required("role")
    let raw = try roleNode.text()
    guard let role = SetRole(rawValue: raw) else {
      throw roleNode.error("unknown role \(quoted(raw)); expected test, validation or monitoring")
    }
    self.role = role
  }
}
