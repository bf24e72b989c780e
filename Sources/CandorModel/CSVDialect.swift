/// How a client's CSV files are written (client.yaml `csv:`, contract 1.1): the byte between
/// fields and the decimal mark of numbers. Spreadsheets set to German or French write
/// `;` and `0,8125`; everything else writes `,` and `0.8125`.
public struct CSVDialect: Sendable, Equatable {
  public var delimiter: UInt8
  public var decimal: UInt8

  public init(delimiter: UInt8, decimal: UInt8) {
    self.delimiter = delimiter
    self.decimal = decimal
  }

  /// RFC 4180 with decimal points: what contract 1.0 reads.
  public static let standard = CSVDialect(delimiter: UInt8(ascii: ","), decimal: UInt8(ascii: "."))

  /// The delimiters a client may declare, as written in client.yaml.
  public static let delimiters: [String] = [",", ";", "\t", "|"]
  /// The decimal marks a client may declare.
  public static let decimals: [String] = [".", ","]

  /// Whether a header line written with `;` and no `,` suggests a spreadsheet export that
  /// needs `csv:` (the hint added to an error in a file read with the standard dialect).
  package static func looksSemicolonSeparated(_ header: UnsafeBufferPointer<UInt8>) -> Bool {
    header.contains(UInt8(ascii: ";")) && !header.contains(UInt8(ascii: ","))
  }
}
