import CandorReport
import Foundation

/// `batch.json`: the portfolio for machines (schemas/batch.schema.json).
enum PortfolioJSON {
  static let schemaVersion = 1

  static func make(_ rows: [PortfolioRow], shard: Shard?) -> JSONValue {
    .object([
      ("schema_version", .integer(schemaVersion)),
      (
        "shard",
        shard.map { .object([("index", .integer($0.index)), ("count", .integer($0.count))]) }
          ?? .null
      ),
      ("clients", .array(rows.map(row))),
    ])
  }

  static func row(_ row: PortfolioRow) -> JSONValue {
    func text(_ value: String?) -> JSONValue { value.map(JSONValue.string) ?? .null }
    return .object([
      ("client", .string(row.client)),
      ("name", text(row.name)),
      ("week", text(row.week)),
      ("state", .string(row.state)),
      ("error", text(row.error)),
      (
        "tasks",
        .array(
          row.tasks.map {
            .object([
              ("id", .string($0.id)), ("name", .string($0.name)),
              ("status", .string($0.status.rawValue)),
              ("trend", .array($0.trend.map { $0.map(JSONValue.number) ?? .null })),
            ])
          })
      ),
      ("email", text(row.email?.rawValue)),
      ("report", text(row.report)),
      ("team_report", text(row.teamReport)),
    ])
  }

  /// The rows back from a shard's batch-<i>-of-<n>.json, for `--merge-index`.
  static func rows(from value: Any) -> [PortfolioRow]? {
    guard let root = value as? [String: Any], root["schema_version"] as? Int == schemaVersion,
      let clients = root["clients"] as? [[String: Any]]
    else { return nil }
    var rows: [PortfolioRow] = []
    for item in clients {
      guard let client = item["client"] as? String else { return nil }
      var row = PortfolioRow(client: client, week: item["week"] as? String, error: "")
      row.error = item["error"] as? String
      row.name = item["name"] as? String
      row.report = item["report"] as? String
      row.teamReport = item["team_report"] as? String
      row.email = (item["email"] as? String).flatMap(PortfolioRow.EmailState.init(rawValue:))
      for task in item["tasks"] as? [[String: Any]] ?? [] {
        guard let id = task["id"] as? String, let name = task["name"] as? String,
          let status = (task["status"] as? String).flatMap(TaskStatus.init(rawValue:))
        else { return nil }
        let trend = (task["trend"] as? [Any] ?? []).map {
          ($0 as? NSNumber).map { PortfolioRow.drawn($0.doubleValue) }
        }
        row.tasks.append(.init(id: id, name: name, status: status, trend: trend))
      }
      rows.append(row)
    }
    return rows
  }
}
