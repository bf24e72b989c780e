import CandorTestSupport
import Foundation
import XCTest

/// Client data is hostile until escaped: names, labels, segments and worklog text full of
/// markup must come out as text in every output, never as script, handler or link.
final class InjectionTests: XCTestCase {
  let script = "<script>alert(1)</script>"
  let image = "<img src=x onerror=alert(2)>"
  let link = "[click](javascript:alert(3))"

  func hostileWorkspace() -> FixtureWorkspace {
    let workspace = FixtureWorkspace()
    workspace.write(
      "clients/evil/client.yaml",
      """
      name: "\(script) & Co"
      tasks:
        - id: t
          name: "\(image)"
          positive_label: "\(script)"
          owner: "\(link)"
        - id: m
          name: "<svg onload=alert(4)>"
      validation_sets:
        - id: test
          description: "\(link) <iframe src=javascript:alert(5)>"
          role: test
        - id: val
          description: "*bold* `code` <b onclick=x>"
          role: validation
      """)
    var rows = "label,prediction,segment,id\n"
    for index in 0..<200 {
      let label = index % 5 == 0 ? "\"\(script)\"" : "\"\(image)\""
      let prediction = index % 3 == 0 ? "\"\(script)\"" : "\"\(image)\""
      rows +=
        "\(label),\(prediction),\"\(index % 2 == 0 ? link : "<a href='javascript:x'>s</a>")\",\(index)\n"
    }
    var multi = "label,prediction\n"
    for index in 0..<90 {
      multi +=
        "\"<x onmouseover=1>\",\"\(["<x onmouseover=1>", "javascript:void(0)", "a|b"][index % 3])\"\n"
    }
    for week in ["2026-W47", "2026-W48"] {
      workspace.write("clients/evil/weeks/\(week)/evaluations/t/test.csv", rows)
      workspace.write("clients/evil/weeks/\(week)/evaluations/t/val.csv", rows)
      workspace.write("clients/evil/weeks/\(week)/evaluations/m/test.csv", multi)
    }
    workspace.write(
      "clients/evil/weeks/2026-W48/worklog.yaml",
      """
      items:
        - title: "\(script)"
          horizon: short-term
          status: shipped
          tasks: [t]
          note: "\(link)"
        - title: "\(image)"
          horizon: long-term
          status: in-progress
          expected: "<style>body{display:none}</style>"
      """)
    return workspace
  }

  func testNoOutputCarriesMarkupFromClientData() throws {
    let workspace = hostileWorkspace()
    let out = CandorProcess.temporaryFolder()
    let result = try CandorProcess.run(["report", workspace.root, "--client", "evil", "--out", out])
    XCTAssertEqual(result.status, 0, result.stderr)
    let files = CandorProcess.tree(out)
    XCTAssertEqual(files.count, 7)
    // The team's notes are Markdown too: client text in them stays escaped.
    let notes = String(decoding: files["evil/2026-W48/notes.md"] ?? Data(), as: UTF8.self)
    XCTAssertNil(notes.range(of: #"(?<!\\)<script"#, options: .regularExpression), notes)
    for (name, data) in files where name.hasSuffix(".html") {
      let html = String(decoding: data, as: UTF8.self).lowercased()
      XCTAssertFalse(html.contains("<script"), name)
      XCTAssertFalse(html.contains("<img"), name)
      XCTAssertFalse(html.contains("<iframe"), name)
      XCTAssertFalse(html.contains("<svg onload"), name)
      XCTAssertFalse(html.contains("<b onclick"), name)
      XCTAssertFalse(html.contains("javascript:") && html.contains("href=\"javascript"), name)
      XCTAssertFalse(
        html.range(of: #"<[^>]*\son[a-z]+\s*="#, options: .regularExpression) != nil,
        "event handler attribute in \(name)")
      XCTAssertNil(
        html.range(of: #"<a\s[^>]*href"#, options: .regularExpression), "a link in \(name)")
      XCTAssertEqual(
        html.components(separatedBy: "<style").count - 1,
        name.hasSuffix("report.html") || name.hasSuffix("report-team.html") ? 1 : 0,
        name)
    }
    // And the client still sees its own name, as text.
    let page = String(decoding: files["evil/2026-W48/report.html"]!, as: UTF8.self)
    XCTAssertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"))
    let snippet = try CandorProcess.run([
      "snippet", workspace.root, "--client", "evil", "--format", "html",
    ])
    XCTAssertFalse(snippet.stdout.lowercased().contains("<script"))
    let markdown = try CandorProcess.run([
      "snippet", workspace.root, "--client", "evil", "--format", "markdown",
    ])
    // In Markdown, an escaped \<script\> is text; an unescaped one would be markup.
    XCTAssertNil(
      markdown.stdout.range(of: #"(?<!\\)<script"#, options: .regularExpression), markdown.stdout)
  }
}
