import CZlib
import Foundation

extension FixtureWorkspace {
  /// Writes `contents` gzip-compressed (what `gzip` or pandas' `to_csv("x.csv.gz")` writes);
  /// `members` > 1 writes the text in that many concatenated gzip members, as `cat a.gz b.gz`.
  @discardableResult
  public func writeGzipped(_ path: String, _ contents: String, members: Int = 1) -> String {
    let full = write(path, Data())
    let bytes = Array(contents.utf8)
    let size = (bytes.count + members - 1) / max(members, 1)
    for member in 0..<members {
      let part = Array(bytes.dropFirst(member * size).prefix(size))
      guard let file = gzopen(full, member == 0 ? "wb" : "ab") else {
        fatalError("cannot write \(full)")
      }
      part.withUnsafeBytes { _ = gzwrite(file, $0.baseAddress, UInt32($0.count)) }
      gzclose(file)
    }
    return full
  }
}
