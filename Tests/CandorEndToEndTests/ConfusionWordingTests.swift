import CandorTestSupport
import Foundation
import XCTest

/// "Reading the confusion matrix" with counts of one: said as one, in English and German.
final class ConfusionWordingTests: XCTestCase {
  func report(_ rows: String, locale: String = "en") throws -> String {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: [
      "weeks/2026-W48/evaluations/engine-failure/holdout.csv": "label,prediction\n" + rows
    ])
    let out = CandorProcess.temporaryFolder()
    let run = try CandorProcess.run([
      "report", workspace.root, "--client", "acme", "--out", out, "--locale", locale,
    ])
    XCTAssertEqual(run.status, 0, run.stderr)
    return try String(contentsOfFile: out + "/acme/2026-W48/report.md", encoding: .utf8)
  }

  func testOneCaseAndOneAlarmAreSaidAsOne() throws {
    let one = "failure,failure\nok,ok\nok,failure\n"
    let english = try report(one)
    XCTAssertTrue(
      english.contains(
        "Only one case was really 'failure', and the model caught it. That share caught, 100.0%"),
      english)
    XCTAssertTrue(english.contains("1 of those was right and 1 was a false alarm."), english)
    XCTAssertTrue(english.contains("3 examples, of which 1 is 'failure' (1 in 3)"), english)
    XCTAssertTrue(
      english.contains("the model caught the only 'failure' case (100.0%)."), english)
    let german = try report(one, locale: "de")
    XCTAssertTrue(
      german.contains("Nur ein Fall war wirklich „failure“, und das Modell erkannte ihn."), german)
    XCTAssertTrue(german.contains("1 davon war richtig und 1 war ein Fehlalarm."), german)
    XCTAssertTrue(
      german.contains("Das Modell erkannte den einzigen „failure“-Fall (100,0\u{A0}%)."))
    let missed = try report("failure,ok\nok,ok\nok,failure\n")
    XCTAssertTrue(missed.contains("and the model missed it. That share caught, 0.0%"), missed)
  }

  func testSeveralAreSaidInThePlural() throws {
    let several = try report(
      "failure,failure\nfailure,failure\nfailure,ok\nok,ok\nok,failure\nok,failure\n")
    XCTAssertTrue(
      several.contains(
        "Of the 3 examples that were really 'failure', the model caught 2 and missed 1."), several)
    XCTAssertTrue(several.contains("2 of those were right and 2 were false alarms."), several)
    let rare = try report(
      "failure,failure\nfailure,ok\n" + String(repeating: "ok,ok\n", count: 17) + "ok,failure\n")
    XCTAssertTrue(rare.contains("20 examples, of which 2 are 'failure' (1 in 10)"), rare)
    XCTAssertTrue(rare.contains("of the 2 'failure' examples, the model caught 1 (50.0%)."), rare)
  }
}
