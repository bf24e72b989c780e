import CandorTestSupport
import XCTest

@testable import CandorIngest
@testable import CandorKernels
@testable import CandorModel
@testable import CandorWorkspace

/// The edge cases the contract accepts: BOM, CRLF, quoting, column order, extra columns.
final class PredictionsAcceptedTests: XCTestCase {
  func load(_ data: Data, yaml: String? = nil) throws -> TaskEvaluation {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: [:])
    if let yaml { workspace.write("clients/acme/client.yaml", yaml) }
    workspace.write("clients/acme/weeks/2026-W48/evaluations/engine-failure/holdout.csv", data)
    let client = try ClientWorkspace.open(try Workspace(path: workspace.root), id: "acme")
    return try client.load(client.weeks[0]).tasks[0]
  }

  func testBOMAndCRLF() throws {
    var data = Data([0xEF, 0xBB, 0xBF])
    data.append(Data("label,prediction\r\nfailure,failure\r\nok,failure\r\nok,ok\r\n".utf8))
    let task = try load(data)
    XCTAssertEqual(task.classes, ["ok", "failure"])
    XCTAssertEqual(task.sets[0].matrix, [[1, 1], [0, 1]])
  }

  func testQuotedCommasNewlinesAndDoubledQuotes() throws {
    let csv =
      "segment,label,prediction\n\"Van, \"\"V-90\"\"\",failure,ok\n\"multi\nline\",ok,ok\nplain,ok,ok\n"
    let set = try load(Data(csv.utf8)).sets[0]
    XCTAssertEqual(set.segments.map(\.name), ["Van, \"V-90\"", "multi\nline", "plain"])
    XCTAssertEqual(set.matrix, [[2, 0], [1, 0]])
  }

  func testColumnsInAnyOrderAndExtraColumnsIgnored() throws {
    let csv =
      "notes,prediction,extra,label,id\nx,failure,1,failure,a\ny,ok,2,failure,b\nz,ok,3,ok,c\n"
    let set = try load(Data(csv.utf8)).sets[0]
    XCTAssertEqual(set.matrix, [[1, 0], [1, 1]])
    XCTAssertEqual(set.keyed?.idHashes.count, 3)
  }

  func testScoreWithoutPredictionUsesThresholdInclusive() throws {
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "primary_metric: recall", with: "threshold: 0.7")
    let csv = "label,score\nfailure,0.7\nfailure,0.69\nok,0.1\nok,0.71\n"
    let set = try load(Data(csv.utf8), yaml: yaml).sets[0]
    // rows: ok, failure (actual); columns: ok, failure (predicted)
    XCTAssertEqual(set.matrix, [[1, 1], [1, 1]])
    XCTAssertEqual(set.scored?.positives, [0.69, 0.7])
    XCTAssertEqual(set.scored?.negatives, [0.1, 0.71])
  }

  func testNoTrailingNewlineAndBlankLinesSkipped() throws {
    let set = try load(Data("label,prediction\nfailure,failure\n\nok,ok".utf8)).sets[0]
    XCTAssertEqual(set.total, 2)
  }

  func testNumericLookingLabelsStayText() throws {
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "positive_label: failure", with: "positive_label: 1")
    let task = try load(Data("label,prediction\n1,1\n0,1\n".utf8), yaml: yaml)
    XCTAssertEqual(task.classes, ["0", "1"])
    XCTAssertEqual(task.positiveIndex, 1)
  }

  func testChunkBoundariesDoNotChangeTheResult() throws {
    var csv = "id,label,score,segment\n"
    for index in 0..<5000 {
      csv +=
        "id\(index),\(index % 7 == 0 ? "failure" : "ok"),0.\(index % 10)\(index % 3),\"seg, \(index % 4)\"\r\n"
    }
    let path = NSTemporaryDirectory() + "chunks-\(UUID().uuidString).csv"
    try Data(csv.utf8).write(to: URL(fileURLWithPath: path))
    defer { try? FileManager.default.removeItem(atPath: path) }
    func records(_ chunk: Int) throws -> [[String]] {
      let reader = try CSVReader(path: path, displayPath: "x.csv", chunkSize: chunk)
      var rows: [[String]] = []
      while try reader.next() { rows.append((0..<reader.fieldCount).map { reader.string($0)! }) }
      return rows
    }
    let reference = try records(1 << 20)
    XCTAssertEqual(reference.count, 5001)
    for size in [1, 2, 3, 7, 64] {
      XCTAssertEqual(try records(size), reference, "chunk size \(size)")
    }
  }
}

/// The radix sorts agree with the standard library's sort on large and awkward inputs.
final class RadixSortTests: XCTestCase {
  func testDoublesIncludingNegativesAndTies() {
    var random = SeededRandom(seed: 0xD0B1E)
    var values = (0..<200_000).map { _ in Double(Int.random(in: -5000...5000, using: &random)) / 997
    }
    values += [0, -0.0, 1e-300, -1e300, 0.5, 0.5]
    var sorted = values
    RadixSort.sort(&sorted)
    XCTAssertEqual(sorted, values.sorted())
  }

  func testALargeSortOnTwoThreadsKeepsEveryKeyWithItsPayloadAndScore() {
    // Past `parallelFrom` the upper half of the first level's buckets sorts on a second thread.
    let count = RadixSort.parallelFrom + 1_000
    var keys: [UInt64] = (0..<count).map { UInt64($0 % 900_000) &* 0x9E37_79B9_7F4A_7C15 }
    var payload = keys.map { UInt16(truncatingIfNeeded: $0 >> 40) }
    var scores = keys.map { Double($0 >> 11) }
    let expected = keys.sorted()
    RadixSort.sort(&keys, payload: &payload, scores: &scores)
    XCTAssertEqual(keys, expected)
    XCTAssertEqual(payload, keys.map { UInt16(truncatingIfNeeded: $0 >> 40) })
    XCTAssertEqual(scores, keys.map { Double($0 >> 11) })
  }

  func testKeysCarryTheirPayload() {
    let keys: [UInt64] = (0..<100_000).map { UInt64($0) &* 0x9E37_79B9_7F4A_7C15 }
    var sortedKeys = keys
    var payload = keys.map { UInt16(truncatingIfNeeded: $0 >> 40) }
    RadixSort.sort(&sortedKeys, payload: &payload)
    XCTAssertEqual(sortedKeys, keys.sorted())
    XCTAssertEqual(payload, sortedKeys.map { UInt16(truncatingIfNeeded: $0 >> 40) })
  }
}
