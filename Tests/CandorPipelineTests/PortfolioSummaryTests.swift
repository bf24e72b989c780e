import XCTest

@testable import CandorPipeline
@testable import CandorReport

/// The portfolio's first line counts clients by their most urgent task, in words true of
/// every task: a client with one task better and the rest steady is not "steady".
final class PortfolioSummaryTests: XCTestCase {
  func row(_ client: String, _ statuses: [TaskStatus]) -> PortfolioRow {
    var row = PortfolioRow(client: client, week: "2026-W48", error: "")
    row.error = nil
    row.tasks = statuses.enumerated().map { index, status in
      .init(id: "t\(index)", name: "Task \(index)", status: status, trend: [])
    }
    return row
  }

  func testAClientWithATaskBetterIsNotCalledSteady() {
    XCTAssertEqual(
      PortfolioPage.summary([
        row("a", [.worse, .better]), row("b", [.steady, .better]), row("c", [.steady]),
        row("d", [.better]), row("e", [.noData]),
      ]),
      "5 clients: 1 with a task worse, 1 with a task better, 1 steady, 1 better, 1 without a value to watch."
    )
  }
}
