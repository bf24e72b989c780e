/// Every size and depth limit of the readers, in one place; docs/limits.md
/// lists each with the error a user sees. A limit exists so that one hostile or broken file
/// fails its client with a clear message instead of crashing, hanging or exhausting memory.
public enum Limits {
  /// Largest count in counts.json, and largest total of one matrix or histogram: 2^53, the
  /// largest integer every JSON reader (and a Double) holds exactly.
  public static let maxCount = 1 << 53
  /// Nesting depth of counts.json (it needs 3) and of YAML files (client.yaml needs 4).
  public static let maxJSONDepth = 32
  public static let maxYAMLDepth = 32
  /// Size of client.yaml and worklog.yaml.
  public static let maxYAMLBytes = 1 << 20
  /// Size of one counts.json.
  public static let maxJSONBytes = 16 << 20
  /// One CSV field, and one CSV record (all its fields together), in bytes.
  public static let maxCSVField = 1 << 20
  public static let maxCSVRecord = 4 << 20
  public static let maxCSVFields = 10_000
  /// Text of one `.csv.gz`: beyond this many bytes, at most `maxGzipExpansion` times the
  /// compressed size. Real exports inflate 5 to 100 times; a gzip bomb 1,000 times.
  public static let minGzipTextBound = 256 << 20
  public static let maxGzipExpansion = 100
  /// Distinct segments in one predictions file, and the segments' work together: each
  /// segment's posterior draws touch its `segmentCells` (see `GrowableMatrix.segmentCells`).
  public static let maxSegments = 1_000
  public static let maxSegmentCells = 100_000
  /// Class scores kept for one predictions file (`class_scores:`), rows × classes: 2^25
  /// doubles, 256 MiB. The whole matrix is needed for ROC AUC, top-2 accuracy and paired changes.
  public static let maxClassScores = 1 << 25

  /// Tasks and validation sets in client.yaml, and items in one worklog.yaml: a report says
  /// something about each, so these bound the report's length and the templates' work, with an
  /// error that names the client's file rather than a template.
  public static let maxTasks = 16
  public static let maxValidationSets = 12
  public static let maxWorklogItems = 100

  /// Up to this many classes a row's prior pseudo-example is spread over every class; beyond,
  /// over the answers seen for it and two more (the analysis's `SmoothingPrior`).
  public static let fullPriorClasses = 16
}

/// "Did you mean": the closest name to a mistyped one, when it is close enough to be a typo.
public enum Suggestion {
  public static func nearest(to name: String, in candidates: [String]) -> String? {
    KnownKeys.nearest(to: name, in: candidates)
  }
}

/// Known keys of one YAML or JSON object, and the message for a key that is not one of them.
package struct KnownKeys {
  /// Keys Candor reads here.
  let known: [String]
  /// Keys the contract defines here that this version does not implement yet: refused, never ignored.
  var notYetSupported: [String] = []

  /// Nil when the key is known; otherwise why it is refused.
  package func problem(with key: String) -> String? {
    if known.contains(key) { return nil }
    if notYetSupported.contains(key) {
      return "key \(quoted(key)) is not supported yet by this version of Candor; remove it"
    }
    if let nearest = Self.nearest(to: key, in: known + notYetSupported) {
      return "unknown key \(quoted(key)) (did you mean '\(nearest)'?)"
    }
    return "unknown key \(quoted(key)); expected one of \(known.joined(separator: ", "))"
  }

  /// The closest key by edit distance (case-insensitive), when it is close enough to be a typo:
  /// a few edits, and fewer than the key's own length (`1`, `~` or `<<` is no typo of `id`).
  static func nearest(to key: String, in candidates: [String]) -> String? {
    let lower = Array(key.lowercased().utf8.prefix(200))
    var best: (String, Int)?
    for candidate in candidates {
      let distance = editDistance(lower, Array(candidate.utf8))
      if distance < (best?.1 ?? .max) { best = (candidate, distance) }
    }
    guard let (name, distance) = best, distance <= max(2, name.count / 3), distance < lower.count
    else { return nil }
    return name
  }

  /// Optimal string alignment distance: insertions, deletions, substitutions and swaps of neighbours.
  static func editDistance(_ a: [UInt8], _ b: [UInt8]) -> Int {
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
    for i in 0...a.count { d[i][0] = i }
    for j in 0...b.count { d[0][j] = j }
    for i in 1...a.count {
      for j in 1...b.count {
        d[i][j] = min(
          d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
        }
      }
    }
    return d[a.count][b.count]
  }

  package init(known: [String], notYetSupported: [String] = []) {
    self.known = known
    self.notYetSupported = notYetSupported
  }
}
