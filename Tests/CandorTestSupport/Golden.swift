import Foundation
import XCTest

/// Compares a produced folder with a golden folder, file by file; missing or extra files fail.
/// `CANDOR_RECORD_GOLDEN=1` rewrites the golden folder and fails once, so a recording is
/// never mistaken for a pass. Review golden diffs like code.
public enum Golden {
  public static var isRecording: Bool {
    ProcessInfo.processInfo.environment["CANDOR_RECORD_GOLDEN"] == "1"
  }

  public static func assertTree(
    _ produced: String, matches golden: String, file: StaticString = #filePath, line: UInt = #line
  ) {
    let actual = CandorProcess.tree(produced)
    if isRecording {
      try? FileManager.default.removeItem(atPath: golden)
      for (path, data) in actual {
        let target = golden + "/" + path
        try? FileManager.default.createDirectory(
          atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: target, contents: data)
      }
      XCTFail(
        "recorded golden files in \(golden); rerun without CANDOR_RECORD_GOLDEN", file: file,
        line: line)
      return
    }
    let expected = CandorProcess.tree(golden)
    XCTAssertFalse(
      expected.isEmpty, "no golden files in \(golden); record them with CANDOR_RECORD_GOLDEN=1",
      file: file, line: line)
    XCTAssertEqual(
      Set(actual.keys), Set(expected.keys), "files differ from \(golden)", file: file, line: line)
    for (path, data) in expected {
      guard let produced = actual[path] else { continue }
      if produced != data {
        let a = String(decoding: produced, as: UTF8.self).split(
          separator: "\n", omittingEmptySubsequences: false)
        let b = String(decoding: data, as: UTF8.self).split(
          separator: "\n", omittingEmptySubsequences: false)
        let first = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }
        let location =
          first.map {
            "line \($0.offset + 1):\n  got      \($0.element.0.prefix(300))\n  expected \($0.element.1.prefix(300))"
          } ?? "lengths differ"
        XCTFail("\(path) differs from golden: \(location)", file: file, line: line)
      }
    }
  }
}
