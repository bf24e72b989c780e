import Foundation
import XCTest

/// A Monte Carlo study or property sweep: minutes of simulation that say whether the
/// statistics keep their promises. `swift test` skips them so that a developer's run stays
/// fast; `Scripts/self-check` (and CI) runs them with `CANDOR_SELF_CHECK=1`.
class SelfCheckCase: XCTestCase {
  static var enabled: Bool { ProcessInfo.processInfo.environment["CANDOR_SELF_CHECK"] == "1" }

  override func setUpWithError() throws {
    try XCTSkipUnless(Self.enabled, "a self-check: run Scripts/self-check (CANDOR_SELF_CHECK=1)")
  }
}
