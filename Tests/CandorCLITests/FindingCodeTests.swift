import CandorAnalysis
import CandorBuiltinTemplates
import XCTest

@testable import CandorReport

/// Every finding code has its words in every language, and no template speaks for a code that
/// does not exist: `FindingCode` is the one list.
final class FindingCodeTests: XCTestCase {
  func testEveryCodeHasWordingInEveryLanguageAndEveryTemplateACode() {
    let templates = BuiltinTemplates.mustache
    for prefix in ["", "de/"] {
      let worded = Set(
        templates.keys.filter { $0.hasPrefix(prefix + "findings/") }.map {
          String($0.dropFirst((prefix + "findings/").count))
        })
      XCTAssertEqual(worded, Set(FindingCode.allCases.map(\.rawValue)), "\(prefix)findings/")
    }
  }

  /// Changes are ranked by their own rules; every standing condition has a place among the news.
  func testStandingConditionsAreRanked() {
    for code in StandingConditions.codes {
      XCTAssertNotNil(code.standingRank, code.rawValue)
    }
    for code in FindingCode.changes { XCTAssertNil(code.standingRank, code.rawValue) }
  }
}
