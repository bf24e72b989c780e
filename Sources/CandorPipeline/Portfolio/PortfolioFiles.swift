import CandorReport
import Foundation

/// Where a batch's portfolio goes: `index.html` and `batch.json` in `--out`, or for a shard
/// `index-<i>-of-<n>.html` and `batch-<i>-of-<n>.json`, which `--merge-index` joins.
package enum PortfolioFiles {
  static func names(shard: Shard?) -> (html: String, json: String) {
    guard let shard else { return ("index.html", "batch.json") }
    let suffix = "-\(shard.index)-of-\(shard.count)"
    return ("index\(suffix).html", "batch\(suffix).json")
  }

  package static func write(
    _ rows: [PortfolioRow], shard: Shard?, out: String, templates: TemplateLibrary
  ) throws {
    let ordered = rows.portfolioOrder()
    let (html, json) = names(shard: shard)
    let title =
      shard.map { "Portfolio, shard \($0.index) of \($0.count)" } ?? "Portfolio of this batch"
    // A batch whose every client failed made no report folder, so --out may not exist yet.
    do {
      try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
    } catch {
      throw PortfolioError("\(out): cannot be created (\(error.localizedDescription))")
    }
    try atomically(
      out + "/" + html, try PortfolioPage.html(ordered, templates: templates, title: title))
    try atomically(out + "/" + json, PortfolioJSON.make(ordered, shard: shard).serialized())
  }

  /// Joins the shards' batch-<i>-of-<n>.json found in `out` into index.html and batch.json;
  /// returns how many clients it joined.
  package static func merge(out: String, templates: TemplateLibrary) throws -> Int {
    let names = try FileManager.default.contentsOfDirectory(atPath: out).filter {
      $0.wholeMatch(of: /batch-\d+-of-\d+\.json/) != nil
    }.sorted()
    guard !names.isEmpty else {
      throw PortfolioError(
        "\(out): holds no batch-<i>-of-<n>.json; run candor batch --shard K/N --out \(out) first")
    }
    var rows: [PortfolioRow] = []
    for name in names {
      let data = try Data(contentsOf: URL(fileURLWithPath: out + "/" + name))
      guard let object = try? JSONSerialization.jsonObject(with: data),
        let shardRows = PortfolioJSON.rows(from: object)
      else {
        throw PortfolioError("\(out)/\(name): is not a batch.json this version of Candor wrote")
      }
      rows += shardRows
    }
    var seen = Set<String>()
    for row in rows where !seen.insert(row.client).inserted {
      throw PortfolioError(
        "\(out): client \(row.client) appears in two shards' files; remove the stale one")
    }
    try write(rows, shard: nil, out: out, templates: templates)
    return rows.count
  }

  /// Written beside, then renamed over: a reader sees the old file or the new one. The same
  /// bytes are not written again (a rerun on unchanged input rewrites no file).
  package static func atomically(_ path: String, _ text: String) throws {
    if let old = FileManager.default.contents(atPath: path), old == Data(text.utf8) { return }
    let temporary = path + ".tmp-\(getpid())"
    do {
      try Data(text.utf8).write(to: URL(fileURLWithPath: temporary))
    } catch {
      unlink(temporary)
      throw PortfolioError("\(path): cannot be written (\(error.localizedDescription))")
    }
    guard rename(temporary, path) == 0 else {
      unlink(temporary)
      throw PortfolioError("\(path): cannot be written (\(String(cString: strerror(errno))))")
    }
  }
}

struct PortfolioError: LocalizedError {
  package var message: String
  init(_ message: String) { self.message = message }
  var errorDescription: String? { message }
}
