import Foundation
import XCTest

@testable import CandorIngest
@testable import CandorModel

/// Issue 18.3: the score parser's fast path rounds correctly: on millions of random and
/// edge-case strings it returns the very double `strtod` returns, and refuses what it refuses.
final class NumberParsingTests: XCTestCase {
  /// What a score cell means: the whole text is one number for `strtod`, without the leading
  /// space or hexadecimal form that `strtod` would also take.
  func reference(_ text: String) -> Double? {
    // Over 400 bytes is no score but a hostile cell: refused before strtod sees it.
    guard let first = text.utf8.first, first != 0x20, first != 0x09, text.utf8.count < 400,
      !text.contains("x"), !text.contains("X")
    else { return nil }
    return text.withCString { start -> Double? in
      var end: UnsafeMutablePointer<CChar>?
      let value = strtod(start, &end)
      guard let end, end - UnsafeMutablePointer(mutating: start) == strlen(start) else {
        return nil
      }
      return value
    }
  }

  func assertSame(_ text: String, file: StaticString = #filePath, line: UInt = #line) {
    let parsed = NumberParsing.double(Array(text.utf8))
    let expected = reference(text)
    guard let parsed, let expected else {
      XCTAssertEqual(parsed == nil, expected == nil, "'\(text)'", file: file, line: line)
      return
    }
    if expected.isNaN {
      XCTAssertTrue(parsed.isNaN, "'\(text)'", file: file, line: line)
    } else {
      XCTAssertEqual(parsed.bitPattern, expected.bitPattern, "'\(text)'", file: file, line: line)
    }
  }

  func testEdgeCasesMatchStrtod() {
    let cases = [
      "0", "-0", "+0", "0.0", "-0.0", "1", "1.", ".5", "-.5", "+.5", ".", "", "-", "+", "1e5",
      "1E-5", "1e", "e5", "nan", "inf", "-Infinity", " 1", "1 ", "0x10", "1.5.5", "--1", "+-1",
      "0.1", "0.2", "0.3", "0.7", "0.123456", "0.999999", "1.000000", "0.000001",
      "123456789012345", "999999999999999", "1234567890123456", "9007199254740993",
      "9007199254740992.5", "123456789012345.6", "12345678901234.56", "0.123456789012345",
      "0.1234567890123456", "0.00000000000000000000001", "10000000000000000000000",
      "100000000000000000000000", "1e22", "1e23", "1e308", "1e309", "4.9e-324", "2e-324",
      "2.2250738585072011e-308", "0.999999999999999944488848768742172978818416595458984375",
      "000000000000000000000.5", "0.500000000000000000000", "1,5", "1_000", "½", "٣",
      String(repeating: "9", count: 399), "0." + String(repeating: "0", count: 396) + "1",
      String(repeating: "9", count: 400),
    ]
    for text in cases { assertSame(text) }
    XCTAssertEqual(NumberParsing.double(Array("0.123456".utf8)), 0.123456)
    XCTAssertNil(NumberParsing.double(Array("0.12a".utf8)))
  }

  func testRandomDecimalsMatchStrtod() {
    // A fixed seed: a failure reproduces.
    var seed: UInt64 = 18
    func next() -> UInt64 {
      seed &+= 0x9E37_79B9_7F4A_7C15
      var z = seed
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let digits = Array("0123456789".utf8)
    var failures = 0
    // Two million under the self-check (CANDOR_SELF_CHECK=1), a tenth of that by default.
    let rounds =
      ProcessInfo.processInfo.environment["CANDOR_SELF_CHECK"] == "1" ? 2_000_000 : 200_000
    for round in 0..<rounds where failures < 20 {
      var bytes: [UInt8] = []
      switch round % 3 {
      case 0:
        // Scores as exports write them: 0 to 1 with one to nine decimals.
        let places = Int(next() % 9) + 1
        bytes = Array("0.".utf8)
        for _ in 0..<places { bytes.append(digits[Int(next() % 10)]) }
      case 1:
        // Any plain decimal of up to 25 digits, the point anywhere, maybe signed.
        let count = Int(next() % 25) + 1
        let point = Int(next() % UInt64(count + 1))
        let sign = next() % 4
        if sign == 0 { bytes.append(UInt8(ascii: "-")) }
        if sign == 1 { bytes.append(UInt8(ascii: "+")) }
        for index in 0..<count {
          if index == point { bytes.append(UInt8(ascii: ".")) }
          bytes.append(digits[Int(next() % 10)])
        }
      default:
        // Near the fast path's edge: 14 to 17 significant digits, exponents for the slow path.
        let count = Int(next() % 4) + 14
        for index in 0..<count {
          bytes.append(digits[Int(next() % (index == 0 ? 9 : 10)) + (index == 0 ? 1 : 0)])
        }
        let point = Int(next() % UInt64(count))
        bytes.insert(UInt8(ascii: "."), at: point + 1)
        if next() % 8 == 0 { bytes += Array("e-\(next() % 320)".utf8) }
      }
      let text = String(decoding: bytes, as: UTF8.self)
      let parsed = NumberParsing.double(bytes)
      let expected = reference(text)
      if parsed?.bitPattern != expected?.bitPattern {
        failures += 1
        XCTFail(
          "'\(text)': \(String(describing: parsed)) but strtod gives \(String(describing: expected))"
        )
      }
    }
  }
}
