import CandorTestSupport
import Foundation
import XCTest

/// Issue 12's acceptance case: a ten-class task with one real regression reads as news first,
/// in at most 150 words and at most seven callouts, each thing said once.
final class TenClassReportTests: XCTestCase {
  static let classes = ["c0", "c1", "c2", "c3", "c4", "c5", "c6", "c7", "c8", "c9"]

  /// 3,000 examples by id; in W48 class 'c3' is recognised far less often (85% → 50%).
  static func workspace() -> FixtureWorkspace {
    let workspace = FixtureWorkspace()
    workspace.write(
      "clients/tenco/client.yaml",
      """
      name: Ten Co
      tasks:
        - id: parts
          name: Part type
          classes: [\(classes.joined(separator: ", "))]
      validation_sets:
        - id: frozen
          description: Frozen test set of parts from 2025
          role: test
        - id: recent
          description: Recent parts
          role: validation
      """)
    var state: UInt64 = 42
    func next() -> Double {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Double(state >> 11) / Double(1 << 53)
    }
    for set in ["frozen", "recent"] {
      var rows: [(String, Int, Double, Int)] = []
      for index in 0..<3000 {
        // c3 rarer, c0 commoner
        let label = index % 10 == 9 ? 9 : (index % 10 == 3 && index % 20 != 3 ? 0 : index % 10)
        rows.append(("\(set)-\(index)", label, next(), (index * 7 + 3) % 10))
      }
      for (week, c3Recall) in [("2026-W47", 0.85), ("2026-W48", 0.50)] {
        var csv = "id,label,prediction\n"
        for (id, label, draw, other) in rows {
          let recall = label == 3 ? c3Recall : 0.85
          let prediction = draw < recall ? label : (other == label ? (label + 1) % 10 : other)
          csv += "\(id),\(classes[label]),\(classes[prediction])\n"
        }
        workspace.write("clients/tenco/weeks/\(week)/evaluations/parts/\(set).csv", csv)
      }
    }
    return workspace
  }

  func testTenClassRegressionIsNewsFirstInFewWords() async throws {
    let workspace = Self.workspace()
    let out = CandorProcess.temporaryFolder()
    let result = await InProcess.run([
      "report", workspace.root, "--client", "tenco", "--out", out,
    ])
    XCTAssertEqual(result.status, 0, result.stderr)
    let markdown = String(
      decoding: CandorProcess.tree(out)["tenco/2026-W48/report.md"]!, as: UTF8.self)
    let minute = markdown.components(separatedBy: "## This week in one minute")[1].components(
      separatedBy: "## What is new")[0]
    let words = minute.split(whereSeparator: { $0 == " " || $0 == "\n" }).count
    XCTAssertLessThanOrEqual(words, 150, minute)
    XCTAssertTrue(minute.contains("a real drop, not noise"), minute)
    XCTAssertTrue(minute.contains("'c3'"), "what it means: the class that lost: \(minute)")
    let front = markdown.components(separatedBy: "\n## Part type")[0]
    XCTAssertLessThanOrEqual(front.components(separatedBy: "<aside").count - 1, 7, front)
    XCTAssertFalse(markdown.contains("stayed level"))
    XCTAssertFalse(markdown.contains("by 0.00 "))
    XCTAssertFalse(markdown.contains("by 0.0 points"))
    // Each drop is said once on the front page: no second callout for the same metric and set.
    let callouts = front.components(separatedBy: "<aside").dropFirst().map { String($0) }
    XCTAssertEqual(
      callouts.filter { $0.contains("fell by") && $0.contains("&#39;frozen&#39;") }.count, 1, front)
    // Every finding with its code is the team's edition, not the client's.
    XCTAssertFalse(markdown.contains("## All findings"))
    let team = String(
      decoding: CandorProcess.tree(out)["tenco/2026-W48/report-team.html"]!, as: UTF8.self)
    XCTAssertTrue(team.contains("All findings"))
  }
}
