import CandorAnalysis
import CandorIngest
import CandorModel
import CandorWorkspace
import Foundation

/// Summaries of a client's earlier weeks kept under the output folder
/// (`<out>/<client>/.history/<week>`), so a report reads in full only the week it reports on
/// and the week it compares against.
///
/// An entry holds with the fingerprint of the week's files and client.yaml, the Candor version
/// and the client id; it is used only while all of them match, and rebuilt otherwise. Each
/// client has its own folder: no entry is ever read for another client. A missing, stale or
/// damaged entry costs a full read of the week, never a wrong number.
package struct HistoryCache: Sendable {
  // 2: each file's status-change time joined its stat signature.
  package static let format = "candor-history 2"
  package let folder: String
  let client: ClientWorkspace
  /// Told about an entry that is damaged (the default prints a `warning:` line).
  var warn: @Sendable (String) -> Void = { Diagnostics.warning($0) }

  /// The client's cache folder under the output folder.
  package static func folder(out: String, client: String) -> String { "\(out)/\(client)/.history" }

  struct Entry {
    var fingerprint: WeekFingerprint
    var summary: WeekSummary
  }

  struct Lookup {
    /// The cached summary, while it matches the week's inputs.
    var summary: WeekSummary?
    /// The week's fingerprint now; nil when its inputs cannot be read (nothing is stored).
    var fingerprint: WeekFingerprint?
    /// The entry is missing or stale, or its stat signatures are out of date (same bytes,
    /// copied or touched files): store it once the run has succeeded.
    var needsStore: Bool
  }

  func lookup(_ week: ISOWeek) -> Lookup {
    let stored = read(week)
    guard let fingerprint = client.fingerprint(week, known: stored?.fingerprint) else {
      return Lookup(summary: nil, fingerprint: nil, needsStore: false)
    }
    guard let stored, stored.fingerprint.sameContent(as: fingerprint) else {
      return Lookup(summary: nil, fingerprint: fingerprint, needsStore: true)
    }
    return Lookup(
      summary: stored.summary, fingerprint: fingerprint,
      needsStore: stored.fingerprint != fingerprint)
  }

  /// Writes an entry atomically (a temporary file renamed over the old one). A cache that
  /// cannot be written is no error: the next run reads the week in full again.
  func store(_ summary: WeekSummary, fingerprint: WeekFingerprint) {
    guard
      let text = HistoryCacheText.encode(
        entry: Entry(fingerprint: fingerprint, summary: summary), client: client.id)
    else { return }
    guard isRealOrAbsent else { return }
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let target = "\(folder)/\(summary.week)"
    let temporary = "\(folder)/.\(summary.week).\(getpid()).tmp"
    guard FileManager.default.createFile(atPath: temporary, contents: Data(text.utf8)) else {
      return
    }
    if rename(temporary, target) != 0 { unlink(temporary) }
  }

  /// The cache folder and the client's output folder are real folders (or not there yet): a
  /// symbolic link in their place could lead writes anywhere, so such a cache is not used.
  var isRealOrAbsent: Bool {
    [folder, (folder as NSString).deletingLastPathComponent].allSatisfy { path in
      var info = stat()
      return lstat(path, &info) != 0 || (info.st_mode & S_IFMT) == S_IFDIR
    }
  }

  private func read(_ week: ISOWeek) -> Entry? {
    let path = "\(folder)/\(week)"
    guard isRealOrAbsent,
      case .success(let data) = FileSystem.readRegularFile(path, limit: 64 << 20)
    else { return nil }
    let text = String(decoding: data, as: UTF8.self)
    if let entry = HistoryCacheText.decode(text, client: client.id, week: week) { return entry }
    // An entry of another Candor version, client or week is stale, and quietly rebuilt; one
    // that says it is this Candor's and does not read back was damaged or edited.
    if HistoryCacheText.isCurrent(header: text, client: client.id, week: week) {
      warn(
        "\(TerminalSafe.line(path)): is not a history cache entry Candor can use (damaged or edited); week \(week) is read in full and the entry written again"
      )
    }
    return nil
  }
}
