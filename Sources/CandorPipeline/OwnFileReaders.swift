import CandorAnalysis
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

  /// Reads `body` as a week image's records after a fixed key, with a valid hash appended so
  /// inputs reach every check (the hash only guards against damage): refused as damaged, or
  /// tasks that encode to the same records and that the whole week's analysis takes, paired
  /// against themselves, without a crash.
  public static func weekImage(body: Data, config: ClientConfig, folder: String) {
    let records = imageRecords(body)
    guard let tasks = decodeImage(records, config: config, folder: folder) else { return }
    let path = "\(folder)/again.image"
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    precondition(descriptor >= 0, "cannot write the fuzz folder")
    var writer = ImageFileWriter(descriptor: descriptor)
    WeekImage.write(tasks, key: "fuzz", to: &writer)
    precondition(writer.finish() && close(descriptor) == 0, "cannot write the fuzz folder")
    let again = FileManager.default.contents(atPath: path) ?? Data()
    precondition(
      again.dropLast(16) == records, "a decoded week image does not encode to its records")
    let week = WeekEvaluation(week: ISOWeek("2026-W48")!, tasks: tasks)
    _ = WeekAnalyzer().analyze(
      clientID: "c", config: config, current: week, previous: week, earlier: [])
  }

  /// A week image's records: the key `fuzz`, then `body`.
  static func imageRecords(_ body: Data) -> Data {
    var records = Data()
    withUnsafeBytes(of: Int64(4).littleEndian) { records.append(contentsOf: $0) }
    records.append(contentsOf: "fuzz".utf8)
    records.append(body)
    return records
  }

  private static func decodeImage(_ records: Data, config: ClientConfig, folder: String)
    -> [TaskEvaluation]?
  {
    let file = ImageFileWriter.sealed(records)
    let path = "\(folder)/input.image"
    guard FileManager.default.createFile(atPath: path, contents: file) else { return nil }
    let descriptor = open(path, O_RDONLY)
    defer { close(descriptor) }
    guard var reader = ImageFileReader(descriptor: descriptor, size: file.count) else { return nil }
    return try? WeekImage.read(from: &reader, key: "fuzz", config: config)
  }

  /// Reads `data` as `<folder>/sent.json` of client `c`, week 2026-W48: a record or an error.
  public static func sentRecord(_ data: Data, folder: String) {
    let path = "\(folder)/\(SentRecord.fileName)"
    guard FileManager.default.createFile(atPath: path, contents: data) else { return }
    _ = try? SentRecord.read(in: folder, client: "c", week: "2026-W48")
  }
}
