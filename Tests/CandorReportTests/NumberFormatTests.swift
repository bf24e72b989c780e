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

  func testWhatPrintsAsZeroCarriesNoSign() {
    let numbers = testWords.numbers
    XCTAssertEqual(numbers.signedScore(-0.0002), "0.000")
    XCTAssertEqual(numbers.signedScore(-0.0006), "−0.001")
    XCTAssertEqual(numbers.signedPoints(-0.00003), "0.00 points")
    XCTAssertEqual(numbers.signedPoints(-0.0004), "−0.04 points")
  }

  func testPercentsNeverRoundOntoAnEndTheyDoNotReach() {
    let numbers = testWords.numbers
    XCTAssertEqual(numbers.percent(0.99996), "99.99%")
    XCTAssertEqual(numbers.percent(0.9996), "99.96%")
    XCTAssertEqual(numbers.percent(1), "100.0%")
    XCTAssertEqual(numbers.percent(0.00004), "0.01%")
    XCTAssertEqual(numbers.percent(0), "0.0%")
    XCTAssertEqual(numbers.percent(0.5), "50.0%")
  }

  func testTheEndsOfAChangeAlwaysShowIt() {
    let numbers = testWords.numbers
    XCTAssertTrue(numbers.changeEnds(0.6926, 0.6932, isRate: false) == ("0.6926", "0.6932"))
    XCTAssertTrue(numbers.changeEnds(0.813, 0.789, isRate: false) == ("0.813", "0.789"))
    XCTAssertTrue(numbers.changeEnds(0.8402, 0.8398, isRate: true) == ("84.02%", "83.98%"))
    XCTAssertTrue(numbers.changeEnds(0.50006, 0.50012, isRate: true) == ("50.006%", "50.012%"))
    XCTAssertTrue(numbers.changeEnds(0.542, 0.708, isRate: true) == ("54.2%", "70.8%"))
  }

  func testTheEndsOfAChangeSubtractToTheChangeShown() {
    let numbers = testWords.numbers
    // Rounded on their own, 0.768 and 0.766 subtract to 0.002 beside a change of −0.003.
    XCTAssertEqual(numbers.signed(0.7656 - 0.7684, isRate: false), "−0.003")
    XCTAssertTrue(numbers.changeEnds(0.7684, 0.7656, isRate: false) == ("0.7684", "0.7656"))
    // A headline or a snippet, which print no change, keep the shorter ends.
    XCTAssertTrue(
      numbers.changeEnds(0.7684, 0.7656, isRate: false, besideChange: false) == ("0.768", "0.766"))
    // 52.8% to 69.4% is 16.6 points, beside a change of +16.7.
    XCTAssertEqual(numbers.signed(0.69444 - 0.52778, isRate: true), "+16.7 points")
    XCTAssertTrue(numbers.changeEnds(0.52778, 0.69444, isRate: true) == ("52.78%", "69.44%"))
    // Ends that already subtract to the change keep the usual precision.
    XCTAssertTrue(numbers.changeEnds(0.8131, 0.7889, isRate: false) == ("0.813", "0.789"))
    XCTAssertTrue(numbers.changeEnds(0.5419, 0.7081, isRate: true) == ("54.2%", "70.8%"))
    // In German too, where the decimal mark is a comma and the percent sign has a space.
    let german = NumberFormat(
      decimalSeparator: ",", groupingSeparator: ".", percentSign: "\u{00A0}%",
      point: ("Prozentpunkt", "Prozentpunkte"), rangeWord: "bis", week: { $0.description })
    XCTAssertTrue(
      german.changeEnds(0.52778, 0.69444, isRate: true) == ("52,78\u{00A0}%", "69,44\u{00A0}%"))
    XCTAssertTrue(german.changeEnds(0.7684, 0.7656, isRate: false) == ("0,7684", "0,7656"))
  }
}
