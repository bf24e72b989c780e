import Foundation

/// What the team did in a week, from the optional `worklog.yaml`.
public struct Worklog: Sendable {
  public var items: [WorklogItem]

  package init(items: [WorklogItem]) {
    self.items = items
  }
}

public struct WorklogItem: Sendable {
  public enum Horizon: String, Sendable {
    case shortTerm = "short-term"
    case longTerm = "long-term"
  }
  public enum Status: String, Sendable {
    case planned
    case inProgress = "in-progress"
    case shipped, dropped
  }

  public var title: String
  public var horizon: Horizon
  public var status: Status
  public var tasks: [String]
  public var note: String?
  /// Percent complete, 0 to 100.
  public var progress: Double?
  public var expected: String?
  /// Contract 1.1: a goal a long-term item works toward, e.g. recall of 0.8 on a task.
  public var target: WorklogTarget?
  /// `title`, `note` and `expected` written per language (contract 1.2); the plain fields
  /// hold their fallbacks.
  public var texts: [String: LocalizedText] = [:]
}

extension WorklogItem {
  /// An empty value that a reader in CandorIngest fills in field by field (an initializer in
  /// another module must start from a whole value).
  package init() {
    title = ""
    horizon = .shortTerm
    status = .planned
    tasks = []
  }
}

extension Worklog {
  /// The worklog as a report in `gaps.locale` reads it, noting each text it lacks.
  public func localized(file: String, gaps: inout TranslationGaps) -> Worklog {
    var worklog = self
    for (index, item) in items.enumerated() {
      let place = "\(file): items[\(index)]"
      worklog.items[index].title = gaps.text(
        item.texts["title"], or: item.title, at: "\(place).title")
      worklog.items[index].note = item.note.map {
        gaps.text(item.texts["note"], or: $0, at: "\(place).note")
      }
      worklog.items[index].expected = item.expected.map {
        gaps.text(item.texts["expected"], or: $0, at: "\(place).expected")
      }
    }
    return worklog
  }
}

/// `target: {task: …, metric: …, value: …}`: the metric's value the item aims for on a task.
public struct WorklogTarget: Sendable, Equatable {
  public var task: String
  public var metric: MetricName
  public var value: Double

  public init(task: String, metric: MetricName, value: Double) {
    self.task = task
    self.metric = metric
    self.value = value
  }
}
