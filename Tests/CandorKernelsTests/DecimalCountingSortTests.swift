import CandorTestSupport
import XCTest

@testable import CandorKernels

/// Scores written with at most six decimals sort by counting; everything else falls back to
/// the radix sort. Either way the result is the standard library's sort, bit for bit.
final class DecimalCountingSortTests: XCTestCase {
  func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

  func parsed(_ text: String) -> Double { Double(text)! }

  func testSixDecimalScoresSortByCountingBitForBit() {
    var random = SeededRandom(seed: 0x5C0_8E5)
    // As exports print them, parsed as the reader parses them: "0.412000", "1", "-0.25". Built
    // from whole millionths, because printf would also write "-0.000000", a negative zero that
    // rightly goes to the radix sort (`testOtherValuesAreLeftToTheRadixSort`).
    var values = (0..<300_000).map { _ -> Double in
      let millionths = Int.random(in: -500_000...1_500_000, using: &random)
      let sign = millionths < 0 ? "-" : ""
      let magnitude = millionths.magnitude
      let fraction = String(magnitude % 1_000_000)
      return parsed(
        "\(sign)\(magnitude / 1_000_000).\(String(repeating: "0", count: 6 - fraction.count))\(fraction)"
      )
    }
    values += ["0", "1", "0.5", "0.5", "0.000001", "0.999999", "0.4121", "1.000000"].map(parsed)
    var counted = values
    XCTAssertTrue(DecimalCountingSort.sort(&counted))
    XCTAssertEqual(bits(counted), bits(values.sorted()))
    var viaRadix = values
    RadixSort.sort(&viaRadix)
    XCTAssertEqual(bits(viaRadix), bits(values.sorted()))
  }

  func testOtherValuesAreLeftToTheRadixSort() {
    let base = (0..<100_000).map { Double($0 % 1000) / 1000 }
    let intruders: [(String, Double)] = [
      ("seven decimals", parsed("0.1234567")), ("negative zero", -0.0), ("NaN", .nan),
      ("infinity", .infinity), ("a wide range", 5), ("huge", 1e300),
    ]
    for (name, intruder) in intruders {
      var values = base + [intruder]
      let before = values
      XCTAssertFalse(DecimalCountingSort.sort(&values), name)
      XCTAssertEqual(bits(values), bits(before), "\(name): untouched")
    }
    // The radix sort still orders them (NaN aside, which no score can be).
    var mixed = base + [parsed("0.1234567"), -0.0, 5, 1e300]
    RadixSort.sort(&mixed)
    XCTAssertEqual(mixed, (base + [parsed("0.1234567"), -0.0, 5, 1e300]).sorted())
  }

  func testTheRangeOfKeysIsNilForNoValuesAndForAnyInexactOne() {
    XCTAssertNil([Double]().withUnsafeBufferPointer(DecimalCountingSort.keyRange))
    var none: [Double] = []
    XCTAssertFalse(DecimalCountingSort.sort(&none), "nothing to count, and no trap")
    XCTAssertEqual(
      [0.25, -0.000001, 1.5].withUnsafeBufferPointer(DecimalCountingSort.keyRange),
      -1...1_500_000)
    XCTAssertNil([0.25, -0.0].withUnsafeBufferPointer(DecimalCountingSort.keyRange))
    XCTAssertNil([0.25, .nan].withUnsafeBufferPointer(DecimalCountingSort.keyRange))
  }
}
