import CandorTestSupport
import Foundation
import XCTest

@testable import CandorIngest
@testable import CandorModel
@testable import CandorWorkspace

/// Contract 1.1: `<set-id>.csv.gz` is read like `<set-id>.csv`, streamed through zlib, with
/// the line numbers of the decompressed text.
final class GzipInputTests: XCTestCase {
  let folder = "weeks/2026-W48/evaluations/engine-failure"
  let display = "clients/acme/weeks/2026-W48/evaluations/engine-failure"
  let csv = "id,label,score,segment\na,failure,0.9,north\nb,ok,0.35,south\nc,ok,0.71,north\n"

  func load(_ workspace: FixtureWorkspace) throws -> TaskEvaluation {
    let client = try ClientWorkspace.open(try Workspace(path: workspace.root), id: "acme")
    return try client.load(client.weeks[0]).tasks[0]
  }

  func loadError(_ workspace: FixtureWorkspace) -> String {
    do {
      _ = try load(workspace)
      return "no error"
    } catch let error as InputErrors {
      return error.errors.map(\.description).joined(separator: "\n")
    } catch {
      return "\(error)"
    }
  }

  /// The fixture client with one gzip file (and any other files).
  func workspace(gzip text: String, members: Int = 1, files: [String: String] = [:])
    -> FixtureWorkspace
  {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: files)
    workspace.writeGzipped("clients/acme/\(folder)/holdout.csv.gz", text, members: members)
    return workspace
  }

  /// Rewrites the gzip file's bytes through `change`.
  func damage(_ workspace: FixtureWorkspace, _ change: (inout [UInt8]) -> Void) {
    let path = workspace.path("clients/acme/\(folder)/holdout.csv.gz")
    var bytes = Array(FileManager.default.contents(atPath: path)!)
    change(&bytes)
    workspace.write("clients/acme/\(folder)/holdout.csv.gz", Data(bytes))
  }

  // MARK: - Read like the .csv

  func testGzipFileReadsExactlyLikeThePlainFile() throws {
    let plain = FixtureWorkspace()
    plain.binaryClient(files: ["\(folder)/holdout.csv": csv])
    let expected = try load(plain).sets[0]
    for members in [1, 3] {
      let set = try load(workspace(gzip: csv, members: members)).sets[0]
      XCTAssertEqual(set.setID, "holdout")
      XCTAssertEqual(set.file, "\(display)/holdout.csv.gz")
      XCTAssertEqual(set.matrix, expected.matrix)
      XCTAssertEqual(set.segments.map(\.name), expected.segments.map(\.name))
      let scores = set.scoresByClass(positive: 1)
      XCTAssertEqual(scores?.positives, expected.scoresByClass(positive: 1)?.positives)
      XCTAssertEqual(scores?.negatives, expected.scoresByClass(positive: 1)?.negatives)
      XCTAssertFalse(scores?.positives.isEmpty ?? true)
      XCTAssertEqual(set.keyed?.idHashes, expected.keyed?.idHashes)
    }
  }

  func testErrorsNameTheLineOfTheDecompressedText() {
    // A quoted newline makes line 3 of the text the fourth physical line's record.
    let text = "label,score,segment\nfailure,0.9,\"two\nlines\"\nok,abc,x\n"
    XCTAssertEqual(
      loadError(workspace(gzip: text)),
      "\(display)/holdout.csv.gz:4: column 'score': 'abc' is not a number")
  }

  func testDuplicateIdsAreFoundByReadingTheGzipFileAgain() {
    XCTAssertEqual(
      loadError(workspace(gzip: "id,label,prediction\na,ok,ok\nb,ok,ok\na,ok,ok\n")),
      "\(display)/holdout.csv.gz:4: column 'id': 'a' is a duplicate id (first seen on line 2); ids must be unique within a file"
    )
  }

  // MARK: - Refused

  func testBothCsvAndCsvGzForOneSetIsAnError() {
    XCTAssertEqual(
      loadError(workspace(gzip: csv, files: ["\(folder)/holdout.csv": csv])),
      "\(display)/holdout.csv.gz: set 'holdout' has both 'holdout.csv' and 'holdout.csv.gz'; keep one"
    )
  }

  func testCsvGzBesideCountsIsAnError() {
    let counts = #"{"labels": ["ok", "failure"], "matrix": [[1, 0], [0, 1]]}"#
    XCTAssertEqual(
      loadError(workspace(gzip: csv, files: ["\(folder)/holdout.counts.json": counts])),
      "\(display)/holdout.csv.gz: set 'holdout' has both 'holdout.counts.json' and 'holdout.csv.gz'; keep one"
    )
  }

  func testTruncatedGzipIsAnErrorNamingTheFile() {
    let workspace = workspace(gzip: csv)
    damage(workspace) { $0.removeLast(12) }
    XCTAssertEqual(
      loadError(workspace),
      "\(display)/holdout.csv.gz: is truncated: the gzip stream ends before its end marker (an interrupted copy or download?)"
    )
  }

  func testCorruptGzipIsAnErrorNamingTheFile() {
    let workspace = workspace(gzip: csv)
    // The CRC-32 of the text is the trailer's first four bytes.
    damage(workspace) { $0[$0.count - 8] ^= 0xFF }
    XCTAssertEqual(
      loadError(workspace),
      "\(display)/holdout.csv.gz: is not a valid gzip file (zlib: incorrect data check); the file is damaged"
    )
  }

  func testGarbageAfterTheGzipStreamIsAnError() {
    let workspace = workspace(gzip: csv)
    damage(workspace) { $0 += Array("trailing text".utf8) }
    XCTAssertEqual(
      loadError(workspace),
      "\(display)/holdout.csv.gz: is not a valid gzip file (zlib: incorrect header check); the file is damaged"
    )
  }

  func testPlainTextNamedCsvGzIsAnError() {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: ["\(folder)/holdout.csv.gz": csv])
    XCTAssertEqual(
      loadError(workspace),
      "\(display)/holdout.csv.gz: is not gzip-compressed (it does not start with the gzip signature 1f 8b); a file named .csv.gz must be compressed with gzip, a plain CSV is named .csv"
    )
  }

  func testEmptyCsvGzIsAnError() {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: ["\(folder)/holdout.csv.gz": ""])
    XCTAssertEqual(
      loadError(workspace),
      "\(display)/holdout.csv.gz: is empty; a .gz file must hold a gzip-compressed CSV")
  }

  // MARK: - Gzip bombs

  /// The reader over a gzip file with a small bound, to see the bound act without inflating
  /// hundreds of megabytes in a unit test.
  func reader(_ path: String, floor: Int, ratio: Int) throws -> CSVReader {
    guard case .success(let descriptor) = FileSystem.openRegularFile(path) else {
      throw InputError(file: path, "cannot open")
    }
    let source = GzipByteSource(
      descriptor: descriptor, file: "bomb.csv.gz", bound: .init(floor: floor, ratio: ratio))
    return CSVReader(source: source, displayPath: "bomb.csv.gz", chunkSize: 4096)
  }

  func testAGzipBombStopsAtTheBoundNotAtTheEndOfMemory() throws {
    // One million blank lines: 1 MB of text from about a kilobyte.
    let workspace = FixtureWorkspace()
    let path = workspace.writeGzipped("bomb.csv.gz", String(repeating: "\n", count: 1_000_000))
    let compressed = Int(try FileManager.default.attributesOfItem(atPath: path)[.size] as! UInt64)
    XCTAssertLessThan(compressed, 2_000)
    let bounded = try reader(path, floor: 1 << 16, ratio: 10)
    XCTAssertThrowsError(try { while try bounded.next() {} }()) {
      XCTAssertEqual(
        "\($0)",
        "bomb.csv.gz: decompresses to more than 65536 bytes, over 10 times its \(compressed) compressed bytes; refused as a possible gzip bomb (a genuine file this repetitive can be supplied uncompressed, as .csv)"
      )
    }
    // Under the bound (here: the floor) the same file reads to its end.
    let whole = try reader(path, floor: 1 << 20, ratio: 10)
    XCTAssertFalse(try whole.next())
  }

  func testTheBoundIsTheRatioOnceTheCompressedFileIsLarge() throws {
    let workspace = FixtureWorkspace()
    let path = workspace.writeGzipped("bomb.csv.gz", String(repeating: "\n", count: 1_000_000))
    let compressed = Int(try FileManager.default.attributesOfItem(atPath: path)[.size] as! UInt64)
    // With no floor the ratio alone decides: one that covers the text reads it to the end.
    XCTAssertFalse(try reader(path, floor: 0, ratio: 1_000_000 / compressed + 1).next())
    XCTAssertThrowsError(try reader(path, floor: 0, ratio: 10).next())
  }
}

/// A week's `.csv.gz` files share the text every gzip file may inflate to: four 510 KB files
/// that inflated to 250 MiB each took 805 MB.
final class GzipShareTests: XCTestCase {
  func testTheWeeksGzipFilesShareTheFloor() {
    XCTAssertEqual(GzipByteSource.Bound.shared(by: 1).floor, Limits.minGzipTextBound)
    XCTAssertEqual(GzipByteSource.Bound.shared(by: 4).floor, Limits.minGzipTextBound / 4)
    XCTAssertEqual(GzipByteSource.Bound.shared(by: 0).floor, Limits.minGzipTextBound)
  }

  func testASharedFloorSaysSo() throws {
    let workspace = FixtureWorkspace()
    let path = workspace.writeGzipped("bomb.csv.gz", String(repeating: "\n", count: 1_000_000))
    let descriptor = open(path, O_RDONLY)
    let source = GzipByteSource(
      descriptor: descriptor, file: "bomb.csv.gz",
      bound: .init(floor: 1 << 16, ratio: 10, sharedBy: 4))
    let reader = CSVReader(source: source, displayPath: "bomb.csv.gz", chunkSize: 4096)
    XCTAssertThrowsError(try { while try reader.next() {} }()) {
      XCTAssertTrue(
        "\($0)".contains(
          "decompresses to more than 65536 bytes (its share: the week's 4 .csv.gz files may inflate to 256 MiB together)"
        ), "\($0)")
    }
  }
}
