import XCTest

@testable import CandorAnalysis

/// A count statistic ties often; both p-values count a tie with the observed change half.
final class MidPTests: XCTestCase {
  func testTheExactPValueCountsTheTieHalf() {
    // McNemar, 3 discordant pairs all one way: outcomes −3, −1, 1, 3 with 1, 3, 3, 1 eighths.
    let null = [-3.0, -1, 1, 3]
    let probabilities = [1.0, 3, 3, 1].map { $0 / 8 }
    // Nothing beyond ±3, the two tails at ±3 counted half: 1/8; the plain exact p was 2/8.
    XCTAssertEqual(ResampledTest.exactP(3, null: null, probabilities: probabilities), 0.125)
    // At ±1: ±3 beyond (2/8) and ±1 tied (6/8) half: 5/8.
    XCTAssertEqual(ResampledTest.exactP(1, null: null, probabilities: probabilities), 0.625)
  }

  func testTheRandomisationPValueCountsTiedDrawsHalf() {
    let null: [Double] = [3, -2, 2, 1, 0, 0, -1, 0, 1, 0]
    // Beyond 2: one draw; tied at ±2: two draws, half; plus the observed itself: (1+1+1)/11.
    XCTAssertEqual(ResampledTest.randomisationP(2, null: null), 3 / 11, accuracy: 1e-12)
    // A continuous statistic never ties: the usual (1 + b) / (1 + R).
    XCTAssertEqual(
      ResampledTest.randomisationP(2.5, null: null), 2 / 11, accuracy: 1e-12)
  }
}
