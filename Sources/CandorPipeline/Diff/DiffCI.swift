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

  /// A task or set that one run has and the other lacks: never compared, so it fails the gate
  /// unless `--allow-missing` lets it pass (`fails` false), and every CI output says so.
  package struct Gap {
    var client: String
    var task: String
    /// Nil where the whole task is missing.
    var setID: String?
    package var words: String
    var fails: Bool

    package init(client: String, task: String, setID: String?, words: String, fails: Bool) {
      self.client = client
      self.task = task
      self.setID = setID
      self.words = words
      self.fails = fails
    }

    var name: String { setID ?? "(every set)" }
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
  package static func stepSummary(
    _ lines: [Line], gaps: [Gap] = [], client: String, verdict: DiffVerdict
  ) -> String {
    func cell(_ text: String) -> String {
      text.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ")
    }
    let failing = gaps.filter(\.fails).count
    let missing =
      failing == 0
      ? ""
      : "; \(failing) \(failing == 1 ? "task or set" : "tasks or sets") missing (fails the gate)"
    var out = "### candor diff: \(cell(client)), \(verdict.rawValue)\(missing)\n\n"
    out += "| task | set | metric | base | candidate | verdict |\n|---|---|---|---:|---:|---|\n"
    for line in lines {
      out +=
        "| \(cell(line.task)) | \(cell(line.set)) | \(line.metric) | \(line.base) | \(line.candidate) | \(line.verdict.rawValue) |\n"
    }
    for gap in gaps {
      out += "| \(cell(gap.task)) | \(cell(gap.name)) | — | — | — | missing |\n"
    }
    if !gaps.isEmpty { out += "\n" + gaps.map { "- \(cell($0.words))\n" }.joined() }
    return out + "\n"
  }

  /// `::error title=…::…` for a regression, `::warning` for a possible one; nothing else.
  package static func annotations(_ lines: [Line], gaps: [Gap] = []) -> [String] {
    let missing = gaps.map { gap in
      let title = "candor diff: \(gap.client) \(gap.task)/\(gap.name) missing"
      return "::\(gap.fails ? "error" : "warning") title=\(property(title))::\(data(gap.words))"
    }
    return missing
      + lines.compactMap { line in
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
    _ suites: [(client: String, lines: [Line], gaps: [Gap])], fails: (DiffVerdict) -> Bool
  )
    -> String
  {
    func failed(_ suite: (client: String, lines: [Line], gaps: [Gap])) -> Int {
      suite.lines.filter { fails($0.verdict) }.count + suite.gaps.filter(\.fails).count
    }
    let tests = suites.map { $0.lines.count + $0.gaps.count }.reduce(0, +)
    let failures = suites.map(failed).reduce(0, +)
    var out = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
    out += "<testsuites name=\"candor diff\" tests=\"\(tests)\" failures=\"\(failures)\">\n"
    for suite in suites {
      out +=
        "  <testsuite name=\"\(xml(suite.client))\" tests=\"\(suite.lines.count + suite.gaps.count)\" failures=\"\(failed(suite))\" errors=\"0\" skipped=\"0\">\n"
      for gap in suite.gaps {
        out +=
          "    <testcase classname=\"\(xml(gap.client)).\(xml(gap.task))\" name=\"\(xml(gap.name))\">\n"
        out +=
          gap.fails
          ? "      <failure message=\"\(xml(gap.words))\" type=\"missing\"/>\n"
          : "      <system-out>\(xml(gap.words))</system-out>\n"
        out += "    </testcase>\n"
      }
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
