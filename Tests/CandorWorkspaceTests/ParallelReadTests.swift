import CandorTestSupport
import Foundation
import XCTest

@testable import CandorModel
@testable import CandorWorkspace

/// A large file is read on two cores, and what is read is exactly what one core reads: the
/// same counts, scores and ids in the same order, and the same first error.
final class ParallelReadTests: XCTestCase {
  /// What a week's task holds, as text that differs wherever any number or order differs, and
  /// whether the file's two stretches were joined. Any file takes the two-core path here.
  static func read(_ csv: String, yaml: String, threads: Int) -> (text: String, joined: Bool) {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: ["weeks/2026-W48/evaluations/engine-failure/holdout.csv": csv])
    workspace.write("clients/acme/client.yaml", yaml)
    do {
      var client = try ClientWorkspace.open(try Workspace(path: workspace.root), id: "acme")
      client.readPolicy = ReadPolicy(parallelMinimumBytes: 1, parallelThreads: threads)
      let task = try client.load(client.weeks[0]).tasks[0]
      let set = task.sets[0]
      let text = [
        "\(task.classes) \(set.matrix)",
        {
          let scores = task.positiveIndex.flatMap { set.scoresByClass(positive: $0) }
          return "\(scores?.positives ?? []) \(scores?.negatives ?? [])"
        }(),
        "\(set.keyed?.idHashes ?? []) \(set.keyed?.cells ?? []) \(set.keyed?.scores?.values ?? [])",
      ].joined(separator: "\n")
      return (text, set.readOnTwoCores)
    } catch let error as InputErrors {
      return (error.errors.map(\.description).joined(separator: "\n"), false)
    } catch {
      return ("\(error)", false)
    }
  }

  func read(_ csv: String, yaml: String, threads: Int) -> String {
    Self.read(csv, yaml: yaml, threads: threads).text
  }

  /// Reads `csv` on one core and on two; asserts they agree and returns whether the two
  /// stretches were joined (false: the second was dropped and one core read on).
  @discardableResult
  func assertSameOnTwoCores(
    _ csv: String, yaml: String = FixtureWorkspace.binaryClientYAML,
    file: StaticString = #filePath, line: UInt = #line
  ) -> Bool {
    let one = Self.read(csv, yaml: yaml, threads: 1)
    let two = Self.read(csv, yaml: yaml, threads: 2)
    XCTAssertEqual(one.text, two.text, file: file, line: line)
    XCTAssertFalse(one.joined, file: file, line: line)
    return two.joined
  }

  func rows(_ count: Int, _ row: (Int) -> String) -> String {
    (0..<count).map(row).joined(separator: "\n") + "\n"
  }

  func realistic(_ index: Int) -> String {
    let failure = index % 97 == 0
    let score = Double((index * 7919) % 1_000_000) / 1_000_000
    return
      "veh-\(String(format: "%08d", index)),\(failure ? "failure" : "ok"),\(score >= 0.5 ? "failure" : "ok"),\(String(format: "%.6f", score))"
  }

  func testRealisticRowsAreReadOnTwoCoresAsOnOne() {
    let csv = "id,label,prediction,score\n" + rows(20_000, realistic)
    XCTAssertTrue(assertSameOnTwoCores(csv))
  }

  func testScoresWithoutIdsAsOnOne() {
    // No ids: the second stretch's scores are appended to the first's, in file order.
    let csv =
      "label,prediction,score\n"
      + rows(20_000) { index in
        let row = self.realistic(index)
        return String(row[row.index(after: row.firstIndex(of: ",")!)...])
      }
    XCTAssertTrue(assertSameOnTwoCores(csv))
  }

  func testScoresWithoutPredictionsAndCRLFAsOnOne() {
    let csv =
      "id,label,score\r\n"
      + rows(20_000) { "e\($0),\($0 % 50 == 0 ? "failure" : "ok"),0.\($0 % 1000)" }
      .replacingOccurrences(of: "\n", with: "\r\n")
    XCTAssertTrue(assertSameOnTwoCores(csv))
  }

  func testSemicolonsAndDecimalCommasOnTwoCores() {
    let csv =
      "id;label;prediction;score\n"
      + rows(20_000) { realistic($0) }
      .replacingOccurrences(of: ",", with: ";").replacingOccurrences(of: ".", with: ",")
    let yaml = FixtureWorkspace.binaryClientYAML + "\ncsv: {delimiter: \";\", decimal: \",\"}\n"
    XCTAssertTrue(assertSameOnTwoCores(csv, yaml: yaml))
  }

  func testANewlineInsideAQuotedFieldAtTheMiddleIsNoBoundary() {
    // One quoted id of many lines spans the middle of the file, each line a valid row for a
    // reader that starts inside it: the guessed boundary falls there, the first core does not
    // end a record on it, and reads on alone.
    let before = rows(5_000, realistic)
    let quoted = "\"veh-x\n" + rows(10_000) { "veh-q\($0),ok,ok,0.5" } + "veh-end\""
    let csv =
      "id,label,prediction,score\n" + before + quoted + ",ok,ok,0.25\n"
      + rows(1_000) { realistic(5_000 + $0) }
    XCTAssertFalse(assertSameOnTwoCores(csv))
  }

  func testTheFirstErrorIsTheSameWhereverItIs() {
    var lines = (0..<20_000).map(realistic)
    lines[15_000] = "veh-x,ok,ok,high"
    lines[17_000] = "veh-y,maybe,ok,0.5"
    assertSameOnTwoCores("id,label,prediction,score\n" + lines.joined(separator: "\n") + "\n")
    lines[3_000] = "veh-z,ok,ok,"
    assertSameOnTwoCores("id,label,prediction,score\n" + lines.joined(separator: "\n") + "\n")
  }

  func testDuplicateIdsAcrossTheTwoStretchesAreFound() {
    var lines = (0..<20_000).map(realistic)
    lines[19_000] = lines[10]
    let result = read(
      "id,label,prediction,score\n" + lines.joined(separator: "\n") + "\n",
      yaml: FixtureWorkspace.binaryClientYAML, threads: 2)
    XCTAssertTrue(result.contains("veh-00000010"), result)
    assertSameOnTwoCores("id,label,prediction,score\n" + lines.joined(separator: "\n") + "\n")
  }

  func testClassesFirstSeenInTheSecondHalfAreReadInFileOrder() {
    // No `classes:`: a class first seen after the middle cannot be named by the second core.
    let yaml = """
      name: Grades
      tasks:
        - id: engine-failure
          name: Grade
      validation_sets:
        - id: holdout
          description: Test
          role: test
      """
    let csv =
      "label,prediction\n" + rows(10_000) { "a,\($0 % 3 == 0 ? "b" : "a")" }
      + rows(10_000) { "\($0 % 2 == 0 ? "c" : "a"),b" }
    assertSameOnTwoCores(csv, yaml: yaml)
  }
}
