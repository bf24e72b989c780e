import CandorIngest
import CandorKernels
import CandorModel
import CandorWorkspace
import Foundation
import Synchronization

/// Week images (`WeekImage`) beside the summaries: `<out>/<client>/.history/<week>.image`.
/// Only the latest `keptImages` weeks keep one, so a client's folder holds at most two weeks
/// of rows however many weeks it has.
extension HistoryCache {
  static let keptImages = 2

  func imagePath(_ week: ISOWeek) -> String { "\(folder)/\(week).image" }

  /// Whether a week is large enough for an image (`ReadPolicy.imageMinimumBytes`).
  func wantsImage(_ fingerprint: WeekFingerprint) -> Bool {
    fingerprint.files.reduce(0) { $0 + $1.size } >= client.readPolicy.imageMinimumBytes
  }

  /// The week's tasks from its image, while the image matches the week's inputs; nil otherwise
  /// (no image, a stale one, or a damaged one, which is reported: the week is then read in full
  /// and its image written again).
  func image(_ week: ISOWeek, fingerprint: WeekFingerprint, language: ReportLocale)
    -> [TaskEvaluation]?
  {
    guard wantsImage(fingerprint), isRealOrAbsent else { return nil }
    let path = imagePath(week)
    guard case .success(let descriptor) = FileSystem.openRegularFile(path) else { return nil }
    defer { close(descriptor) }
    guard
      var reader = ImageFileReader(descriptor: descriptor, size: ByteSources.size(of: descriptor))
    else { return nil }
    let key = WeekImage.key(
      client: client.id, week: week, language: language, fingerprint: fingerprint)
    do {
      return try WeekImage.read(from: &reader, key: key, config: client.config)
    } catch {
      warn(
        "\(TerminalSafe.line(path)): is not a week image Candor can use (damaged or edited); week \(week) is read in full and the image written again"
      )
      return nil
    }
  }

  /// Starts writing a week's image to a temporary file on a thread of its own, beside the
  /// analysis; `ImageDraft.commit` puts it in place once the run has succeeded. Nil where the
  /// week is too small, or later weeks already keep their images.
  func draftImage(
    _ tasks: [TaskEvaluation], week: ISOWeek, fingerprint: WeekFingerprint, language: ReportLocale
  ) -> ImageDraft? {
    guard wantsImage(fingerprint), isRealOrAbsent,
      imageWeeks().filter({ $0 > week }).count < Self.keptImages
    else { return nil }
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    removeAbandonedDrafts()
    guard hasRoom(for: fingerprint) else { return nil }
    let key = WeekImage.key(
      client: client.id, week: week, language: language, fingerprint: fingerprint)
    return ImageDraft(cache: self, week: week) { descriptor in
      var writer = ImageFileWriter(descriptor: descriptor)
      WeekImage.write(tasks, key: key, to: &writer)
      return writer.finish()
    }
  }

  /// An image is smaller than the files it was read from; it is written only where the disk
  /// keeps their size and 256 MB more free, so that it is never what fills the disk the report
  /// itself is written to.
  func hasRoom(for fingerprint: WeekFingerprint) -> Bool {
    var info = statvfs()
    guard statvfs(folder, &info) == 0 else { return false }
    let free = Double(info.f_bavail) * Double(info.f_frsize)
    return free >= Double(fingerprint.files.reduce(0) { $0 + $1.size }) + Double(256 << 20)
  }

  /// Drafts left by runs that were stopped before they could remove them (killed, or out of
  /// time): `.<week>.image.<pid>.tmp` of a process that no longer runs.
  func removeAbandonedDrafts() {
    for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] {
      let parts = name.split(separator: ".")
      guard name.hasPrefix("."), parts.count == 4, parts[1] == "image", parts[3] == "tmp",
        let pid = pid_t(parts[2]), kill(pid, 0) != 0, errno == ESRCH
      else { continue }
      unlink("\(folder)/\(name)")
    }
  }

  /// The weeks that have an image, oldest first.
  func imageWeeks() -> [ISOWeek] {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
    return names.compactMap { name in
      name.hasSuffix(".image") ? ISOWeek(String(name.dropLast(".image".count))) : nil
    }.sorted()
  }
}

/// A week's image being written beside the analysis (`HistoryCache.draftImage`). Committed,
/// it replaces the week's image and the oldest images beyond `keptImages` go; dropped without
/// a commit (the run failed), its temporary file is removed.
final class ImageDraft: Sendable {
  private let cache: HistoryCache
  private let week: ISOWeek
  private let temporary: String
  private let writing: BackgroundThread<Bool>
  private let committed = Mutex(false)

  init(cache: HistoryCache, week: ISOWeek, write: @escaping @Sendable (Int32) -> Bool) {
    self.cache = cache
    self.week = week
    let temporary = "\(cache.folder)/.\(week).image.\(getpid()).tmp"
    self.temporary = temporary
    writing = BackgroundThread {
      // A new file of its own: never through a link someone left under this name.
      unlink(temporary)
      let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o644)
      guard descriptor >= 0 else { return false }
      let written = write(descriptor)
      return close(descriptor) == 0 && written
    }
  }

  /// Waits for the write and puts the image in place; an image that could not be written is no
  /// error (the next run parses the week again).
  func commit() {
    guard writing.join() == true, rename(temporary, cache.imagePath(week)) == 0 else {
      unlink(temporary)
      return
    }
    committed.withLock { $0 = true }
    for old in cache.imageWeeks().dropLast(HistoryCache.keptImages) {
      unlink(cache.imagePath(old))
    }
  }

  deinit {
    guard !committed.withLock({ $0 }) else { return }
    _ = writing.join()
    unlink(temporary)
  }
}
