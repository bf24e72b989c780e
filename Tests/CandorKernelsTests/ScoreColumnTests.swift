import XCTest

@testable import CandorKernels

/// A file's scores are kept as 32-bit codes where each is bit for bit `k / 10⁶`, else as
/// doubles; either way every score reads back exactly as it was read.
final class ScoreColumnTests: XCTestCase {
  func bits(_ column: ScoreColumn) -> [UInt64] { column.values.map(\.bitPattern) }

  func testSixDecimalScoresInZeroToFourThousandAreKeptAsCodes() {
    let scores = [0, 0.5, 1, 0.000_001, 0.123_456, 0.999_999, 4_294.967_295]
    let column = ScoreColumn(scores)
    guard case .decimal(let codes) = column else { return XCTFail("not kept as codes") }
    XCTAssertEqual(codes, [0, 500_000, 1_000_000, 1, 123_456, 999_999, UInt32.max])
    XCTAssertEqual(bits(column), scores.map(\.bitPattern))
    XCTAssertEqual(column.count, scores.count)
    column.withReader { reader in
      XCTAssertEqual(reader.key(4), 123_456)
      XCTAssertEqual(reader[4].bitPattern, 0.123_456.bitPattern)
    }
  }

  func testAnyOtherScoreKeepsTheColumnAsDoubles() {
    // −0.0 reads back as −0.0, not as 0; a seventh decimal, a negative score and one past
    // 32 bits of codes are doubles; so is every score of the column once one is.
    for odd in [-0.0, 0.123_456_7, -0.5, 4_294.967_296, 1e300, .infinity] {
      let scores = [0.25, 0.5, odd, 0.75]
      let column = ScoreColumn(scores)
      guard case .values = column else { return XCTFail("\(odd) kept as a code") }
      XCTAssertEqual(bits(column), scores.map(\.bitPattern), "\(odd)")
      column.withReader { reader in
        XCTAssertEqual(reader.exactKey(0), 250_000)
        XCTAssertEqual(reader[2].bitPattern, odd.bitPattern)
        if [0.123_456_7, 1e300, .infinity].contains(odd) { XCTAssertNil(reader.exactKey(2)) }
      }
    }
  }

  func testTheBuilderConvertsTheCodesSoFarOnceAScoreHasNone() {
    var builder = ScoreColumn.Builder()
    builder.reserve(4)
    XCTAssertTrue(builder.isEmpty)
    for score in [0.1, 0.2, 0.3] { builder.append(score) }
    XCTAssertFalse(builder.isEmpty)
    builder.append(1.0 / 3)
    let column = builder.take()
    XCTAssertTrue(builder.isEmpty)
    XCTAssertEqual(bits(column), [0.1, 0.2, 0.3, 1.0 / 3].map(\.bitPattern))
    guard case .values = column else { return XCTFail("kept as codes") }
  }
}
