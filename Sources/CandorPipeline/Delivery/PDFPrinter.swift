import CandorHTML
import CandorModel
import CandorWorkspace
import Foundation

/// `--paper`: the printed page size.
public enum Paper: String, CaseIterable, Sendable {
  case a4, letter
  var css: String { self == .a4 ? "A4" : "letter" }
}

/// Prints report.html to report.pdf with a headless Chromium: the page's own print styles
/// (header with the title, "Page n of m"), plus the paper size and a footer naming the client
/// and week, added to a temporary copy of the page.
package struct PDFPrinter: Sendable {
  let browser: String
  let paper: Paper

  static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]

  /// The browser from `CANDOR_CHROMIUM`, else the first candidate on `PATH`.
  package static func locate(
    paper: Paper, environment: [String: String] = ProcessInfo.processInfo.environment
  )
    throws -> PDFPrinter
  {
    if let explicit = environment["CANDOR_CHROMIUM"], !explicit.isEmpty {
      guard FileManager.default.isExecutableFile(atPath: explicit) else {
        throw DeliveryError(
          "CANDOR_CHROMIUM is '\(TerminalSafe.line(explicit))', which is not an executable file; set it to a Chromium or Chrome binary, or unset it to search PATH"
        )
      }
      return PDFPrinter(browser: explicit, paper: paper)
    }
    for folder in (environment["PATH"] ?? "").split(separator: ":") {
      for name in candidates where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)")
      {
        return PDFPrinter(browser: "\(folder)/\(name)", paper: paper)
      }
    }
    throw DeliveryError(
      "--pdf prints report.html with a headless Chromium, and none was found (looked on PATH for \(candidates.joined(separator: ", "))); install one (Debian and Ubuntu: apt-get install chromium) or set CANDOR_CHROMIUM to its path"
    )
  }

  /// The PDF's bytes. `footer` is plain text; `date` is written as the PDF's creation and
  /// modification date, so the same page prints to the same bytes.
  func print(html: String, footer: String, date: DeliveryDate) throws -> Data {
    let scratch = FileManager.default.temporaryDirectory.appendingPathComponent(
      "candor-pdf-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: false)
    defer { try? FileManager.default.removeItem(at: scratch) }
    let page = scratch.appendingPathComponent("report.html")
    let pdf = scratch.appendingPathComponent("report.pdf")
    try Data(Self.printable(html, footer: footer, paper: paper).utf8).write(to: page)
    var arguments = [
      "--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
      "--disable-extensions", "--no-pdf-header-footer",
      "--user-data-dir=\(scratch.path)/profile", "--print-to-pdf=\(pdf.path)",
    ]
    // Chromium refuses to start its sandbox as root; the page has no script and loads nothing.
    if geteuid() == 0 { arguments.append("--no-sandbox") }
    arguments.append(page.absoluteString)
    let finished: Subprocess.Finished
    do {
      finished = try Subprocess.run(browser, arguments, timeout: 120)
    } catch .cannotStart(let why) {
      throw DeliveryError("\(browser) could not be started to print the PDF: \(why)")
    } catch .timedOut {
      throw DeliveryError("\(browser) did not print the PDF within 120 s; stopped")
    }
    guard finished.ending.succeeded, let data = try? Data(contentsOf: pdf),
      data.starts(with: Array("%PDF-".utf8))
    else {
      throw DeliveryError(
        "\(browser) did not print report.html to a PDF (it \(finished.ending.description))\(finished.lastWords { $0.contains("dbus") })"
      )
    }
    return Self.fixingDates(data, to: date.pdf)
  }

  /// The page with the paper size and the footer added after its own styles.
  static func printable(_ html: String, footer: String, paper: Paper) -> String {
    let style = """
      <style>@media print { @page { size: \(paper.css); @bottom-left { content: "\(HTML.cssString(footer))"; font-size: 8pt; color: #59636e; } } }</style>

      """
    guard let head = html.range(of: "</head>") else { return style + html }
    return html.replacingCharacters(in: head.lowerBound..<head.lowerBound, with: style)
  }

  /// Chromium stamps the PDF with the time it printed (`/CreationDate (D:20261128205014+00'00')`
  /// and `/ModDate`); everything else is the same bytes each run. The stamps are replaced, in
  /// place and at the same length so the cross-reference offsets stay right, by `date`.
  static func fixingDates(_ data: Data, to date: String) -> Data {
    var bytes = [UInt8](data)
    let replacement = Array(date.utf8)
    for key in ["/CreationDate (", "/ModDate ("] {
      let pattern = Array(key.utf8)
      guard let start = firstIndex(of: pattern, in: bytes, limit: bytes.count) else { continue }
      let from = start + pattern.count
      guard let close = bytes[from...].prefix(64).firstIndex(of: UInt8(ascii: ")")),
        close - from == replacement.count
      else { continue }
      bytes.replaceSubrange(from..<close, with: replacement)
    }
    return Data(bytes)
  }

  /// The first occurrence of `pattern` among the first `limit` bytes.
  private static func firstIndex(of pattern: [UInt8], in bytes: [UInt8], limit: Int) -> Int? {
    let end = min(bytes.count, limit) - pattern.count
    guard end >= 0 else { return nil }
    for index in 0...end where bytes[index] == pattern[0] {
      if Array(bytes[index..<index + pattern.count]) == pattern { return index }
    }
    return nil
  }
}

/// A problem delivering a report (printing, writing or sending the email), said plainly.
struct DeliveryError: LocalizedError, Sendable {
  package var message: String
  /// The mail command was stopped before it said whether it took the message.
  var mayHaveSent = false
  init(_ message: String, mayHaveSent: Bool = false) {
    self.message = message
    self.mayHaveSent = mayHaveSent
  }
  var errorDescription: String? { message }
}
