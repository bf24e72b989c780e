import CandorModel
import Foundation

/// Turns id hashes back into the ids as written, by reading the file again; only a diff
/// needs this, for the few examples it names.
public enum IDLookup {
  /// `column` is the id column's header name (client.yaml's `columns:` may rename it).
  public static func ids(
    for hashes: Set<UInt64>, in folder: ClientFolder, path: String, column name: String = "id",
    dialect: CSVDialect = .standard
  ) throws -> [UInt64: String] {
    guard !hashes.isEmpty else { return [:] }
    let reader = try CSVReader(
      path: try folder.resolve(path), displayPath: folder.display(path), dialect: dialect)
    guard try reader.next(),
      let column = (0..<reader.fieldCount).first(where: { reader.string($0) == name })
    else { return [:] }
    var found: [UInt64: String] = [:]
    while try reader.next(), found.count < hashes.count {
      guard reader.fieldCount > column else { continue }
      let hash = reader.withRecord { NumberParsing.hash($0[column]) }
      if hashes.contains(hash), let id = reader.string(column) { found[hash] = id }
    }
    return found
  }
}
