import CandorTestSupport
import Foundation
import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorReport
@testable import CandorWorkspace

/// Contract 1.1 `score_kind: probability`: Brier score and log loss (lower is better, and the
/// words say so), the reliability diagram, and the sentence on whether a 30% risk means 30%.
final class CalibrationTests: XCTestCase {
  static func task(binary: Bool) -> TaskAnalysis {
    let classes = binary ? ["ok", "failure"] : ["cat", "dog", "fox"]
    let config = TaskConfig(
      id: "t", name: "Task", positiveLabel: binary ? "failure" : nil, classes: classes,
      primaryMetric: .accuracy, owner: nil, threshold: 0.5, unit: "engines")
    return TaskAnalysis(
      task: config, classes: classes, positive: binary ? 1 : nil, sets: [],
      primaryMetric: .accuracy, primaryReason: .configured, primaryIsConfigured: true)
  }

  func sentence(_ p: Double, _ count: Int, _ events: Int, binary: Bool = true) -> String {
    let reliability = Reliability(
      probabilities: [Double](repeating: p, count: count), happened: (0..<count).map { $0 < events }
    )
    return CalibrationNarrator.sentence(
      reliability, task: Self.task(binary: binary), set: "holdout", words: testWords)
  }

  func testTheSentenceOnEachSideOfTheRule() {
    XCTAssertEqual(
      sentence(0.3, 100, 35),
      "On 'holdout', when the model says 30%, it means about 30%: in the one range of its probabilities that holds at least 30 engines, what happened is within 5.0 points of what it said, or within chance of it."
    )
    XCTAssertEqual(
      sentence(0.3, 1000, 360),
      "On 'holdout', the model's probabilities cannot be taken at face value: of the 1,000 engines it gave 30.0% on average, 36.0% turned out 'failure', so its probabilities read too low there."
    )
    XCTAssertEqual(
      sentence(0.85, 300, 120),
      "On 'holdout', the model's probabilities cannot be taken at face value: of the 300 engines it gave 85.0% on average, 40.0% turned out 'failure', so its probabilities read too high there."
    )
    XCTAssertEqual(
      sentence(0.3, 29, 0),
      "On 'holdout', too few engines to tell whether the model's probabilities mean what they say: no range of its probabilities holds 30."
    )
  }

  func testSeveralClassesAreReadAsHowSureTheModelWas() {
    XCTAssertEqual(
      sentence(0.72, 200, 140, binary: false),
      "On 'holdout', when the model is 70% sure of its answer, it is right about 70% of the time: in the one range of its probabilities that holds at least 30 engines, what happened is within 5.0 points of what it said, or within chance of it."
    )
    XCTAssertEqual(
      sentence(0.9, 200, 120, binary: false),
      "On 'holdout', how sure the model is of its answer does not reliably say how often it is right: of the 200 engines it gave 90.0% on average, 60.0% were given the right class, so its probabilities read too high there."
    )
  }

  /// A long-term target on a loss lies below where the task stands: 0.150 → 0.100 is to go.
  func testATargetOnALossIsReachedFromAbove() {
    var task = AnalysisFixture.task(
      ["holdout": [[80, 20], [10, 90]]], roles: ["holdout": .test])
    task.task.id = "a"
    task.sets[0].analysis.metrics.append((.brierScore, .point(0.15)))
    let week = AnalysisFixture.week([task])
    func target(_ value: Double) -> String? {
      ProgressNarrator.target(
        for: WorklogTarget(task: "a", metric: .brierScore, value: value), week, words: testWords)
    }
    XCTAssertEqual(
      target(0.1),
      "Target: Brier score (lower is better) of 0.10 on Task. Now 0.150 on 'holdout', 0.050 to go.")
    XCTAssertEqual(
      target(0.2),
      "Target: Brier score (lower is better) of 0.20 on Task. Now 0.150 on 'holdout': reached.")
  }

  func testWhyROCAUCOverClassesIsUndefined() {
    XCTAssertEqual(
      testWords.reason(Undefined.noExample(label: "warm", metric: .rocAUC)),
      "the set has no 'warm' example, so ROC AUC over classes (one class against the rest) has nothing to measure"
    )
  }

  /// Two weeks of the same engines: week 47 says 50% for everyone, week 48 is sharp and honest.
  func workspace() -> FixtureWorkspace {
    let workspace = FixtureWorkspace()
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "primary_metric: recall",
      with:
        "primary_metric: recall\n    score_kind: probability\n    supporting: [log_loss, brier_score]"
    )
    workspace.binaryClient(files: [:])
    workspace.write("clients/acme/client.yaml", yaml)
    var before = "id,label,score\n"
    var after = "id,label,score\n"
    // 100 engines at 20% (20 fail) and 100 at 80% (80 fail).
    for i in 0..<200 {
      let high = i >= 100
      let failed = high ? i - 100 < 80 : i < 20
      let label = failed ? "failure" : "ok"
      before += "e\(i),\(label),0.5\n"
      after += "e\(i),\(label),\(high ? "0.8" : "0.2")\n"
    }
    for set in ["holdout", "recent"] {
      workspace.write("clients/acme/weeks/2026-W47/evaluations/engine-failure/\(set).csv", before)
      workspace.write("clients/acme/weeks/2026-W48/evaluations/engine-failure/\(set).csv", after)
    }
    return workspace
  }

  func testAReportWithProbabilities() throws {
    let workspace = workspace()
    let out = NSTemporaryDirectory() + "candor-calibration-" + UUID().uuidString
    defer { try? FileManager.default.removeItem(atPath: out) }
    let run = try CandorProcess.run(["report", workspace.root, "--client", "acme", "--out", out])
    XCTAssertEqual(run.status, 0, run.stderr)
    let folder = out + "/acme/2026-W48/"
    let markdown = try String(contentsOfFile: folder + "report.md", encoding: .utf8)
    // The every-metric table is the team's edition.
    let team = try String(contentsOfFile: folder + "report-team.html", encoding: .utf8)
    XCTAssertTrue(
      markdown.contains(
        "On 'holdout', when the model says 30%, it means about 30%: in each of the 2 ranges"),
      markdown)
    XCTAssertTrue(markdown.contains("<figure class=\"reliability\"><svg"))
    XCTAssertTrue(
      markdown.contains(
        "<desc>0%–10%: none; 10%–20%: none; 20%–30%: 100 examples, the model said 20.0% on average, 20.0% happened;"
      ))
    // Brier score 0.25 → 0.16 and log loss 0.69 → 0.50: a drop, and the words call it better.
    XCTAssertTrue(team.contains("Brier score (lower is better)"))
    XCTAssertTrue(team.contains("real improvement (lower is better)"))
    XCTAssertFalse(team.contains("real worsening"))
    let summary =
      try JSONSerialization.jsonObject(
        with: Data(contentsOf: URL(fileURLWithPath: folder + "summary.json"))) as! [String: Any]
    let set = ((summary["tasks"] as! [[String: Any]])[0]["sets"] as! [[String: Any]])[0]
    let metrics = set["metrics"] as! [String: [String: Any]]
    XCTAssertEqual(metrics["brier_score"]?["value"] as! Double, 0.16, accuracy: 1e-12)
    XCTAssertEqual(
      metrics["log_loss"]?["value"] as! Double, -(0.8 * log(0.8) + 0.2 * log(0.2)), accuracy: 1e-12)
    let change = (set["change"] as! [String: [String: Any]])["log_loss"]!
    XCTAssertEqual(
      change["delta"] as! Double, -(0.8 * log(0.8) + 0.2 * log(0.2)) - log(2), accuracy: 1e-12)
    XCTAssertEqual(change["family"] as? String, "supporting")
    XCTAssertEqual(change["test"] as? String, "paired-normal+randomisation")
    XCTAssertEqual(change["significant"] as? Bool, true)
    let reliability = set["reliability"] as! [String: Any]
    XCTAssertEqual(reliability["verdict"] as? String, "trustworthy")
    let bins = reliability["bins"] as! [[String: Any]]
    XCTAssertEqual(bins.count, 10)
    XCTAssertEqual(bins[2]["examples"] as? Int, 100)
    XCTAssertEqual(bins[2]["observed_rate"] as? Double, 0.2)
    XCTAssertTrue(bins[0]["mean_predicted"] is NSNull)

    let german = try CandorProcess.run([
      "report", workspace.root, "--client", "acme", "--out", out, "--locale", "de",
    ])
    XCTAssertEqual(german.status, 0, german.stderr)
    let deutsch = try String(contentsOfFile: folder + "report.md", encoding: .utf8)
    XCTAssertTrue(
      deutsch.contains("Auf „holdout“ bedeutet eine Angabe von „30"), deutsch)
    let deutschTeam = try String(contentsOfFile: folder + "report-team.html", encoding: .utf8)
    XCTAssertTrue(deutschTeam.contains("echte Verbesserung (niedriger ist besser)"))
  }
}
