import CandorReport
import CandorTestSupport
import Foundation
import XCTest

/// Issue 17: templates that used to crash or stall the renderer are refused before rendering,
/// and report.html carries a Content-Security-Policy no template can remove.
final class TemplateSafetyTests: XCTestCase {
  func workspace(templates: [String: String]) -> FixtureWorkspace {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: [
      "weeks/2026-W48/evaluations/engine-failure/holdout.csv":
        "label,prediction\nfailure,failure\nok,ok\n"
    ])
    for (name, text) in templates {
      workspace.write("clients/acme/templates/layout/\(name).mustache", text)
    }
    return workspace
  }

  func report(_ templates: [String: String]) throws -> CandorProcess.Result {
    let workspace = workspace(templates: templates)
    let result = try CandorProcess.run(
      ["report", workspace.root, "--client", "acme", "--out", CandorProcess.temporaryFolder()],
      killAfter: 120)
    XCTAssertFalse(result.hung, "the report hung instead of refusing the template")
    return result
  }

  /// The page's CSP does not stop navigation: an override that redirects, re-aims links or
  /// embeds a page is refused when loaded, naming the file and line.
  func testNavigationAndEmbeddingAreRefusedAtLoad() throws {
    let cases = [
      "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">":
        "a <meta http-equiv> (a refresh can send the reader to another page)",
      "<BASE href=\"https://evil.example/\">":
        "a <base> element (it re-aims every link of the page)",
      "<iframe src=\"https://evil.example\"></iframe>": "an embedded page or object",
      "<embed src=\"x.swf\">": "an embedded page or object",
    ]
    for (markup, what) in cases {
      let folder = CandorProcess.temporaryFolder()
      try FileManager.default.createDirectory(
        atPath: folder + "/layout", withIntermediateDirectories: true)
      try Data(
        "<!DOCTYPE html>\n<html><head>\n\(markup)\n</head><body>{{{body}}}</body></html>\n".utf8
      )
      .write(to: URL(fileURLWithPath: folder + "/layout/page.html.mustache"))
      XCTAssertThrowsError(try TemplateLibrary.texts(inFolder: folder, shownAs: "templates")) {
        XCTAssertEqual(
          ($0 as? TemplateError)?.errorDescription,
          "template 'templates/layout/page.html.mustache' holds on line 3 \(what), which report templates may not contain"
        )
      }
    }
  }

  /// A tag assembled across a section passes the load-time reading; the rendered page is
  /// checked too.
  func testNavigationAssembledAtRenderTimeIsRefused() throws {
    XCTAssertThrowsError(
      try TemplatePolicy.checked(
        page: "<head><base href=\"https://x/\"></head>", template: "page.html")
    ) {
      XCTAssertEqual(
        ($0 as? TemplateError)?.errorDescription,
        "template 'page.html' rendered a page holding a <base> element (it re-aims every link of the page), which a report may not contain"
      )
    }
    let plain = "<head><meta charset=\"utf-8\"></head><p>a base of 40 <em>embedded</em> units</p>"
    XCTAssertEqual(try TemplatePolicy.checked(page: plain, template: "page.html"), plain)
  }

  func testSelfIncludingPartialIsRefused() throws {
    let result = try report(["report/footer": "Footer {{> report/footer}}\n"])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stderr,
      "error: template 'clients/acme/templates/layout/report/footer.mustache' includes itself (report/footer → report/footer); partials may not be recursive\n"
    )
  }

  func testRecursionHiddenBehindNewDelimitersIsRefused() throws {
    let result = try report(["report/footer": "{{=<% %>=}}Footer <%> report/footer%>\n"])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stderr,
      "error: template 'clients/acme/templates/layout/report/footer.mustache' includes itself (report/footer → report/footer); partials may not be recursive\n"
    )
  }

  /// The guard reads tags as swift-mustache's parser does; each of these partials was a tag to
  /// the parser and not to the guard, and crashed the renderer (the first found by fuzzing).
  func testRecursionHiddenFromADifferentReadingOfTagsIsRefused() throws {
    let hidden = [
      "Footer {{> report/footer\n}}",  // a line break inside the tag
      "{{=<%\n%>=}}<%> report/footer%>",  // delimiters separated by a line break
      "{{#tasks}}{{=<% %>=}}<%/tasks%>{{> report/footer}}",  // delimiters end with their section
      "{{=<% t=}}<%> report/footer t",  // a closing delimiter made of name characters
      "{{\u{301} {{> report/footer}}",  // a combining accent makes the first '{{' text
      "{{\n> x {{> report/footer}}",  // an opening delimiter before a line break is text
    ]
    for text in hidden {
      let result = try report(["report/footer": text])
      XCTAssertEqual(result.status, 1, text)
      XCTAssertEqual(
        result.stderr,
        "error: template 'clients/acme/templates/layout/report/footer.mustache' includes itself (report/footer → report/footer); partials may not be recursive\n",
        text)
    }
  }

  func testMutuallyIncludingPartialsAreRefused() throws {
    let result = try report([
      "report/footer": "{{> loop-b}}\n", "loop-a": "a {{> loop-b}}", "loop-b": "b {{> loop-a}}",
    ])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stderr,
      "error: template 'clients/acme/templates/layout/loop-a.mustache' includes itself (loop-a → loop-b → loop-a); partials may not be recursive\n"
    )
  }

  func testDeeplyNestedSectionsAreRefusedBeforeParsing() throws {
    let deep =
      String(repeating: "{{#tasks}}", count: 5_000) + String(repeating: "{{/tasks}}", count: 5_000)
    let result = try report(["report/footer": deep])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stderr,
      "error: template 'clients/acme/templates/layout/report/footer.mustache' nests sections deeper than 24 levels, the limit for templates\n"
    )
    let viaPartials = (0..<30).reduce(into: [String: String]()) {
      $0["p\($1)"] = "{{#tasks}}{{> p\($1 + 1)}}{{/tasks}}"
    }
    let chained = try report(viaPartials.merging(["report/footer": "{{> p0}}"]) { a, _ in a })
    XCTAssertEqual(chained.status, 1)
    XCTAssertTrue(
      chained.stderr.contains(
        "nests sections and partials deeper than 24 levels, the limit for templates"),
      chained.stderr)
  }

  func testSectionsNestedOverListsAreBoundedBeforeRendering() throws {
    // 402 bytes that used to run for minutes: twenty nested sections over the task list; and
    // the same with a line break inside each tag, which the guard once read as another name.
    for open in ["{{#tasks}}", "{{#tasks\n}}"] {
      try nestedSectionsAreBounded(
        String(repeating: open, count: 20) + "{{name}} {{id}} {{kind}}"
          + String(repeating: "{{/tasks}}", count: 20),
        refusal:
          "could write more than 256 MiB for this data (sections nested over lists multiply), the limit for one rendering; refused before rendering"
      )
    }
    // Twelve sections around a short value write about 25 MB at most, well within the output
    // bound, but go through 800,000 items: 20 s and 2 GB in the fuzz build.
    try nestedSectionsAreBounded(
      String(repeating: "{{#tasks}}", count: 12) + "{{id}}"
        + String(repeating: "{{/tasks}}", count: 12),
      refusal:
        "could go through more than 20000 section items for this data (sections nested over lists multiply), the limit for one rendering; refused before rendering"
    )
  }

  func nestedSectionsAreBounded(_ nested: String, refusal: String) throws {
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "validation_sets:",
      with: """
          - id: second
            positive_label: yes
          - id: third
            positive_label: yes
        validation_sets:
        """)
    let workspace = workspace(templates: ["report/footer": nested])
    workspace.write("clients/acme/client.yaml", yaml)
    let result = try CandorProcess.run(
      ["report", workspace.root, "--client", "acme", "--out", CandorProcess.temporaryFolder()],
      killAfter: 120)
    XCTAssertFalse(result.hung)
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stderr,
      "error: template 'report.md' \(refusal)\n")
  }

  func testDynamicPartialsAreRefused() throws {
    let result = try report(["report/footer": "{{>*name}}"])
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stderr,
      "error: template 'clients/acme/templates/layout/report/footer.mustache' uses a dynamic partial ({{>*…}}), which Candor does not allow\n"
    )
  }

  func testAFIFONamedLikeATemplateIsRefusedWithoutBlocking() throws {
    let workspace = workspace(templates: [:])
    try FileManager.default.createDirectory(
      atPath: workspace.path("clients/acme/templates/layout/report"),
      withIntermediateDirectories: true)
    XCTAssertEqual(
      mkfifo(workspace.path("clients/acme/templates/layout/report/footer.mustache"), 0o644), 0)
    let result = try CandorProcess.run(
      ["report", workspace.root, "--client", "acme", "--out", CandorProcess.temporaryFolder()],
      killAfter: 120)
    XCTAssertFalse(result.hung)
    XCTAssertEqual(result.status, 1)
    XCTAssertEqual(
      result.stderr,
      "error: template 'clients/acme/templates/layout/report/footer.mustache' is a FIFO (named pipe), not a regular file; refused\n"
    )
  }

  func testUnreadableTemplatesAreNamedByTheirPath() throws {
    // A link (it could lead into another client's folder) and bytes that are not UTF-8.
    let linked = workspace(templates: [:])
    try FileManager.default.createDirectory(
      atPath: linked.path("clients/acme/templates/layout"), withIntermediateDirectories: true)
    try FileManager.default.createSymbolicLink(
      atPath: linked.path("clients/acme/templates/layout/page.html.mustache"),
      withDestinationPath: CandorProcess.repository + "/Templates/layout/page.html.mustache")
    let out = CandorProcess.temporaryFolder()
    let link = try CandorProcess.run(["report", linked.root, "--client", "acme", "--out", out])
    XCTAssertEqual(link.status, 1)
    XCTAssertEqual(
      link.stderr,
      "error: clients/acme/templates/layout/page.html.mustache: is a symbolic link that points outside the client's folder; refused (a client's report reads nothing outside it)\n"
    )
    // One that stays inside the client's folder is still no template file.
    try FileManager.default.removeItem(
      atPath: linked.path("clients/acme/templates/layout/page.html.mustache"))
    linked.write("clients/acme/page.txt", "{{{body}}}")
    try FileManager.default.createSymbolicLink(
      atPath: linked.path("clients/acme/templates/layout/page.html.mustache"),
      withDestinationPath: "../../page.txt")
    let inside = try CandorProcess.run(["report", linked.root, "--client", "acme", "--out", out])
    XCTAssertEqual(inside.status, 1)
    XCTAssertEqual(
      inside.stderr,
      "error: template 'clients/acme/templates/layout/page.html.mustache' is a symbolic link; template files must be real files\n"
    )
    let binary = workspace(templates: [:])
    binary.write("templates/layout/report/footer.mustache", Data([0x66, 0xFF, 0x0A]))
    let bytes = try CandorProcess.run(["report", binary.root, "--client", "acme", "--out", out])
    XCTAssertEqual(bytes.status, 1)
    XCTAssertEqual(
      bytes.stderr,
      "error: template 'templates/layout/report/footer.mustache' cannot be read as UTF-8 text\n")
  }

  static let policy =
    #"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; form-action 'none'; base-uri 'none'">"#

  /// A hostile page template: scripts, a handler, external loads, a form and a javascript: link.
  func hostilePage(port: UInt16) -> String {
    """
    <script>document.documentElement.setAttribute('data-ran', 'head-script')</script>
    <!DOCTYPE html>
    <html lang="en"><head><meta charset="utf-8"><title>{{title}}</title>
    <link rel="stylesheet" href="http://127.0.0.1:\(port)/style.css">
    <script src="http://127.0.0.1:\(port)/evil.js"></script>
    </head><body>
    <img src="http://127.0.0.1:\(port)/pixel.png" onerror="document.documentElement.setAttribute('data-ran', 'onerror')">
    <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" onload="document.documentElement.setAttribute('data-ran', 'onload')">
    <form action="http://127.0.0.1:\(port)/post"><button>go</button></form>
    <a href="javascript:document.documentElement.setAttribute('data-ran','link')">x</a>
    <script>document.documentElement.setAttribute('data-ran', 'inline'); fetch('http://127.0.0.1:\(port)/fetch')</script>
    {{{body}}}
    </body></html>
    """
  }

  func testTheSecurityPolicyComesFirstWhateverThePageTemplate() throws {
    let workspace = workspace(templates: ["page.html": hostilePage(port: 9)])
    let out = CandorProcess.temporaryFolder()
    XCTAssertEqual(
      try CandorProcess.run(["report", workspace.root, "--client", "acme", "--out", out]).status, 0)
    let page = try String(contentsOfFile: out + "/acme/2026-W48/report.html", encoding: .utf8)
    XCTAssertTrue(page.hasPrefix(Self.policy + "\n<script>"), String(page.prefix(300)))
    let normal = CandorProcess.temporaryFolder()
    let plainWorkspace = self.workspace(templates: [:])
    XCTAssertEqual(
      try CandorProcess.run(["report", plainWorkspace.root, "--client", "acme", "--out", normal])
        .status, 0)
    let plain = try String(contentsOfFile: normal + "/acme/2026-W48/report.html", encoding: .utf8)
    XCTAssertTrue(
      plain.hasPrefix(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n\(Self.policy)\n<meta charset=\"utf-8\">"),
      String(plain.prefix(300)))
  }

  /// Opens the hostile report in headless Chromium: no script runs and no request leaves the page.
  func testChromiumRunsNoScriptAndMakesNoRequest() throws {
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
      .first { FileManager.default.isExecutableFile(atPath: $0) }
    guard let chromium else { throw XCTSkip("no Chromium on this machine") }
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    XCTAssertGreaterThanOrEqual(listener, 0)
    defer { close(listener) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    XCTAssertEqual(
      withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, length) }
      }, 0)
    XCTAssertEqual(listen(listener, 16), 0)
    XCTAssertEqual(
      withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
      }, 0)
    let port = UInt16(bigEndian: address.sin_port)

    let workspace = workspace(templates: ["page.html": hostilePage(port: port)])
    let out = CandorProcess.temporaryFolder()
    XCTAssertEqual(
      try CandorProcess.run(["report", workspace.root, "--client", "acme", "--out", out]).status, 0)
    let process = Process()
    process.executableURL = URL(fileURLWithPath: chromium)
    process.arguments = [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
      "--user-data-dir=" + CandorProcess.temporaryFolder(),
      "--virtual-time-budget=3000", "--dump-dom", "file://\(out)/acme/2026-W48/report.html",
    ]
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    try process.run()
    let dom = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    XCTAssertTrue(
      dom.contains("Acme Motors"), "Chromium did not render the report: \(dom.prefix(300))")
    XCTAssertTrue(dom.contains("head-script"), "the hostile script is not in the page")
    XCTAssertFalse(dom.contains("data-ran=\""), "a script ran: \(dom.prefix(300))")
    // Chromium may open a speculative connection for a frame and close it unused; what must
    // never arrive is a request.
    _ = fcntl(listener, F_SETFL, O_NONBLOCK)
    var requests: [String] = []
    while case let connection = accept(listener, nil, nil), connection >= 0 {
      var buffer = [UInt8](repeating: 0, count: 512)
      var wait = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
      if poll(&wait, 1, 500) > 0 {
        let count = read(connection, &buffer, buffer.count)
        if count > 0 { requests.append(String(decoding: buffer[0..<count], as: UTF8.self)) }
      }
      close(connection)
    }
    XCTAssertEqual(requests, [], "the page made requests to 127.0.0.1:\(port)")
  }
}
