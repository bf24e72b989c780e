import CandorTestSupport
import Foundation
import XCTest

/// Words are data: no reader-facing sentence is built in Swift under CandorAnalysis or
/// CandorReport. The rule is mechanical: a string literal that holds four or more words written
/// out (interpolations and markup tags do not count) is a sentence, unless its line is an
/// error message for the team (the call may start up to three lines above) or its file is listed below as still pending.
final class SentenceLiteralTests: XCTestCase {
  static let folders = ["Sources/CandorAnalysis", "Sources/CandorReport"]

  /// Lines holding these build messages for the person running Candor, not for the client.
  static let errorMarkers = [
    "InputError(", "TemplateError(", "precondition", "assert(", "fatalError(",
    "preconditionFailure(",
  ]

  /// Files whose sentences have not moved to Templates/ yet (issue 13, item 2). Each one left
  /// here is English in every locale; remove a file from this list when its words have moved.
  static let pending: Set<String> = []

  /// Files with no words for the reader at all: the template bounds, whose messages are errors
  /// for whoever wrote the template.
  static let notForTheReader: Set<String> = [
    "Sources/CandorReport/Composition/TemplateGuard.swift",
    "Sources/CandorReport/Composition/TemplateParseProblem.swift",
    "Sources/CandorReport/Composition/TemplatePolicy.swift",
    "Sources/CandorReport/Composition/TemplateScanner.swift",
  ]

  func testNoSentenceIsBuiltInSwift() throws {
    var offences: [String] = []
    for folder in Self.folders {
      for path in Self.swiftFiles(under: folder)
      where !Self.pending.contains(path) && !Self.notForTheReader.contains(path) {
        let source = try String(
          contentsOfFile: CandorProcess.repository + "/" + path, encoding: .utf8)
        offences += Self.sentences(in: source).map { "\(path):\($0.line): \"\($0.text)\"" }
      }
    }
    XCTAssertEqual(
      offences, [],
      "sentences for the reader belong in Templates/:\n" + offences.joined(separator: "\n"))
  }

  /// The rule itself, on both sides of its boundary.
  func testTheRuleFindsSentencesAndLeavesIdentifiersAndErrors() {
    XCTAssertEqual(
      Self.sentences(in: #"let x = "The model caught \(n.count) cases""#).map(\.text),
      [#"The model caught \(x) cases"#])
    XCTAssertEqual(
      Self.sentences(in: #"let x = "<p class=\"callout-head\">\(label)</p>""#).count, 0,
      "markup is not words")
    XCTAssertEqual(Self.sentences(in: #"let x = "three words only""#).count, 0)
    XCTAssertEqual(
      Self.sentences(in: #"throw InputError(file: f, "is not a number at all")"#).count, 0)
    XCTAssertEqual(
      Self.sentences(
        in: "throw TemplateError(\n  name: n,\n  reason: \"could write more than this\")"
      ).count, 0,
      "a message wrapped below its call is still an error message")
    XCTAssertEqual(
      Self.sentences(
        in:
          "throw TemplateError(name: n)\nlet a = 1\nlet b = 2\nlet d = 3\nlet c = \"the model caught many\""
      ).count,
      1, "a sentence four lines below an error is not part of it")
    XCTAssertEqual(
      Self.sentences(in: "// a comment with \"many words in a string\"\nlet y = 1").count, 0)
    XCTAssertEqual(
      Self.sentences(in: #"let z = "\(a.map { "'\($0)' is rare here too" })""#).count, 1,
      "literals inside interpolations count")
  }

  static func swiftFiles(under folder: String) -> [String] {
    let root = CandorProcess.repository + "/" + folder
    let names = FileManager.default.enumerator(atPath: root)?.compactMap { $0 as? String } ?? []
    return names.filter { $0.hasSuffix(".swift") }.sorted().map { folder + "/" + $0 }
  }

  /// Literals of four or more words, with their line, outside comments and error lines.
  static func sentences(in source: String) -> [(line: Int, text: String)] {
    let lines = source.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    return literals(in: source).filter { literal in
      // swift format wraps a long message below its call: the call may be up to three lines up.
      let statement = lines[max(0, literal.line - 4)..<literal.line].joined(separator: "\n")
      return !errorMarkers.contains { statement.contains($0) } && wordCount(literal.text) >= 4
    }
  }

  static func wordCount(_ text: String) -> Int {
    // Interpolations (written \(x) by the lexer) and tags are not words: only letters written out are.
    let stripped = text.replacingOccurrences(
      of: #"<[^>]*>"#, with: " ", options: .regularExpression
    )
    .replacingOccurrences(of: #"\(x)"#, with: "#")
    return stripped.split(whereSeparator: { $0 == " " }).filter { $0.contains(where: \.isLetter) }
      .count
  }

  /// Every string literal's text (interpolations kept as written), with the line it starts on;
  /// literals nested in interpolations are found too. Comments are skipped.
  static func literals(in source: String) -> [(line: Int, text: String)] {
    let chars = Array(source)
    var found: [(line: Int, text: String)] = []
    var i = 0
    var line = 1
    func code(untilParen: Bool) {
      var depth = 0
      while i < chars.count {
        let c = chars[i]
        if c == "\n" { line += 1 }
        if c == "/" && i + 1 < chars.count && chars[i + 1] == "/" {
          while i < chars.count && chars[i] != "\n" { i += 1 }
          continue
        }
        if c == "\"" {
          string()
          continue
        }
        if untilParen {
          if c == "(" { depth += 1 }
          if c == ")" {
            if depth == 0 {
              i += 1
              return
            }
            depth -= 1
          }
        }
        i += 1
      }
    }
    func string() {
      let start = line
      let triple = i + 2 < chars.count && chars[i + 1] == "\"" && chars[i + 2] == "\""
      i += triple ? 3 : 1
      var text = ""
      while i < chars.count {
        let c = chars[i]
        if triple
          ? (c == "\"" && i + 2 < chars.count && chars[i + 1] == "\"" && chars[i + 2] == "\"")
          : c == "\""
        {
          i += triple ? 3 : 1
          break
        }
        if c == "\n" { line += 1 }
        if c == "\\" && i + 1 < chars.count {
          if chars[i + 1] == "(" {
            i += 2
            code(untilParen: true)
            text += "\\(x)"
            continue
          }
          text += String(chars[i...i + 1])
          i += 2
          continue
        }
        text.append(c)
        i += 1
      }
      found.append((start, text))
    }
    code(untilParen: false)
    return found
  }
}
