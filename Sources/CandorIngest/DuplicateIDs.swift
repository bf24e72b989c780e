import CandorModel
import Foundation

/// Finds a repeated `id` in a predictions file without keeping every id in memory twice.
///
/// Ids are held as 64-bit hashes; a repeated hash sends us back to the file for the
/// lines and the text, so the error names both lines and a hash collision is not an error.
enum DuplicateIDs {
  static func check(
    sortedHashes sorted: [UInt64], folder: ClientFolder, path: String, dialect: CSVDialect,
    idColumn: Int, field: String
  ) throws {
    var repeated = Set<UInt64>()
    for index in sorted.indices.dropFirst() where sorted[index] == sorted[index - 1] {
      repeated.insert(sorted[index])
    }
    guard !repeated.isEmpty else { return }
    try locate(
      repeated, folder: folder, path: path, dialect: dialect, idColumn: idColumn, field: field)
  }

  private static func locate(
    _ repeated: Set<UInt64>, folder: ClientFolder, path: String, dialect: CSVDialect,
    idColumn: Int, field: String
  ) throws {
    let file = folder.display(path)
    let reader = try CSVReader(
      path: try folder.resolve(path), displayPath: file, dialect: dialect)
    _ = try reader.next()
    var firstLine: [String: Int] = [:]
    while try reader.next() {
      guard reader.fieldCount > idColumn,
        repeated.contains(reader.withRecord({ NumberParsing.hash($0[idColumn]) }))
      else { continue }
      let id = reader.withRecord { $0.text(idColumn) }
      if let first = firstLine[id] {
        throw InputError(
          file: file, line: reader.line, field: field,
          "\(quoted(id)) is a duplicate id (first seen on line \(first)); ids must be unique within a file"
        )
      }
      firstLine[id] = reader.line
    }
  }
}
