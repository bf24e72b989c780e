import CandorModel
import Foundation

extension Worklog {
  /// Reads `weeks/<week>/worklog.yaml`; tasks it names must be tasks of the client.
  public static func load(from folder: ClientFolder, path: String, config: ClientConfig) throws
    -> Worklog
  {
    let file = folder.display(path)
    let data = try folder.read(path, limit: Limits.maxYAMLBytes)
    // An empty worklog (or one with only comments) means nothing was logged, not an error.
    let meaningful = String(decoding: data, as: UTF8.self).split(separator: "\n")
      .contains {
        !$0.trimmingCharacters(in: .whitespaces).isEmpty
          && !$0.trimmingCharacters(in: .whitespaces).hasPrefix("#")
      }
    guard meaningful else { return Worklog(items: []) }
    let root = try YAMLNode.parse(data, file: file)
    try root.checkKeys(KnownKeys(known: ["items"]))
    guard let itemsNode = try root.optional("items") else { return Worklog(items: []) }
    let count = try itemsNode.items().count
    guard count <= Limits.maxWorklogItems else {
      throw itemsNode.error(
        "lists \(count) items; one week's worklog holds at most \(Limits.maxWorklogItems) (the report tells each)"
      )
    }
    // Every item's problems in one run, as client.yaml's.
    var problems = Problems()
    let items = try itemsNode.items().map { node in
      problems.collect { try WorklogItem(yaml: node, config: config) }
    }
    try problems.throwIfAny()
    return Worklog(items: items.map { $0! })
  }
}

extension WorklogItem {
  /// `target` ({task, metric, value}, contract 1.1) is read by the long-term goals work.
  static let keys = KnownKeys(known: [
    "title", "horizon", "status", "tasks", "note", "progress", "expected", "target",
  ])

  /// A required key's value as one of `Choice`'s cases ("unknown status 'done'; expected …").
  static func choice<Choice: RawRepresentable<String>>(
    _ node: YAMLNode, _ key: String, expected: String
  ) throws -> Choice {
    let valueNode = try node.required(key)
    let raw = try valueNode.text()
    guard let value = Choice(rawValue: raw) else {
      throw valueNode.error("unknown \(key) \(quoted(raw)); expected \(expected)")
    }
    return value
  }

  init(yaml node: YAMLNode, config: ClientConfig) throws {
    self.init()
    try node.checkKeys(Self.keys)
    var texts: [String: LocalizedText] = [:]
    func read(_ key: String) throws -> String? {
      guard let text = try node.optionalLocalizedText(key) else { return nil }
      if !text.byLanguage.isEmpty { texts[key] = text }
      return text.fallback
    }
    title = try read("title") ?? node.required("title").text()
    guard !title.allSatisfy(\.isWhitespace) else {
      throw try node.required("title").error("is empty; an item needs a title the client can read")
    }
    // A horizon and a status both wrong are two problems, said together.
    var problems = Problems()
    let horizon = problems.collect { () throws -> Horizon in
      try Self.choice(node, "horizon", expected: "short-term or long-term")
    }
    let status = problems.collect { () throws -> Status in
      try Self.choice(node, "status", expected: "planned, in-progress, shipped or dropped")
    }
    try problems.throwIfAny()
    self.horizon = horizon!
    self.status = status!
    if let tasksNode = try node.optional("tasks") {
      tasks = try tasksNode.textList()
      if let twice = tasks.enumerated().first(where: { tasks[..<$0.offset].contains($0.element) }) {
        throw tasksNode.error("names task \(quoted(twice.element)) twice; name each task once")
      }
      for task in tasks where config.task(task) == nil {
        throw tasksNode.error("names task \(quoted(task)), which client.yaml does not declare")
      }
    } else {
      tasks = []
    }
    note = try read("note")
    expected = try read("expected")
    self.texts = texts
    if let targetNode = try node.optional("target") {
      try targetNode.checkKeys(KnownKeys(known: ["task", "metric", "value"]))
      let taskNode = try targetNode.required("task")
      let task = try taskNode.text()
      guard let taskConfig = config.task(task) else {
        throw taskNode.error("names task \(quoted(task)), which client.yaml does not declare")
      }
      let metricNode = try targetNode.required("metric")
      let rawMetric = try metricNode.text()
      guard let metric = MetricName(named: rawMetric) else {
        throw metricNode.error(
          "unknown metric \(quoted(rawMetric))\(MetricName.didYouMean(rawMetric)); expected one of \(MetricName.allCases.map(\.rawValue).joined(separator: ", "))"
        )
      }
      let reported = MetricName.reported(by: taskConfig)
      guard reported.contains(metric) else {
        throw metricNode.error(
          "\(quoted(rawMetric)) is not reported for this task; expected one of \(reported.map(\.rawValue).joined(separator: ", "))"
        )
      }
      let valueNode = try targetNode.required("value")
      let value = try valueNode.number()
      guard value.isFinite, metric.possibleValues.contains(value) else {
        throw valueNode.error(
          "must be a value \(metric.rawValue) can take: \(metric.possibleValuesText), found \(value)"
        )
      }
      target = WorklogTarget(task: task, metric: metric, value: value)
    }
    if let progressNode = try node.optional("progress") {
      let value = try progressNode.number()
      guard (0...100).contains(value) else {
        throw progressNode.error("must be a percent from 0 to 100, found \(value)")
      }
      progress = value
    }
  }
}
