import Foundation
import XCTest

@testable import CandorModel
@testable import CandorWorkspace

/// The history cache trusts a week while its files hash the same; a file of 64 MiB or more is
/// hashed as two halves on two threads, and that hash must still depend on every byte, in order.
final class ContentHashTests: XCTestCase {
  func hash(_ data: Data) throws -> ContentHash {
    let path = NSTemporaryDirectory() + "candor-hash-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: path) }
    try data.write(to: URL(fileURLWithPath: path))
    return try XCTUnwrap(ContentHash(file: path))
  }

  /// `count` bytes of a 4,093-byte pattern (a prime period, so no power-of-two split repeats it).
  func pattern(_ count: Int) -> Data {
    let block = Data((0..<4093).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ $0 >> 8) })
    var data = Data(capacity: count + block.count)
    while data.count < count { data.append(block) }
    return data.prefix(count)
  }

  func testASmallFileHashesAsItsBytes() throws {
    let data = pattern(10_007)
    XCTAssertEqual(try hash(data), data.withUnsafeBytes { ContentHash(bytes: $0) })
  }

  func testALargeFileHashedInHalvesDependsOnEveryByteInOrder() throws {
    // An odd size, so the second half ends in a partial word.
    var data = pattern(ContentHash.halvesFrom + 13)
    let whole = try hash(data)
    XCTAssertEqual(
      try hash(data), whole, "the same bytes, the same hash, whichever half ends first")
    for index in [1, data.count - 1] {
      data[index] ^= 1
      XCTAssertNotEqual(try hash(data), whole, "a byte changed at \(index)")
      data[index] ^= 1
    }
    let middle = data.count / 2 & ~7
    XCTAssertNotEqual(
      try hash(data[middle...] + data[..<middle]), whole, "the halves' order counts")
  }
}
