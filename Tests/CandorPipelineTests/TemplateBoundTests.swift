import CandorHTML
import CandorModel
import CandorTestSupport
import CandorWorkspace
import Foundation
import XCTest

@testable import CandorPipeline
@testable import CandorReport

/// The output bound that refuses runaway templates must leave the shipped templates far from it.
final class TemplateBoundTests: XCTestCase {
  func testShippedTemplatesStayFarBelowTheOutputBound() throws {
    let folder = CandorProcess.repository + "/Templates"
    let workspace = try Workspace(path: CandorProcess.repository + "/Samples")
    let sources = try TemplateSources(baseFolder: folder, workspace: workspace)
    let texts = try TemplateLibrary.texts(inFolder: folder)
    var scanned: [String: [TemplateGuard.Node]] = [:]
    for (path, text) in texts {
      scanned[TemplateLibrary.name(ofPath: path).name] = try TemplateGuard.scan(text)
    }
    let bounds = TemplateGuard(templates: scanned)
    for client in ["acme-motors", "nordic-fleet", "tiny-lake"] {
      let result = try ClientRun(
        workspace: workspace, clientID: client, week: nil, templates: sources
      ).run()
      // The templates render the view with its markup filled in, as ReportComposer does.
      let view = ReportMarkup.render(
        Narrator(words: testWords).report(result.analysis), words: testWords)
      let bound = bounds.outputBound("report.md", shape: TemplateGuard.Shape(view))
      // The bound is an overestimate, but it must stay well inside the limit and above the truth.
      XCTAssertGreaterThanOrEqual(bound, result.outputs.reportMarkdown.utf8.count, client)
      XCTAssertLessThan(bound, TemplateGuard.maxOutputBytes / 16, client)
      let items = bounds.itemBound("report.md", shape: TemplateGuard.Shape(view))
      XCTAssertLessThan(items, TemplateGuard.maxSectionItems / 16, client)
      print(
        "\(client): report.md \(result.outputs.reportMarkdown.utf8.count) bytes, bound \(bound), section items at most \(items)"
      )
    }
  }
}
