import CandorTestSupport
import Foundation
import XCTest

/// summary.json's `segments` is an object keyed by segment name: an empty value in the file is a
/// key of its own (""), never one that a file's own segment name could also be.
final class SegmentNamesTests: XCTestCase {
  func testAnEmptySegmentNeverCollidesWithANamedOne() throws {
    let workspace = FixtureWorkspace()
    var rows = "label,prediction,segment\n"
    for segment in ["", "(no segment)", "a"] {
      rows += "failure,failure,\(segment)\nok,ok,\(segment)\nok,failure,\(segment)\n"
    }
    workspace.binaryClient(files: ["weeks/2026-W48/evaluations/engine-failure/holdout.csv": rows])
    let out = CandorProcess.temporaryFolder()
    let run = try CandorProcess.run(["report", workspace.root, "--client", "acme", "--out", out])
    XCTAssertEqual(run.status, 0, run.stderr)
    let folder = out + "/acme/2026-W48/"
    let text = try String(contentsOfFile: folder + "summary.json", encoding: .utf8)
    let summary = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
    let set = ((summary["tasks"] as! [[String: Any]])[0]["sets"] as! [[String: Any]])[0]
    let segments = set["segments"] as! [String: Any]
    XCTAssertEqual(Set(segments.keys), ["", "(no segment)", "a"])
    // A duplicate key would parse to fewer entries than the text holds.
    XCTAssertEqual(text.components(separatedBy: "\"(no segment)\"").count - 1, 1, text)
    let markdown = try String(contentsOfFile: folder + "report.md", encoding: .utf8)
    XCTAssertTrue(markdown.contains("<th scope=\"row\">(no segment)</th>"), markdown)
  }
}

/// Contract: each segment carries "`metrics` as above", ROC AUC and average precision included
/// where the file has scores; scikit-learn's numbers (`roc_auc_score`,
/// `average_precision_score` on each segment's rows, computed for this test's rows). With
/// ROC AUC the task's primary metric, the weakest segment is named by it.
final class SegmentScoreTests: XCTestCase {
  func testEachSegmentHasItsRankingMetricsAsScikitLearnComputesThem() throws {
    var rows = "label,prediction,score,segment\n"
    for i in 0..<150 {
      let segment = ["north", "south", "east"][i % 3]
      let failure = (i * 7) % 5 == 0 || (i % 3 == 2 && i % 4 == 1)
      var score = Double((i * 37) % 101) / 100
      if failure && segment != "east" { score = min(1, score + 0.3) }
      rows +=
        "\(failure ? "failure" : "ok"),\(score >= 0.5 ? "failure" : "ok"),\(String(format: "%.2f", score)),\(segment)\n"
    }
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: ["weeks/2026-W48/evaluations/engine-failure/holdout.csv": rows])
    workspace.write(
      "clients/acme/client.yaml",
      FixtureWorkspace.binaryClientYAML.replacingOccurrences(
        of: "primary_metric: recall", with: "primary_metric: roc_auc"))
    let out = CandorProcess.temporaryFolder()
    let run = try CandorProcess.run(["report", workspace.root, "--client", "acme", "--out", out])
    XCTAssertEqual(run.status, 0, run.stderr)
    let folder = out + "/acme/2026-W48/"
    let summary =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: folder + "summary.json"))) as! [String: Any]
    let set = ((summary["tasks"] as! [[String: Any]])[0]["sets"] as! [[String: Any]])[0]
    let segments = set["segments"] as! [String: [String: Any]]
    let sklearn: [String: (rocAUC: Double, averagePrecision: Double)] = [
      "east": (0.4416666666666667, 0.36737030044694946),
      "north": (0.8425, 0.6604800806348794),
      "south": (0.67625, 0.37480392156862746),
    ]
    for (name, expected) in sklearn {
      let metrics = segments[name]!["metrics"] as! [String: [String: Any]]
      XCTAssertEqual(metrics["roc_auc"]!["value"] as! Double, expected.rocAUC, accuracy: 1e-9, name)
      XCTAssertEqual(
        metrics["pr_auc"]!["value"] as! Double, expected.averagePrecision, accuracy: 1e-9, name)
      let interval = metrics["roc_auc"]!["ci95"] as! [Double]
      XCTAssertTrue(interval[0] < expected.rocAUC && expected.rocAUC < interval[1], name)
    }
    let markdown = try String(contentsOfFile: folder + "report.md", encoding: .utf8)
    XCTAssertTrue(markdown.contains("the weakest is 'east', with ROC AUC of 0.44"), markdown)
  }
}
