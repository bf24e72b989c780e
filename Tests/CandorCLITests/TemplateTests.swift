@testable import CandorCLI
@testable import CandorReport
import CandorTestSupport
import CandorWorkspace
import Foundation
import XCTest

/// Templates fail loudly here rather than rendering blanks for a client.
final class TemplateTests: XCTestCase {
    let templates = CandorProcess.repository + "/Templates"

    /// Every property name reachable from a value, by reflection (what Mustache can see).
    func names(in value: Any, into found: inout Set<String>, depth: Int = 0) {
        guard depth < 8 else { return }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            if let child = mirror.children.first { names(in: child.value, into: &found, depth: depth) }
            return
        }
        for child in mirror.children {
            if let label = child.label { found.insert(label) }
            names(in: child.value, into: &found, depth: depth + 1)
        }
    }

    func testEveryTemplateTagNamesAValueTheViewModelsHave() throws {
        let workspace = try Workspace(path: CandorProcess.repository + "/Samples")
        let sources = try TemplateSources(baseFolder: templates, workspace: workspace)
        var known: Set<String> = ["."]
        for client in ["acme-motors", "nordic-fleet", "tiny-lake"] {
            let analysis = try ClientRun(workspace: workspace, clientID: client, week: nil, templates: sources).run().analysis
            names(in: Narrator().report(analysis), into: &known)
            names(in: Narrator().snippet(analysis), into: &known)
        }
        names(in: PageView(title: "", body: ""), into: &known)
        names(in: DiffView(title: "", clientName: "", verdict: "", summaryHTML: "",
                           tasks: [DiffTaskView(name: "", verdict: "", owner: "", sets: [DiffSetView(setID: "", verdict: "", metricsHTML: "", flips: [])])],
                           method: ""), into: &known)
        let tag = try NSRegularExpression(pattern: #"\{\{\{?\s*([#^/]?)\s*([A-Za-z0-9_.]+)\s*\}?\}\}"#)
        for (name, text) in try TemplateLibrary.texts(inFolder: templates) {
            let range = NSRange(text.startIndex..., in: text)
            for match in tag.matches(in: text, range: range) {
                let key = String(text[Range(match.range(at: 2), in: text)!])
                for part in key.split(separator: ".").map(String.init) where part != "" {
                    XCTAssertTrue(known.contains(part), "template '\(name)' uses '\(key)', which no view model has")
                }
            }
        }
    }

    func testAClientOverrideReplacesOnlyThatClientsTemplate() throws {
        let workspace = FixtureWorkspace()
        for id in ["acme", "globex"] {
            workspace.binaryClient(id, files: ["weeks/2026-W48/evaluations/engine-failure/holdout.csv": "label,prediction\nfailure,failure\nok,ok\n"])
        }
        workspace.write("clients/acme/templates/report/footer.mustache", "{{% CONTENT_TYPE: MARKDOWN}}\nAcme's own footer for {{clientName}}.\n")
        let out = CandorProcess.temporaryFolder()
        XCTAssertEqual(try CandorProcess.run(["batch", workspace.root, "--out", out, "--quiet"]).status, 0)
        let acme = try String(contentsOfFile: out + "/acme/2026-W48/report.md", encoding: .utf8)
        let globex = try String(contentsOfFile: out + "/globex/2026-W48/report.md", encoding: .utf8)
        XCTAssertTrue(acme.contains("Acme's own footer for Acme Motors."))
        XCTAssertFalse(globex.contains("Acme's own footer"))
        XCTAssertTrue(globex.contains("How sure are these numbers?"))
    }

    func testAMissingTemplatesFolderIsNamed() throws {
        let result = try CandorProcess.run(["report", CandorProcess.repository + "/Samples", "--client", "acme-motors",
                                            "--templates", "/nonexistent/templates"])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.hasPrefix("error: --templates names '/nonexistent/templates', which is not a templates folder"), result.stderr)
    }

    func testAMissingRequiredTemplateIsNamed() throws {
        let folder = CandorProcess.temporaryFolder()
        for (name, text) in try TemplateLibrary.texts(inFolder: templates) where name != "snippet.txt" {
            let path = folder + "/" + name + ".mustache"
            try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
        }
        let result = try CandorProcess.run(["report", CandorProcess.repository + "/Samples", "--client", "acme-motors", "--templates", folder])
        XCTAssertEqual(result.status, 1)
        XCTAssertTrue(result.stderr.contains("template 'snippet.txt' is missing from the templates folder"), result.stderr)
    }
}
