import Foundation

/// How predictions files are read: when a file is large enough to read on two cores, and on
/// how many. A value handed down from the client's workspace, so that a test can ask for the
/// two-core path on a small file without touching anything another reader shares.
public struct ReadPolicy: Sendable, Equatable {
  /// Files at least this large are read on two cores where there are two.
  public var parallelMinimumBytes: Int
  /// At most this many cores read one file.
  public var parallelThreads: Int
  /// How many `.csv.gz` files the week has: they share `Limits.minGzipTextBound`, the text a
  /// gzip file may always inflate to however well it compresses, so four small bombs cannot
  /// each take the whole of it.
  public var gzipFiles = 1
  /// Weeks whose files hold at least this many bytes are kept as an image under the output
  /// folder once read (`WeekImage`), for the next run that reads them in full; smaller weeks
  /// parse in milliseconds.
  public var imageMinimumBytes = 8 << 20
  /// How many bad rows of a predictions file are reported before its read stops: a report
  /// stops at the first; `candor check` lists several, so one run finds them all.
  public var badRowsListed = 1

  public init(
    parallelMinimumBytes: Int = 16 << 20,
    parallelThreads: Int = ProcessInfo.processInfo.activeProcessorCount
  ) {
    self.parallelMinimumBytes = parallelMinimumBytes
    self.parallelThreads = parallelThreads
  }

  public static let standard = ReadPolicy()
}
