import CandorAnalysis
import CandorModel
import CandorWorkspace

/// The text of one history cache entry: one record a line, tokens separated by spaces,
/// strings percent-escaped behind `=` (never empty), numbers as integers and doubles as their
/// IEEE bits, so a cached estimate is the same double that was computed.
enum HistoryCacheText {
  static func encode(entry: HistoryCache.Entry, client: String) -> String? {
    var lines = header(client: client, week: entry.summary.week)
    for file in entry.fingerprint.files {
      lines.append(
        "file \(file.size) \(file.modified) \(file.changed) \(file.inode) \(file.hash.high) \(file.hash.low) \(escape(file.path))"
      )
    }
    for title in entry.summary.shipped { lines.append("shipped \(escape(title))") }
    for task in entry.summary.tasks {
      lines.append(
        (["task", escape(task.id), task.positive.map(String.init) ?? "-"]
          + task.classes.map(escape)).joined(separator: " "))
      for set in task.sets {
        guard let ranking = encode(set.ranking) else { return nil }
        let cells = set.matrix.flatMap { $0 }.map(String.init)
        lines.append(
          (["set", escape(set.id), String(set.matrix.count)] + cells + ranking).joined(
            separator: " "))
      }
    }
    lines.append("end")
    return lines.joined(separator: "\n") + "\n"
  }

  /// Nil for anything but a complete entry of this format, Candor version, client and week,
  /// whose numbers could have come from a report: the cache is a file anyone can edit, so it is
  /// read as hostile input (a matrix as wide as its task's classes, counts from 0 to 2^53 with
  /// at least one example, a positive class that exists, ranking values and intervals in [0, 1]).
  static func decode(_ text: String, client: String, week: ISOWeek) -> HistoryCache.Entry? {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map {
      $0.split(separator: " ").map(String.init)
    }
    guard lines.count >= 5, lines[0] == HistoryCache.format.split(separator: " ").map(String.init),
      lines[1] == ["candor", escape(CandorVersion.number)], lines[2] == ["client", escape(client)],
      lines[3] == ["week", week.description], lines.removeLast() == [],
      lines.last == ["end"]
    else { return nil }
    var files: [WeekFingerprint.File] = []
    var shipped: [String] = []
    var tasks: [WeekSummary.Task] = []
    for tokens in lines[4..<(lines.count - 1)] {
      switch tokens.first {
      case "file":
        guard tokens.count == 8, let size = Int(tokens[1]), let modified = Int(tokens[2]),
          let changed = Int(tokens[3]), let inode = UInt64(tokens[4]),
          let high = UInt64(tokens[5]), let low = UInt64(tokens[6]), let path = unescape(tokens[7])
        else { return nil }
        files.append(
          .init(
            path: path, size: size, modified: modified, changed: changed, inode: inode,
            hash: ContentHash(high: high, low: low)))
      case "shipped":
        guard tokens.count == 2, let title = unescape(tokens[1]) else { return nil }
        shipped.append(title)
      case "task":
        guard tokens.count >= 3, let id = unescape(tokens[1]) else { return nil }
        let positive = tokens[2] == "-" ? nil : Int(tokens[2])
        guard tokens[2] == "-" || positive != nil else { return nil }
        var classes: [String] = []
        for token in tokens.dropFirst(3) {
          guard let name = unescape(token) else { return nil }
          classes.append(name)
        }
        guard !classes.isEmpty, positive.map({ classes.indices.contains($0) }) ?? true else {
          return nil
        }
        tasks.append(.init(id: id, classes: classes, positive: positive, sets: []))
      case "set":
        guard !tasks.isEmpty, tokens.count >= 3, let id = unescape(tokens[1]),
          let size = Int(tokens[2]), size == tasks[tasks.count - 1].classes.count,
          tokens.count >= 3 + size * size
        else { return nil }
        var cells: [Int] = []
        var total = 0
        for token in tokens[3..<(3 + size * size)] {
          guard let cell = Int(token), cell >= 0, cell <= Limits.maxCount else { return nil }
          cells.append(cell)
          total += cell
        }
        guard total > 0, total <= Limits.maxCount else { return nil }
        guard case .some(let ranking) = decodeRanking(Array(tokens.dropFirst(3 + size * size)))
        else { return nil }
        let matrix = (0..<size).map { Array(cells[($0 * size)..<(($0 + 1) * size)]) }
        tasks[tasks.count - 1].sets.append(.init(id: id, matrix: matrix, ranking: ranking))
      default:
        return nil
      }
    }
    return HistoryCache.Entry(
      fingerprint: WeekFingerprint(files: files),
      summary: WeekSummary(week: week, shipped: shipped, tasks: tasks))
  }

  /// Whether `text` starts with this Candor's header for `client` and `week`: its body, not its
  /// age, is what failed when such an entry does not decode.
  static func isCurrent(header text: String, client: String, week: ISOWeek) -> Bool {
    text.hasPrefix(header(client: client, week: week).joined(separator: "\n") + "\n")
  }

  /// The first four lines of every entry: format, Candor version, client and week.
  private static func header(client: String, week: ISOWeek) -> [String] {
    [
      HistoryCache.format, "candor \(escape(CandorVersion.number))", "client \(escape(client))",
      "week \(week)",
    ]
  }

  /// The tokens of a ranking estimate; nil for a reason a ranking metric never has.
  private static func encode(_ estimate: MetricEstimate?) -> [String]? {
    guard let estimate else { return ["none"] }
    func bits(_ value: Double?) -> String { value.map { String($0.bitPattern) } ?? "-" }
    switch estimate.reason {
    case nil:
      return [
        "value", bits(estimate.value), bits(estimate.ci95?.lowerBound),
        bits(estimate.ci95?.upperBound), estimate.method.map(escape) ?? "-",
      ]
    case .nothingToRank(let positivesMissing):
      return ["nothing-to-rank", positivesMissing ? "positives" : "negatives"]
    case .noExample(let label, let metric):
      return ["no-example", escape(label), metric.rawValue]
    default:
      return nil
    }
  }

  /// The decoded estimate (`.some(nil)` for "none"); nil when the tokens are damaged.
  private static func decodeRanking(_ tokens: [String]) -> MetricEstimate?? {
    func double(_ token: String) -> Double?? {
      if token == "-" { return .some(nil) }
      return UInt64(token).map { .some(Double(bitPattern: $0)) } ?? nil
    }
    switch tokens.first {
    case "none" where tokens.count == 1:
      return .some(nil)
    case "value" where tokens.count == 5:
      guard let value = double(tokens[1]), let low = double(tokens[2]),
        let high = double(tokens[3])
      else { return nil }
      let method = tokens[4] == "-" ? nil : unescape(tokens[4])
      guard tokens[4] == "-" || method != nil, (low == nil) == (high == nil) else { return nil }
      var interval: ClosedRange<Double>?
      let possible = 0.0...1.0
      if let low, let high {
        guard possible.contains(low), possible.contains(high), low <= high else { return nil }
        interval = low...high
      }
      guard value.map(possible.contains) ?? true else { return nil }
      var estimate = MetricEstimate.undefined(.oneTrueClass)
      (estimate.value, estimate.reason, estimate.ci95, estimate.method) = (
        value, nil, interval, method
      )
      return estimate
    case "nothing-to-rank" where tokens.count == 2:
      guard tokens[1] == "positives" || tokens[1] == "negatives" else { return nil }
      return MetricEstimate.undefined(.nothingToRank(positivesMissing: tokens[1] == "positives"))
    case "no-example" where tokens.count == 3:
      guard let label = unescape(tokens[1]), let metric = MetricName(rawValue: tokens[2]) else {
        return nil
      }
      return MetricEstimate.undefined(.noExample(label: label, metric: metric))
    default:
      return nil
    }
  }

  private static func escape(_ text: String) -> String {
    var result = "="
    for byte in text.utf8 {
      let plain =
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A)
        || (byte >= 0x61 && byte <= 0x7A) || byte == 0x2D || byte == 0x5F || byte == 0x2E
        || byte == 0x2F
      if plain {
        result.unicodeScalars.append(UnicodeScalar(byte))
      } else {
        result += "%" + String(byte >> 4, radix: 16) + String(byte & 0xF, radix: 16)
      }
    }
    return result
  }

  private static func unescape(_ token: String) -> String? {
    var bytes = Array(token.utf8)
    guard bytes.first == UInt8(ascii: "=") else { return nil }
    bytes.removeFirst()
    var result: [UInt8] = []
    var index = 0
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "%") {
        guard index + 2 < bytes.count,
          let value = UInt8(
            String(decoding: bytes[(index + 1)...(index + 2)], as: UTF8.self), radix: 16)
        else { return nil }
        result.append(value)
        index += 3
      } else {
        result.append(bytes[index])
        index += 1
      }
    }
    return String(validating: result, as: UTF8.self)
  }
}
