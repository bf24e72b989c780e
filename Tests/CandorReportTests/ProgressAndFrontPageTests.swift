import CandorHTML
import CandorTestSupport
import XCTest

@testable import CandorAnalysis
@testable import CandorModel
@testable import CandorReport
@testable import CandorWorkspace

/// Issue 12, items 1, 6 and 7: the one-minute summary, honest progress, team notes apart.
final class ProgressAndFrontPageTests: XCTestCase {
  typealias N = NarrativeWordingTests

  func change(
    _ metric: MetricName, from: Double, to: Double, significant: Bool, primary: Bool = true,
    p: Double? = nil
  ) -> MetricChange {
    var change = MetricChange(
      metric: metric, previous: from, current: to, delta: to - from,
      ci95: (to - from - 0.03)...(to - from + 0.03),
      test: .permutation, pValue: p ?? (significant ? 0.001 : 0.4),
      adjustedPValue: significant ? 0.01 : (p.map { $0 * 6 } ?? 1),
      significant: significant)
    change.family = primary ? .primary : .supporting
    change.decidedWithPrimary = primary
    return change
  }

  func task(_ id: String, _ changes: [MetricChange]) -> TaskAnalysis {
    var task = N.task(["holdout": [[800, 100], [20, 80]]], roles: ["holdout": .test])
    task.task.id = id
    task.task.name = "Task \(id)"
    task.sets[0].changes = changes
    return task
  }

  func item(
    _ title: String, _ horizon: WorklogItem.Horizon, _ status: WorklogItem.Status,
    tasks: [String] = [], note: String? = nil,
    expected: String? = nil, target: WorklogTarget? = nil
  ) -> WorklogItem {
    WorklogItem(
      title: title, horizon: horizon, status: status, tasks: tasks, note: note, progress: nil,
      expected: expected, target: target)
  }

  /// Task a gained, b fell (its shipped item hoped for little cost), c fell with nothing aimed at it.
  func week() -> WeekAnalysis {
    let a = task("a", [change(.recall, from: 0.65, to: 0.80, significant: true)])
    let b = task("b", [change(.recall, from: 0.95, to: 0.70, significant: true)])
    let c = task("c", [change(.recall, from: 0.90, to: 0.80, significant: true)])
    let log = Worklog(items: [
      item("Helped a", .shortTerm, .shipped, tasks: ["a"], note: "recall expected +5 points"),
      item(
        "Hurt b", .shortTerm, .shipped, tasks: ["b"], expected: "costs at most 1 point of recall"),
      item(
        "Given up", .shortTerm, .dropped, tasks: ["a"], note: "Dropped: the new features did more"),
      item(
        "Long road", .longTerm, .inProgress, expected: "Better labels by March",
        target: WorklogTarget(task: "a", metric: .recall, value: 0.9)),
    ])
    var week = N.week(
      [a, b, c], previous: [task("a", []), task("b", []), task("c", [])], worklog: log)
    week.findings = FindingDetectors.all(
      FindingContext(
        tasks: week.tasks, previous: [], comparedTo: week.comparedTo, overlaps: [:],
        testSetWeeks: ["a/holdout": 4]))
    return week
  }

  func testProgressSeparatesWinsSetbacksDroppedAndTargets() {
    let progress = ProgressNarrator.view(week(), words: testWords)
    XCTAssertEqual(progress.wins.map(\.title), ["Helped a"])
    XCTAssertEqual(
      progress.wins[0].verdict,
      "Measured +15.0 points on the test set: in line with or better than expected.")
    XCTAssertEqual(
      progress.setbacks.map(\.title), ["Hurt b"], "a measured real drop is never a win")
    XCTAssertEqual(progress.setbacks[0].expected, "costs at most 1 point of recall.")
    XCTAssertEqual(
      progress.setbacks[0].verdict,
      "Measured −25.0 points on the test set: far worse than expected.")
    XCTAssertEqual(progress.dropped.map(\.title), ["Given up"])
    XCTAssertEqual(progress.dropped[0].reason, "The new features did more.")
    XCTAssertFalse(progress.wins.contains { $0.title == "Given up" })
    XCTAssertEqual(
      progress.longTerm.first?.target,
      "Target: recall of 90.0% on Task a. Now 80.0% on 'holdout', 10.0 points to go.")
    // A score is said to three decimals, as its gap is, so the two subtract.
    let f1 = ProgressNarrator.target(
      for: WorklogTarget(task: "a", metric: .f1, value: 0.85), week(), words: testWords)
    XCTAssertTrue(f1?.contains(" to go.") ?? false, f1 ?? "nil")
    XCTAssertNotNil(
      f1?.range(of: #"Now 0\.\d{3} on 'holdout', 0\.\d{3} to go\."#, options: .regularExpression),
      f1 ?? "nil")
    // The drop nobody aimed at: a fact and a plan, not an instruction.
    XCTAssertEqual(progress.unplanned.count, 1)
    XCTAssertTrue(
      progress.unplanned[0].hasPrefix(
        "Task c: recall fell beyond noise on 'holdout' (by 10.0 points), though no work"),
      progress.unplanned[0])
    // A plan only the worklog can state: none is invented.
    XCTAssertFalse(progress.unplanned[0].contains("investigating"), progress.unplanned[0])
    XCTAssertFalse(progress.unplanned[0].lowercased().contains("check"))
  }

  /// A task that fell on two sets with nothing aimed at it is one setback and one thing to
  /// check, naming both sets, not the same sentence twice.
  func testADropOnSeveralSetsIsOneLineNamingEachSet() {
    var c = N.task(
      ["holdout": [[800, 100], [20, 80]], "recent": [[800, 100], [20, 80]]],
      roles: ["holdout": .test])
    c.task.id = "c"
    c.task.name = "Task c"
    c.sets[0].changes = [change(.recall, from: 0.90, to: 0.80, significant: true)]
    c.sets[1].changes = [change(.recall, from: 0.85, to: 0.80, significant: true)]
    let week = N.week([c], previous: [c], worklog: Worklog(items: []))
    let unplanned = ProgressNarrator.view(week, words: testWords).unplanned
    XCTAssertEqual(
      unplanned,
      [
        "Task c: recall fell beyond noise on 'holdout' (by 10.0 points) and 'recent' (by 5.0 points), though no work logged this week aimed at this task."
      ])
    let notes = Narrator(words: testWords).teamNotes(week)
    XCTAssertTrue(
      notes.contains(
        "- Task c: recall fell beyond noise on 'holdout' (by 10.0 points) and 'recent' (by 5.0 points). Nothing shipped this week"
      ), notes)
  }

  /// "Real gain · holdout, recent" would call the unconfirmed move on 'recent' real: the
  /// heading names the sets where the verdict holds; the body gives the others'.
  func testACalloutHeadingNamesOnlyTheSetsItsLabelIsTrueOf() {
    var c = N.task(
      ["holdout": [[800, 100], [20, 80]], "recent": [[800, 100], [20, 80]]],
      roles: ["holdout": .test])
    c.sets[0].changes = [change(.recall, from: 0.70, to: 0.80, significant: true)]
    c.sets[1].changes = [change(.recall, from: 0.72, to: 0.80, significant: false, p: 0.01)]
    XCTAssertTrue(c.sets[1].changes![0].isSuggestive)
    var week = N.week([c], previous: [c], worklog: Worklog(items: []))
    week.findings = FindingDetectors.all(
      FindingContext(
        tasks: week.tasks, previous: [], comparedTo: week.comparedTo, overlaps: [:],
        testSetWeeks: [:]))
    let gain = Editor.callouts(Editor.news(week, words: testWords), week: week, words: testWords)
      .first { $0.tone == .gain }!
    XCTAssertEqual(gain.place, "Task · holdout")
    XCTAssertTrue(gain.paragraphs.joined().contains("'recent'"), gain.paragraphs.joined())
    // The client's edition keeps the lead set's paragraph; 'recent' is the team's to read.
    XCTAssertEqual(gain.clientPlace, "Task · holdout")
    XCTAssertEqual(gain.clientParagraphs?.count, 1)
    XCTAssertFalse(gain.clientParagraphs!.joined().contains("'recent'"))
    // Both real: both named.
    c.sets[1].changes = [change(.recall, from: 0.72, to: 0.80, significant: true)]
    week.tasks = [c]
    week.findings = FindingDetectors.all(
      FindingContext(
        tasks: week.tasks, previous: [], comparedTo: week.comparedTo, overlaps: [:],
        testSetWeeks: [:]))
    let both = Editor.callouts(Editor.news(week, words: testWords), week: week, words: testWords)
      .first { $0.tone == .gain }!
    XCTAssertEqual(both.place, "Task · holdout, recent")
    // The client reads of 'holdout' alone, under a heading that names it alone.
    XCTAssertEqual(both.clientPlace, "Task · holdout")
    XCTAssertEqual(both.clientParagraphs?.count, 1)
    XCTAssertFalse(both.clientParagraphs!.joined().contains("'recent'"))
  }

  /// The headline names what moved most: missed cases when recall moved further, false
  /// alarms when precision did.
  func testTheHeadlineNamesTheComponentThatMovedMost() {
    func meaning(before: [[Int]], after: [[Int]]) -> String? {
      let earlier = N.task(["holdout": before], primary: .f1)
      var now = N.task(["holdout": after], primary: .f1)
      now.sets[0].changes = [change(.f1, from: 0.8, to: 0.7, significant: true)]
      let week = N.week([now], previous: [earlier])
      return Editor.meaning(now, Editor.moves(now)[0], week, words: testWords)
    }
    // Alarms 10 → 30, recall unchanged: the false alarms lead.
    XCTAssertEqual(
      meaning(before: [[900, 10], [20, 80]], after: [[880, 30], [20, 80]]),
      "False alarms rose there: the model raised 30 false 'failure' alarms, against 10 in 2026-W47."
    )
    // 80 → 60 caught, alarms 10 → 12: the missed cases lead.
    XCTAssertEqual(
      meaning(before: [[900, 10], [20, 80]], after: [[898, 12], [40, 60]]),
      "The model caught 60 of 100 'failure' engines there, against 80 in 2026-W47.")
  }

  /// With several classes, the class and component that moved most, where it carries most of
  /// the movement; precision only where the watched number weighs it.
  func testSeveralClassesLeadWithTheClassAndComponentThatMovedMost() {
    func meaning(after: [[Int]], primary: MetricName) -> String? {
      let before = [[90, 5, 5], [5, 90, 5], [5, 5, 90]]
      let classes = ["a", "b", "c"]
      let earlier = N.task(["holdout": before], classes: classes, positive: nil, primary: primary)
      var now = N.task(["holdout": after], classes: classes, positive: nil, primary: primary)
      now.sets[0].changes = [change(primary, from: 0.9, to: 0.8, significant: true)]
      let week = N.week([now], previous: [earlier])
      return Editor.meaning(now, Editor.moves(now)[0], week, words: testWords)
    }
    // 'a' and 'b' each lose 10 points of recall into 'c', whose answers fall from 90% right to 75%.
    let spread = [[80, 5, 15], [5, 80, 15], [5, 5, 90]]
    XCTAssertEqual(
      meaning(after: spread, primary: .macroF1),
      "The loss is mostly in the model's 'c' answers: 75.0% of them right, against 90.0% before.")
    // Recall: 'a' and 'b' lose 10 points each, so the loss is in neither "mostly".
    XCTAssertNil(meaning(after: spread, primary: .macroRecall))
    // Accuracy weighs a class by its examples: 'a' (3,000) gains 4 points, 'c' (10) 30 points;
    // accuracy's gain is mostly 'a''s, a macro average's mostly 'c''s.
    func weighed(_ primary: MetricName) -> String? {
      let classes = ["a", "b", "c"]
      let earlier = N.task(
        ["holdout": [[2700, 300, 0], [0, 100, 0], [0, 7, 3]]], classes: classes, positive: nil,
        primary: primary)
      var now = N.task(
        ["holdout": [[2820, 180, 0], [0, 100, 0], [0, 4, 6]]], classes: classes, positive: nil,
        primary: primary)
      now.sets[0].changes = [change(primary, from: 0.90, to: 0.94, significant: true)]
      return Editor.meaning(
        now, Editor.moves(now)[0], N.week([now], previous: [earlier]), words: testWords)
    }
    XCTAssertEqual(
      weighed(.accuracy),
      "The gain is mostly in 'a' engines: 94.0% recognised, against 90.0% before.")
    XCTAssertEqual(
      weighed(.macroRecall),
      "The gain is mostly in 'c' engines: 60.0% recognised, against 30.0% before.")
    // 'a' loses 20 points and 'b' 2: 'a' carries it.
    XCTAssertEqual(
      meaning(after: [[70, 5, 25], [5, 88, 7], [5, 5, 90]], primary: .macroRecall),
      "The loss is mostly in 'a' engines: 70.0% recognised, against 90.0% before.")
  }

  /// A first model is news: the week before, the placeholder said 'ok' to every example.
  func testAFirstModelReplacingAPlaceholderIsNews() {
    let placeholder = N.task(["holdout": [[900, 0], [100, 0]]])
    let model = N.task(["holdout": [[880, 20], [30, 70]]])
    let shipped = Worklog(items: [item("First model", .shortTerm, .shipped, tasks: ["t"])])
    let news = Editor.news(
      N.week([model], previous: [placeholder], worklog: shipped), words: testWords)
    XCTAssertTrue(
      news.contains {
        $0.paragraphs
          == [
            "'First model' shipped the first model that tells the cases apart: the week before, the model answered 'ok' for every example; now recall on 'holdout' is 70.0%."
          ]
      }, "\(news.map(\.paragraphs))")
    // A model that already told the cases apart the week before: no such callout.
    let again = Editor.news(N.week([model], previous: [model], worklog: shipped), words: testWords)
    XCTAssertFalse(again.contains { $0.paragraphs.joined().contains("first model") })
  }

  /// "Nothing new" only when nothing moved and nothing shipped: shipped work is news.
  func testNothingNewOnlyWhenNothingMovedAndNothingShipped() {
    let c = N.task(["holdout": [[800, 100], [20, 80]]])
    let narrator = Narrator(words: testWords)
    let quiet = N.week([c], worklog: Worklog(items: [item("Later", .shortTerm, .planned)]))
    XCTAssertTrue(narrator.newsNote([], quiet).hasPrefix("Nothing new this week"))
    let shipped = N.week([c], worklog: Worklog(items: [item("First model", .shortTerm, .shipped)]))
    XCTAssertEqual(
      narrator.newsNote([], shipped),
      "No number moved beyond noise and no new condition arose, but the team shipped 'First model'; this week's progress below says what it was expected to do."
    )
  }

  /// Work "continues" only where it has started; planned work "starts".
  func testNextSaysPlannedWorkStartsAndStartedWorkContinues() {
    let c = N.task(["holdout": [[800, 100], [20, 80]]])
    func next(_ items: [WorklogItem]) -> String {
      Editor.next(N.week([c], worklog: Worklog(items: items)), words: testWords).joined()
    }
    XCTAssertEqual(
      next([item("A", .shortTerm, .inProgress)]), "Next: work continues on 'A'.")
    XCTAssertEqual(next([item("B", .shortTerm, .planned)]), "Next: work starts on 'B'.")
    XCTAssertEqual(
      next([item("A", .shortTerm, .inProgress), item("B", .shortTerm, .planned)]),
      "Next: work continues on 'A' and starts on 'B'.")
    XCTAssertEqual(next([item("S", .shortTerm, .shipped)]), "")
    // What is not named is counted, not called future work.
    XCTAssertEqual(
      next([
        item("A", .shortTerm, .inProgress), item("B", .shortTerm, .inProgress),
        item("P", .shortTerm, .planned),
      ]), "Next: work continues on 'A' and starts on 'P', with 1 more under way or planned.")
  }

  /// The snippet's task line describes the test set; a drop the team investigates on another
  /// set names that set, so "too small to tell apart from chance" and "the drop" do not clash.
  func testTheSnippetNamesTheSetOfADropItsTaskLineDoesNotDescribe() {
    var c = N.task(
      ["holdout": [[800, 100], [20, 80]], "recent": [[800, 100], [20, 80]]],
      roles: ["holdout": .test])
    c.task.name = "Task c"
    c.sets[0].changes = [change(.recall, from: 0.82, to: 0.80, significant: false)]
    c.sets[1].changes = [change(.recall, from: 0.90, to: 0.80, significant: true)]
    let elsewhere = Narrator(words: testWords).snippet(N.week([c], previous: [c])).lines
    XCTAssertTrue(elsewhere[0].contains("too small to tell apart from chance"), elsewhere[0])
    XCTAssertEqual(
      elsewhere[1], "The number we watch fell beyond chance for Task c (on the set 'recent').")
    // The drop on the test set itself: the task's line already says where.
    c.sets[0].changes = [change(.recall, from: 0.90, to: 0.80, significant: true)]
    let here = Narrator(words: testWords).snippet(N.week([c], previous: [c])).lines
    XCTAssertFalse(here.contains { $0.contains("fell beyond chance for") }, "\(here)")
    // Nobody logged a promise, so the snippet makes none.
    XCTAssertFalse((elsewhere + here).contains { $0.contains("next week") })
  }

  func testExpectedAgainstMeasuredOnBothSidesOfTheBoundary() {
    XCTAssertEqual(
      ProgressNarrator.compare(
        expected: "at most 1 point of F1 lost", measured: -0.015, metric: .recall, words: testWords),
      "Measured −1.5 points on the test set: in line with or better than expected.")
    XCTAssertEqual(
      ProgressNarrator.compare(
        expected: "at most 1 point of F1 lost", measured: -0.03, metric: .recall, words: testWords),
      "Measured −3.0 points on the test set: worse than expected.")
    XCTAssertEqual(
      ProgressNarrator.compare(
        expected: "at most 1 point of F1 lost", measured: -0.249, metric: .recall, words: testWords),
      "Measured −24.9 points on the test set: far worse than expected.")
    XCTAssertNil(
      ProgressNarrator.compare(
        expected: "several points better", measured: 0.1, metric: .recall, words: testWords),
      "no number, no verdict")
    // One unit for a score from 0 to 1 (a point is 0.01 of F1), numbers in words too.
    XCTAssertEqual(
      ProgressNarrator.compare(
        expected: "Expected to cost at most one point of F1", measured: -0.249, metric: .f1,
        words: testWords),
      "Measured −24.9 points on the test set: far worse than expected.")
    XCTAssertEqual(
      ProgressNarrator.compare(
        expected: "no material change expected; housekeeping", measured: -0.004, metric: .f1,
        words: testWords),
      "Measured −0.4 points on the test set: in line with or better than expected.")
    XCTAssertEqual(
      ProgressNarrator.compare(
        expected: "no material change expected; housekeeping", measured: -0.03, metric: .f1,
        words: testWords),
      "Measured −3.0 points on the test set: worse than expected.")
  }

  /// The expectation is the leftmost number (one answer whatever the process: the number words
  /// were once tried in a dictionary's order), its sign read in its own clause, in English or
  /// German.
  func testTheExpectedNumberIsTheLeftmostAndItsSignItsClauses() {
    let cases: [(note: String, points: Double?)] = [
      ("two points now, five points once the new sensors are in", 0.02),
      ("five points now, two points once the sensors are in", 0.05),
      ("Fixes the drop in recall seen in October; recall should gain three points", 0.03),
      ("should cost at most one point", -0.01),
      ("soll die Trefferquote um zwei Prozentpunkte heben", 0.02),
      ("kostet höchstens einen Punkt", -0.01),
      ("1,5 Punkte mehr", 0.015),
      ("keine wesentliche Änderung erwartet", 0),
      ("several points better", nil),
      ("none of the points", nil),
      // The sign word nearest the number, after it too (German puts the verb last), whole words.
      ("Die Trefferquote soll um zwei Prozentpunkte sinken", -0.02),
      ("Expect a 3 point drop in recall", -0.03),
      ("Adding dropout should gain three points", 0.03),
      ("Switching to focal loss should add three points", 0.03),
      ("Die Trefferquote für Motorausfall steigt um drei Punkte", 0.03),
      ("Im besten Fall drei Punkte mehr", 0.03),
      ("Should close the gap by three points", 0.03),
      // Abbreviations do not end a sentence; a comma does not cut the sign off.
      ("Kostet ca. zwei Punkte", -0.02),
      ("This costs some recall, about two points", -0.02),
      // Idioms are not numbers of points; a range reads its lower end, not a minus sign.
      ("At one point recall dipped; the fix should gain 4 points", 0.04),
      ("One point to note: recall should gain four points", 0.04),
      ("Recall should gain 2-3 points", 0.02),
      // "No change" to something else does not override a number.
      ("No change to the threshold; recall should gain 3 points", 0.03),
    ]
    for (note, points) in cases {
      XCTAssertEqual(ProgressNarrator.expectedChange(note, metric: .recall), points, note)
    }
  }

  /// "Effect not yet clear" only when the interval of the change spans the expectation and a
  /// material difference from it; a met expectation is said as met, a missed one as missed.
  func testShippedItemsAreGroupedByWhereTheIntervalLiesAgainstTheExpectation() {
    func kind(_ expected: String, delta: Double, halfWidth: Double) -> ProgressNarrator.Kind {
      var change = change(.recall, from: 0.80, to: 0.80 + delta, significant: false)
      change.ci95 = (delta - halfWidth)...(delta + halfWidth)
      let a = task("a", [change])
      let log = Worklog(items: [
        item("Item", .shortTerm, .shipped, tasks: ["a"], expected: expected)
      ])
      let week = N.week([a], previous: [task("a", [])], worklog: log)
      return ProgressNarrator.outcome(log.items[0], week, words: testWords).kind
    }
    let housekeeping = "no material change expected; housekeeping"
    // Narrow interval around 0: as expected. Wide (reaching 6 points either way): not clear.
    XCTAssertEqual(kind(housekeeping, delta: -0.004, halfWidth: 0.02), .asExpected)
    XCTAssertEqual(kind(housekeeping, delta: -0.004, halfWidth: 0.06), .unclear)
    // Expected +5 points; the whole interval below it: less than expected.
    XCTAssertEqual(kind("recall up 5 points", delta: 0.01, halfWidth: 0.02), .short)
    // Spanning +5 and 0: not yet clear.
    XCTAssertEqual(kind("recall up 5 points", delta: 0.03, halfWidth: 0.04), .unclear)
    // In line and narrow: as expected, though not beyond chance against zero.
    XCTAssertEqual(kind("recall up 2 points", delta: 0.021, halfWidth: 0.025), .asExpected)
    // No number named: nothing to weigh, not yet clear.
    XCTAssertEqual(kind("should help a little", delta: 0.01, halfWidth: 0.01), .unclear)
  }

  func testTeamNotesHoldTheInstructionsAndTheReportDoesNot() throws {
    let week = week()
    let notes = Narrator(words: testWords).teamNotes(week)
    XCTAssertTrue(notes.contains("check whether 'Helped a' or 'Hurt b' caused it"), notes)
    XCTAssertTrue(notes.contains("read the test set only to confirm"), notes)
    let templates = try TemplateLibrary(sources: [
      TemplateLibrary.texts(inFolder: Self.templatesFolder)
    ])
    let outputs = try ReportComposer(templates: templates).compose(week)
    for text in [
      outputs.reportMarkdown, outputs.reportHTML, outputs.snippetText, outputs.snippetHTML,
    ] {
      XCTAssertFalse(text.contains("Check whether"))
      XCTAssertFalse(text.contains("read the test set only to confirm"))
      XCTAssertFalse(text.contains("Team notes"))
    }
    XCTAssertTrue(outputs.files.map(\.name).contains("notes.md"))
    XCTAssertFalse(outputs.teamHTML.contains("Team notes"))
  }

  func testOneMinuteSpeaksOfPrimaryVerdictsInAtMost150Words() throws {
    let week = week()
    let minute = Editor.oneMinute(week, words: testWords).map(\.plain)
    let words = minute.map(Editor.words).reduce(0, +)
    XCTAssertLessThanOrEqual(words, 150, minute.joined(separator: "\n"))
    XCTAssertTrue(
      minute[0].hasPrefix(
        "Task b: worse. Recall fell from 95.0% to 70.0% on 'holdout', a real drop"),
      minute[0])
    XCTAssertTrue(minute.contains { $0.hasPrefix("Task a: better. Recall rose") })
    // Plans come only from the worklog: no promise to investigate that nobody logged.
    XCTAssertFalse(minute.joined().contains("investigating"), minute.joined())
    XCTAssertFalse(minute.joined().contains("next week"), minute.joined())
    // A likely but unconfirmed change is never in the one-minute summary.
    var quiet = week
    quiet.tasks = [task("a", [change(.recall, from: 0.65, to: 0.72, significant: false, p: 0.01)])]
    XCTAssertTrue(quiet.tasks[0].sets[0].changes![0].isSuggestive)
    let calm = Editor.oneMinute(quiet, words: testWords).map(\.plain).joined(separator: " ")
    XCTAssertFalse(calm.contains("likely"), calm)
    // Seven points, unconfirmed: large, on too few examples; one point: within noise.
    XCTAssertTrue(
      calm.hasPrefix(
        "Task a: too few examples to tell. Recall went from 65.0% to 72.0% on 'holdout': a large change, but on too few examples to confirm."
      ), calm)
    quiet.tasks = [task("a", [change(.recall, from: 0.65, to: 0.66, significant: false)])]
    let small = Editor.oneMinute(quiet, words: testWords).map(\.plain).joined(separator: " ")
    XCTAssertTrue(small.hasPrefix("Task a: steady. Recall, the number we watch, is "), small)
    XCTAssertTrue(small.contains("has not moved beyond noise"), small)
  }

  func testAtMostSevenCalloutsAndStandingConditionsOnlyWhenNew() throws {
    let week = week()
    let news = Editor.news(week, words: testWords)
    // One callout per task for its watched number, drops first.
    XCTAssertEqual(news.prefix(2).map(\.task), ["b", "c"])
    XCTAssertEqual(
      news.filter { $0.task == "a" && $0.codes == [.significantImprovement] }.count, 1)
    // First time the test set reaches four weeks: news. A rare class that already stood last week: not news.
    XCTAssertTrue(news.contains { $0.codes == [.testSetReused] })
    var later = week
    later.previousTasks = later.tasks
    let rare = N.task(["holdout": [[960, 0], [30, 10]]], roles: ["holdout": .test])
    later.tasks = [rare]
    later.previousTasks = [rare]
    later.findings = FindingDetectors.all(
      FindingContext(
        tasks: [rare], previous: [rare], comparedTo: later.comparedTo, overlaps: [:],
        testSetWeeks: [:]))
    XCTAssertTrue(later.findings.contains { $0.code == .classImbalance })
    XCTAssertFalse(
      Editor.news(later, words: testWords).contains { $0.codes == [.classImbalance] },
      "a standing condition is not news")
    later.previousTasks = [N.task(["holdout": [[600, 0], [0, 400]]], roles: ["holdout": .test])]
    XCTAssertTrue(
      Editor.news(later, words: testWords).contains { $0.codes == [.classImbalance] },
      "a new condition is news")
    // Many tasks, many findings: never more than seven callouts on the page.
    var crowded = week
    crowded.tasks = (0..<12).map {
      task("t\($0)", [change(.recall, from: 0.9, to: 0.7, significant: true)])
    }
    crowded.findings = FindingDetectors.all(
      FindingContext(
        tasks: crowded.tasks, previous: [], comparedTo: crowded.comparedTo, overlaps: [:],
        testSetWeeks: [:]))
    let html = ReportMarkup.callouts(
      Editor.callouts(Editor.news(crowded, words: testWords), week: crowded, words: testWords))
    XCTAssertEqual(html.components(separatedBy: "<aside").count - 1, 7)
  }

  static var templatesFolder: String {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent()
      .appendingPathComponent("Templates").path
  }
}
