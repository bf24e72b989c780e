import CandorTestSupport
import Dispatch
import Foundation
import XCTest

@testable import CandorModel
@testable import CandorWorkspace

/// Two clients read at once, each file on two cores, as `candor batch` does: nothing the
/// readers share may be written. CI runs this test under Thread Sanitizer
/// (`swift test --sanitize=thread --filter ConcurrentReadersTests`).
final class ConcurrentReadersTests: XCTestCase {
  func testTwoReadersAtOnceReadWhatEachReadsAlone() {
    let rows = (0..<20_000).map { index in
      "id-\(index),\(index % 7 == 0 ? "failure" : "ok"),\(index % 5 == 0 ? "failure" : "ok"),0.\(index % 1000)"
    }
    let csv = "id,label,prediction,score\n" + rows.joined(separator: "\n") + "\n"
    let alone = ParallelReadTests.read(csv, yaml: FixtureWorkspace.binaryClientYAML, threads: 2)
    XCTAssertTrue(alone.joined, "the file is read on two cores")
    let results = ResultSlots(count: 4)
    DispatchQueue.concurrentPerform(iterations: 4) { index in
      results.set(
        index, ParallelReadTests.read(csv, yaml: FixtureWorkspace.binaryClientYAML, threads: 2).text
      )
    }
    for index in 0..<4 { XCTAssertEqual(results.get(index), alone.text, "reader \(index)") }
  }
}

/// Results of concurrent iterations, each written under a lock.
private final class ResultSlots: @unchecked Sendable {
  private var values: [String?]
  private let lock = NSLock()
  init(count: Int) { values = Array(repeating: nil, count: count) }
  func set(_ index: Int, _ value: String) { lock.withLock { values[index] = value } }
  func get(_ index: Int) -> String? { lock.withLock { values[index] } }
}
