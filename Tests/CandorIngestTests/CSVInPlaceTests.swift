import Foundation
import XCTest

@testable import CandorIngest
@testable import CandorModel

/// Records without quotes are read in place from the chunk; everything else byte by byte.
/// Both ways must give the same fields and the same line numbers.
final class CSVInPlaceTests: XCTestCase {
  func records(_ text: String, chunk: Int) throws -> [(line: Int, fields: [String])] {
    let path = NSTemporaryDirectory() + "in-place-\(UUID().uuidString).csv"
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    let reader = try CSVReader(path: path, displayPath: "x.csv", chunkSize: chunk)
    var rows: [(Int, [String])] = []
    while try reader.next() {
      rows.append((reader.line, (0..<reader.fieldCount).map { reader.string($0)! }))
    }
    return rows
  }

  func testInPlaceAndCopiedRecordsAgree() throws {
    let text =
      "id,label,score\r\n" + "a1,ok,0.5\n" + ",,\n" + "a2,ok,\r\n" + "\n"
      + "a3,\"fail, hard\",0.9\n"
      + "a\"4,ok,0.1\n" + "a5,ok,0.2\r\n" + "last,row,1"
    let inPlace = try records(text, chunk: 1 << 20)
    XCTAssertEqual(
      inPlace.map(\.fields),
      [
        ["id", "label", "score"], ["a1", "ok", "0.5"], ["", "", ""], ["a2", "ok", ""],
        ["a3", "fail, hard", "0.9"], ["a\"4", "ok", "0.1"], ["a5", "ok", "0.2"],
        ["last", "row", "1"],
      ])
    XCTAssertEqual(inPlace.map(\.line), [1, 2, 3, 4, 6, 7, 8, 9])
    for chunk in [1, 2, 5, 16] {
      let copied = try records(text, chunk: chunk)
      XCTAssertEqual(copied.map(\.fields), inPlace.map(\.fields), "chunk \(chunk)")
      XCTAssertEqual(copied.map(\.line), inPlace.map(\.line), "chunk \(chunk)")
    }
  }

  func testALongQuotedRecordAfterAnInPlaceOneReadsItsOwnBytes() throws {
    // Found by the csv-gzip fuzz target: a record copied byte by byte that outgrew the reader's
    // buffer was read from the buffer it had outgrown (freed, and 4,096 bytes long).
    let long = String(repeating: "x", count: 9_000)
    let text = "id,label\na,ok\n\"\(long)\",\"\(long)y\"\nb,ok\n"
    for chunk in [1 << 20, 3] {
      let rows = try records(text, chunk: chunk)
      XCTAssertEqual(
        rows.map(\.fields), [["id", "label"], ["a", "ok"], [long, long + "y"], ["b", "ok"]])
    }
  }

  func testALoneCarriageReturnIsStillRefusedWithItsLine() throws {
    let text = "id,label\na,ok\nb\rc,ok\n"
    XCTAssertThrowsError(try records(text, chunk: 1 << 20)) { error in
      XCTAssertEqual((error as? InputError)?.line, 3)
      XCTAssertTrue("\(error)".contains("carriage return"), "\(error)")
    }
  }
}
