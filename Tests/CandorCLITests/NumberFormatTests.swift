import CandorTestSupport
import XCTest

@testable import CandorReport

/// One quantity, one way of writing it: signs on changes, and none on an exact zero.
final class NumberFormatTests: XCTestCase {
  func testSignedChangesCarryASignExceptAtZero() {
    let numbers = testWords.numbers
    XCTAssertEqual(numbers.signedPoints(0.167), "+16.7 points")
    XCTAssertEqual(numbers.signedPoints(-0.024), "−2.4 points")
    // An interval for a change that is not beyond noise reaches zero: "0.0 points", not "+0.0".
    XCTAssertEqual(numbers.signedPoints(0), "0.0 points")
    XCTAssertEqual(numbers.signedScore(0.05), "+0.050")
    XCTAssertEqual(numbers.signedScore(0), "0.000")
  }
}
