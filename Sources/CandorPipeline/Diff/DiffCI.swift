import CandorAnalysis
import CandorHTML
import Foundation

/// What CI systems read of a diff: the GitHub step summary (`GITHUB_STEP_SUMMARY`), GitHub's
/// workflow annotations (`--annotations github`) and JUnit XML (`--format junit`). One line,
/// annotation or test case per task × set, each with its primary metric's two values.
package enum DiffCI {
  package struct Line {
    var client: String
    var task: String
    var set: String
    var metric: String
    var base: String
    var candidate: String
    var verdict: DiffVerdict
  }

  package static func lines(_ diff: ModelDiff, client: String) -> [Line] {
    diff.tasks.flatMap { task in
      task.sets.map { set in
        let change = set.changes.first { $0.metric == task.primaryMetric }
        func shown(_ value: Double?) -> String {
          guard let value else { return "undefined" }
          return task.primaryMetric.isRate
            ? String(format: "%.1f%%", value * 100) : String(format: "%.3f", value)
        }
        return Line(
          client: client, task: task.task.id, set: set.setID,
          metric: task.primaryMetric.rawValue, base: shown(change?.previous),
          candidate: shown(change?.current), verdict: set.verdict)
      }
    }
  }

  /// The Markdown table appended to `$GITHUB_STEP_SUMMARY`.
  package static func stepSummary(_ lines: [Line], client: String, verdict: DiffVerdict) -> String {
    func cell(_ text: String) -> String {
      text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
    var out = "### candor diff: \(cell(client)), \(verdict.rawValue)\n\n"
    out += "| task | set | metric | base | candidate | verdict |\n|---|---|---|---:|---:|---|\n"
    for line in lines {
      out +=
        "| \(cell(line.task)) | \(cell(line.set)) | \(line.metric) | \(line.base) | \(line.candidate) | \(line.verdict.rawValue) |\n"
    }
    return out + "\n"
  }

  /// `::error title=…::…` for a regression, `::warning` for a possible one; nothing else.
  package static func annotations(_ lines: [Line]) -> [String] {
    lines.compactMap { line in
      let level: String
      switch line.verdict {
      case .regressed: level = "error"
      case .possibleRegression: level = "warning"
      default: return nil
      }
      let title = "candor diff: \(line.client) \(line.task)/\(line.set) \(line.verdict.rawValue)"
      return
        "::\(level) title=\(property(title))::\(data("\(line.metric) \(line.base) -> \(line.candidate)"))"
    }
  }

  /// GitHub's escaping of an annotation's message and of its properties.
  static func data(_ text: String) -> String {
    text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
      .replacingOccurrences(of: "\n", with: "%0A")
  }

  static func property(_ text: String) -> String {
    data(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
  }

  /// JUnit XML: a suite per client, a test case per task × set, failed where it fails the gate.
  package static func junit(
    _ suites: [(client: String, lines: [Line])], fails: (DiffVerdict) -> Bool
  )
    -> String
  {
    let tests = suites.map(\.lines.count).reduce(0, +)
    let failures = suites.flatMap(\.lines).filter { fails($0.verdict) }.count
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites name=\"candor diff\" tests=\"\(tests)\" failures=\"\(failures)\">\n"
    for suite in suites {
      let failed = suite.lines.filter { fails($0.verdict) }.count
      out +=
        "  <testsuite name=\"\(xml(suite.client))\" tests=\"\(suite.lines.count)\" failures=\"\(failed)\" errors=\"0\" skipped=\"0\">\n"
      for line in suite.lines {
        out +=
          "    <testcase classname=\"\(xml(line.client)).\(xml(line.task))\" name=\"\(xml(line.set))\""
        let message = "\(line.verdict.rawValue): \(line.metric) \(line.base) -> \(line.candidate)"
        if fails(line.verdict) {
          out +=
            ">\n      <failure message=\"\(xml(message))\" type=\"\(line.verdict.rawValue)\"/>\n"
          out += "    </testcase>\n"
        } else {
          out += ">\n      <system-out>\(xml(message))</system-out>\n    </testcase>\n"
        }
      }
      out += "  </testsuite>\n"
    }
    return out + "</testsuites>\n"
  }

  /// Escaped for XML text and attributes; characters XML 1.0 cannot hold become U+FFFD.
  static func xml(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "&": out += "&amp;"
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "\"": out += "&quot;"
      case "'": out += "&apos;"
      case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
      default:
        let v = scalar.value
        let allowed = v >= 0x20 && !(0xD800...0xDFFF).contains(v) && v != 0xFFFE && v != 0xFFFF
        out.unicodeScalars.append(allowed ? scalar : "\u{FFFD}")
      }
    }
    return out
  }
}
