import CandorModel

/// A file exported by a spreadsheet set to German or French separates fields with `;`:
/// read as standard CSV its header is one long column, and whatever error follows should
/// point at client.yaml's `csv:` key rather than at the columns.
package enum SpreadsheetHint {
  static let advice =
    "the header is separated by ';', not ',': for files exported by a spreadsheet in German or French, add csv: {delimiter: \";\", decimal: \",\"} to client.yaml"

  /// `error` with the advice added when the file's header holds `;` and no `,` and the client
  /// does not already read `;`; otherwise `error` as it is.
  package static func amend(
    _ error: InputError, folder: ClientFolder, path: String, dialect: CSVDialect
  )
    -> InputError
  {
    guard dialect.delimiter != UInt8(ascii: ";"),
      let reader = try? CSVReader(
        path: try folder.resolve(path), displayPath: error.file, dialect: dialect),
      (try? reader.next()) == true,
      reader.withRecord({ CSVDialect.looksSemicolonSeparated($0.bytes) })
    else { return error }
    var amended = error
    amended.reason += " (\(advice))"
    return amended
  }
}
