import CandorModel
import CandorWorkspace
import Foundation

/// The files Candor reads back from its own output folder (the history cache, `sent.json`),
/// exposed for the libFuzzer targets in Fuzz/: anyone can edit them, so they are read as
/// hostile input, and a fuzz input may make them fail but never crash, hang or leak.
public enum OwnFileReaders {
  /// The text before a fuzzed history cache body: this Candor's format, version, client `c`
  /// and week 2026-W48, so inputs reach the records instead of failing at the header.
  public static var historyCacheHeader: String {
    "\(HistoryCache.format)\ncandor =\(CandorVersion.number)\nclient =c\nweek 2026-W48\n"
  }

  /// Decodes an entry; one that decodes must encode and decode again to the same text (the
  /// cache is written by `encode`, so what `decode` accepts must survive a round trip).
  public static func historyCache(body: Data) {
    let text = historyCacheHeader + String(decoding: body, as: UTF8.self)
    let week = ISOWeek("2026-W48")!
    guard let entry = HistoryCacheText.decode(text, client: "c", week: week),
      let encoded = HistoryCacheText.encode(entry: entry, client: "c")
    else { return }
    let again = HistoryCacheText.decode(encoded, client: "c", week: week)
    precondition(
      again.flatMap { HistoryCacheText.encode(entry: $0, client: "c") } == encoded,
      "a decoded history cache entry does not survive encoding")
  }

  /// Reads `data` as `<folder>/sent.json` of client `c`, week 2026-W48: a record or an error.
  public static func sentRecord(_ data: Data, folder: String) {
    let path = "\(folder)/\(SentRecord.fileName)"
    guard FileManager.default.createFile(atPath: path, contents: data) else { return }
    _ = try? SentRecord.read(in: folder, client: "c", week: "2026-W48")
  }
}
