import CandorTestSupport
import XCTest

@testable import CandorHTML
@testable import CandorReport

/// Issue 29, items 2 and 8: the subject says each task's status, and the letter greets a person
/// by first name and a team by its name.
final class EmailWordingTests: XCTestCase {
  func line(_ task: String, _ status: TaskStatus) -> StatusLine {
    StatusLine(task: task, status: status, words: testWords.phrase(.status(status)))
  }

  func subject(_ lines: [StatusLine]) -> String {
    ReportComposer.subject(client: "Acme", week: "2026-W48", statuses: lines, words: testWords)
  }

  func testTheSubjectNamesEachTasksStatusMostUrgentFirstAndCountsWhenLong() {
    XCTAssertEqual(
      subject([line("Engines", .better), line("Brake pads", .worse)]),
      "Acme, week 2026-W48: Brake pads worse, Engines better")
    let long = [
      line("Engine failure within 30 days", .better),
      line("Brake pad wear grade at the workshop", .worse),
      line("Battery health in cold weather", .steady),
    ]
    XCTAssertEqual(
      subject(long),
      "Acme, week 2026-W48: Brake pad wear grade at the workshop worse, 1 steady, 1 better")
    let steadyOnly = long.map { line($0.task, .steady) }
    XCTAssertEqual(subject(steadyOnly), "Acme, week 2026-W48: 3 steady")
  }

  /// A set is named by its description's first clause: cut at a clause's end, never inside a
  /// version or a number ("v2.1", "20,000"), nor at an abbreviation inside parentheses.
  func testADescriptionIsCutAtItsFirstClauseOnly() {
    XCTAssertEqual(
      Narrator.firstClause("Holdout v2.1 of 20,000 payments (Jan. to Jun. 2026)"),
      "Holdout v2.1 of 20,000 payments")
    XCTAssertEqual(Narrator.firstClause("Frozen test set. Never tuned on"), "Frozen test set")
    XCTAssertEqual(Narrator.firstClause("Last four weeks: fleet data"), "Last four weeks")
    XCTAssertEqual(Narrator.firstClause("Recent, unlabelled"), "Recent")
    XCTAssertEqual(Narrator.firstClause("(internal)"), "(internal)")
    XCTAssertEqual(
      Narrator.firstClause("Kunden aus dem 1. Quartal, ca. 20.000"), "Kunden aus dem 1. Quartal")
    XCTAssertEqual(Narrator.firstClause("Ca. 500 vans. Recent"), "Ca. 500 vans")
  }

  func testAPersonIsGreetedByFirstNameAndATeamByItsName() {
    XCTAssertEqual(Narrator.firstName("Dana Müller"), "Dana")
    XCTAssertEqual(Narrator.firstName("Anne-Marie O'Neill"), "Anne-Marie")
    XCTAssertEqual(Narrator.firstName("Quality Team"), "Quality Team")
    XCTAssertEqual(Narrator.firstName("Operations, Nordic Fleet"), "Operations, Nordic Fleet")
    XCTAssertEqual(Narrator.firstName("Dana"), "Dana")
    // A directory's "Last, First" is greeted by the first name; a team's comma is not one.
    XCTAssertEqual(Narrator.firstName("Müller, Jana"), "Jana")
    XCTAssertEqual(Narrator.firstName("Fleet, Data"), "Fleet, Data")
    XCTAssertEqual(Narrator.firstName("Acme, Inc"), "Acme, Inc")
    XCTAssertEqual(Narrator.firstName("Müller, Jana Maria"), "Müller, Jana Maria")
  }
}
