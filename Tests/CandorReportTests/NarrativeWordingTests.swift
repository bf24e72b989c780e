import CandorTestSupport
import XCTest

@testable import CandorAnalysis
@testable import CandorHTML
@testable import CandorModel
@testable import CandorReport
@testable import CandorWorkspace

/// Issue 12, item 3: every sentence true for its data, each wording rule on both sides of its boundary.
final class NarrativeWordingTests: XCTestCase {
  static func task(
    _ matrices: [String: [[Int]]], classes: [String] = ["ok", "failure"], positive: Int? = 1,
    roles: [String: SetRole] = [:], primary: MetricName = .recall,
    segments: [(name: String, matrix: [[Int]])] = []
  ) -> TaskAnalysis {
    AnalysisFixture.task(
      matrices, classes: classes, positive: positive, roles: roles, primary: primary,
      segments: segments)
  }

  static func week(
    _ tasks: [TaskAnalysis], findings: [Finding] = [], previous: [TaskAnalysis] = [],
    worklog: Worklog? = nil
  ) -> WeekAnalysis {
    AnalysisFixture.week(tasks, findings: findings, previous: previous, worklog: worklog)
  }

  func testWeakestSegmentIsTheMinimumAmongSegmentsLargeEnoughToJudge() {
    // 'full' is perfect, 'medium' is at 88%: the weakest is 'medium'; 'tiny' (5 engines) is too small to rank.
    let full = [[30, 0], [0, 10]]
    let medium = [[30, 0], [3, 22]]
    let tiny = [[3, 0], [2, 0]]
    let sentence = TaskNarrator.weakestSentence(
      SegmentRanking(
        Self.task(
          ["s": [[63, 0], [5, 32]]], segments: [("full", full), ("medium", medium), ("tiny", tiny)]
        ).sets[0].analysis.segments, metric: .recall),
      metric: .recall, unit: "engines", words: testWords)
    XCTAssertTrue(
      sentence.contains("the weakest is 'medium', with recall of 88.0% on 55 engines"), sentence)
    XCTAssertTrue(sentence.contains("at least 30 engines"), "the rule is stated: \(sentence)")
    XCTAssertFalse(sentence.contains("'tiny'"))
    // One example fewer and 'medium' (29) is too small to judge: only one segment is left, none is named.
    let small = [[29, 0], [0, 0]]
    let none = TaskNarrator.weakestSentence(
      SegmentRanking(
        Self.task(["s": [[62, 0], [0, 10]]], segments: [("full", full), ("medium", small)]).sets[0]
          .analysis.segments, metric: .recall),
      metric: .recall, unit: "engines", words: testWords)
    XCTAssertTrue(none.hasPrefix("No segment is named weakest"), none)
  }

  /// Recall rests on the positive cases: a segment with fewer than 10 of them is not ranked,
  /// however many examples it has; and segments all at the same value have no weakest.
  func testSegmentsAreRankedOnTheCasesTheMetricCounts() {
    let sure = [[40, 0], [2, 18]]
    let fewPositives = [[60, 0], [3, 3]]
    let ranking = SegmentRanking(
      Self.task(["s": [[100, 0], [5, 21]]], segments: [("sure", sure), ("few", fewPositives)])
        .sets[0].analysis.segments, metric: .recall, positive: 1)
    XCTAssertEqual(ranking.judged, 1, "'few' has 66 examples but only 6 positives")
    XCTAssertTrue(ranking.weakest.isEmpty)
    let perfect = [[30, 0], [0, 10]]
    let allBest = SegmentRanking(
      Self.task(["s": [[60, 0], [0, 20]]], segments: [("a", perfect), ("b", perfect)])
        .sets[0].analysis.segments, metric: .recall, positive: 1)
    XCTAssertTrue(allBest.allEqual)
    XCTAssertTrue(allBest.weakest.isEmpty)
    let sentence = TaskNarrator.weakestSentence(
      allBest, metric: .recall, unit: "engines", words: testWords)
    XCTAssertEqual(
      sentence,
      "No segment is weaker than another: the 2 segments large enough to rank all have recall of 100.0%."
    )
  }

  /// A standing condition on several classes of one set names that set once, never "the same
  /// holds on 's' and 's'" (seen on a 250-class report).
  func testAStandingConditionNamesEachOtherSetOnce() {
    let task = Self.task(["s": [[40, 10], [5, 45]], "t": [[40, 10], [5, 45]]])
    func small(_ set: String, _ label: String) -> Finding {
      Finding(
        severity: .info, task: "t", set: set,
        fact: .smallSample(
          SmallClass(
            set: set, unit: "engines", recognised: CaughtCount(label: label, caught: 3, total: 4),
            interval: 0.3...0.9)))
    }
    let standing = Editor.standing(
      task, findings: [small("s", "a"), small("s", "b"), small("t", "a"), small("t", "b")],
      words: testWords)
    // Each class's condition once, with the other set it holds on.
    XCTAssertEqual(standing.count, 2)
    XCTAssertTrue(standing.allSatisfy { $0.hasSuffix(" The same holds on 't'.") }, "\(standing)")
    // Where the other set's small class is another one, "the same holds" would be false: each
    // set is told of in its own words.
    let apart = Editor.standing(
      task, findings: [small("s", "a"), small("t", "b")], words: testWords)
    XCTAssertEqual(apart.count, 2)
    XCTAssertFalse(apart.contains { $0.contains("The same holds") }, apart.joined())
  }

  /// A condition a callout of "What is new this week" tells is not told again in the task's
  /// section (the sample report said the test-set note three times); one that held last week
  /// too is not news, so the task's section tells it.
  func testAConditionInTheNewsIsNotRepeatedInTheTaskSection() throws {
    // 20 'failure' engines: a class too small to judge, on both weeks.
    let task = Self.task(["s": [[400, 0], [5, 15]]])
    let findings = StandingConditions.findings([task]).filter { $0.code == .smallSample }
    XCTAssertEqual(findings.count, 1)
    func sections(previous: [TaskAnalysis]) -> (news: [String], standing: [String]) {
      let report = Narrator(words: testWords).report(
        Self.week([task], findings: findings, previous: previous))
      return (report.news.flatMap(\.paragraphs), report.tasks[0].standing)
    }
    // First week: the condition is news, told in the callout only.
    let first = sections(previous: [])
    XCTAssertEqual(first.news.filter { $0.hasPrefix("Only 20 'failure' engines") }.count, 1)
    XCTAssertEqual(first.standing, [])
    // The next week it held already: no callout; the task's section tells it.
    let next = sections(previous: [task])
    XCTAssertFalse(next.news.contains { $0.hasPrefix("Only 20 'failure' engines") }, "\(next.news)")
    XCTAssertEqual(next.standing.count, 1)
    XCTAssertTrue(next.standing[0].hasPrefix("Only 20 'failure' engines"), next.standing[0])
  }

  /// Validation sets that disagree are told once: in the week's news when they are news, else
  /// under "Why we check several validation sets".
  func testDisagreeingSetsAreToldOnce() throws {
    let task = Self.task(["s": [[400, 0], [5, 95]], "t": [[400, 0], [60, 40]]])
    let findings = FindingDetectors.setsDisagree(task)
    XCTAssertEqual(findings.count, 1)
    func told(previous: [TaskAnalysis]) -> (news: Int, sets: Int) {
      let report = Narrator(words: testWords).report(
        Self.week([task], findings: findings, previous: previous))
      let news = report.news.flatMap(\.paragraphs).filter { $0.contains("sets disagree") }
      return (news.count, report.sets.disagreements.count)
    }
    XCTAssertTrue(told(previous: []) == (1, 0), "\(told(previous: []))")
    XCTAssertTrue(told(previous: [task]) == (0, 1), "\(told(previous: [task]))")
  }

  /// A set evaluated last week with no file this week is said to be missing; one present both
  /// weeks is not.
  func testASetMissingThisWeekIsSaid() {
    var task = Self.task(["s": [[400, 100], [100, 400]]])
    var change = MetricChange(
      metric: .recall, previous: 0.8, current: 0.8, delta: 0, ci95: -0.05...0.05,
      test: .permutation, pValue: 1, adjustedPValue: 1, significant: false)
    change.family = .primary
    change.decidedWithPrimary = true
    task.sets[0].changes = [change]
    let before = Self.task(["s": [[400, 100], [100, 400]], "t": [[40, 10], [10, 40]]])
    let items =
      Narrator(words: testWords).report(Self.week([task], previous: [before]))
      .tasks[0].change?.items ?? []
    XCTAssertEqual(
      items.filter { $0.contains("has no file this week") },
      ["'t' was evaluated in 2026-W47 but has no file this week, so it is not compared."],
      "\(items)")
    let same = Narrator(words: testWords).report(Self.week([task], previous: [task]))
    XCTAssertFalse(
      (same.tasks[0].change?.items ?? []).contains { $0.contains("has no file this week") })
  }

  /// How a change is judged is explained by the first task with a change section only.
  func testTheChangeMethodIsExplainedOnce() {
    var task = Self.task(["s": [[400, 100], [100, 400]]])
    var change = MetricChange(
      metric: .recall, previous: 0.7, current: 0.8, delta: 0.1, ci95: 0.05...0.15,
      test: .permutation, pValue: 0.001, adjustedPValue: 0.01, significant: true)
    change.family = .primary
    change.decidedWithPrimary = true
    task.sets[0].changes = [change]
    let quiet = Self.task(["s": [[400, 100], [100, 400]]])
    let report = Narrator(words: testWords).report(
      Self.week([quiet, task, task], previous: [quiet, task, task]))
    XCTAssertNil(report.tasks[0].change, "no change section where nothing was compared")
    XCTAssertTrue(
      report.tasks[1].change?.method?.hasPrefix("The interval is the range of changes")
        == true)
    XCTAssertNotNil(report.tasks[2].change)
    XCTAssertNil(report.tasks[2].change?.method)
    // It points to "How sure are these numbers?" only where that section explains verdicts.
    XCTAssertFalse(report.tasks[1].change!.method!.contains("How sure"))
    var tested = Self.week([quiet, task, task], previous: [quiet, task, task])
    tested.comparisons = 2
    let pointing = Narrator(words: testWords).report(tested)
    XCTAssertTrue(pointing.tasks[1].change!.method!.contains("How sure are these numbers?"))
    XCTAssertFalse(pointing.comparisons.isEmpty)
  }

  func testOnlyNPointsBetterOnlyWhenTheMarginIsSmall() {
    // Baseline 90%: avoiding 49 of its 100 mistakes is "only"; avoiding 51 beats it clearly.
    XCTAssertEqual(
      AccuracyNarrator.comparison(accuracy: 0.949, baseline: ("ok", 0.90), words: testWords).text,
      "only 4.9 points better than that")
    XCTAssertEqual(
      AccuracyNarrator.comparison(accuracy: 0.951, baseline: ("ok", 0.90), words: testWords).text,
      "5.1 points better than that: it avoids 51% of the mistakes that always saying 'ok' makes, so it beats that answer clearly"
    )
    // The case: 18.6 points above a 79.4% baseline is not "only".
    XCTAssertFalse(
      AccuracyNarrator.comparison(accuracy: 0.98, baseline: ("ok", 0.794), words: testWords)
        .text.hasPrefix("only"))
    // A gap that does not show is not "only 0.0 points better".
    XCTAssertEqual(
      AccuracyNarrator.comparison(accuracy: 0.90004, baseline: ("ok", 0.90), words: testWords).text,
      "no better than that")
    XCTAssertEqual(
      AccuracyNarrator.comparison(accuracy: 0.88, baseline: ("ok", 0.90), words: testWords).text,
      "2.0 points worse than that")
    // The gap as the printed percents subtract: 73.9% against 51.7% (0.73875 and 0.5175, whose
    // exact gap, 22.125 points, would print as 22.1) is 22.2 points.
    XCTAssertEqual(
      AccuracyNarrator.comparison(accuracy: 0.73875, baseline: ("ok", 0.5175), words: testWords)
        .text, "only 22.2 points better than that")
    // Printed percents a tenth apart are "0.1 points", not the float difference's "0.10".
    XCTAssertEqual(
      AccuracyNarrator.comparison(accuracy: 0.533, baseline: ("ok", 0.532), words: testWords).text,
      "only 0.1 points better than that")
    // The footnote defines "only" exactly when it was said.
    XCTAssertTrue(
      AccuracyNarrator.comparison(accuracy: 0.949, baseline: ("ok", 0.90), words: testWords)
        .saidOnly)
    XCTAssertFalse(
      AccuracyNarrator.comparison(accuracy: 0.951, baseline: ("ok", 0.90), words: testWords)
        .saidOnly)
  }

  func testZeroCountsAreWordedAsNone() {
    let none = ConfusionNarrator.view(Self.task(["s": [[996, 0], [4, 0]]]), words: testWords)!
      .paragraphs.joined(separator: " ")
    XCTAssertTrue(
      none.contains("Of the 4 engines that were really 'failure', the model caught none."), none)
    XCTAssertFalse(none.contains("caught 0"))
    let some = ConfusionNarrator.view(Self.task(["s": [[996, 0], [3, 1]]]), words: testWords)!
      .paragraphs.joined(separator: " ")
    XCTAssertTrue(some.contains("the model caught 1 and missed 3"), some)
    let finding = FindingDetectors.accuracyMisleading(
      Self.task(["s": [[996, 0], [4, 0]]]), Self.task(["s": [[996, 0], [4, 0]]]).sets[0])
    let accuracy = AccuracyNarrator.view(
      Self.task(["s": [[996, 0], [4, 0]]]), findings: finding, words: testWords)!.paragraphs.joined(
        separator: " ")
    XCTAssertTrue(accuracy.contains("the model caught none of the 4 'failure' engines"), accuracy)
  }

  func testRareIsSaidAndDefinedOnlyOfAClassTheImbalanceRuleFlags() {
    func accuracyView(_ matrix: [[Int]]) -> (words: String, rule: String?) {
      let task = Self.task(["s": matrix], classes: ["a", "b", "c"], positive: nil)
      let findings =
        FindingDetectors.classImbalance(task, task.sets[0])
        + FindingDetectors.accuracyMisleading(task, task.sets[0])
      let view = AccuracyNarrator.view(task, findings: findings, words: testWords)!
      return (view.paragraphs.joined(separator: " "), view.rule)
    }
    // 'c' is 20 of 1,000: rare, and the footnote says what rare means.
    let rare = accuracyView([[880, 0, 0], [0, 90, 10], [0, 10, 10]])
    XCTAssertTrue(rare.words.contains("how the rare class fares"), rare.words)
    XCTAssertTrue(rare.rule?.contains("Candor calls a class rare") ?? false, rare.rule ?? "nil")
    // 51% right against 50% for always saying 'a'; the smallest class, 'b', is 200 of 1,000:
    // the smallest, not rare.
    let common = accuracyView([[400, 50, 50], [100, 50, 50], [150, 90, 60]])
    XCTAssertTrue(common.words.contains("how the smallest class fares"), common.words)
    XCTAssertFalse(common.words.contains("rare"), common.words)
    XCTAssertFalse(common.rule?.contains("rare") ?? false, common.rule ?? "nil")
    // A yes-or-no task speaks of its positive class, never "rare": nothing to define.
    let binary = Self.task(["s": [[980, 0], [10, 10]]])
    let binaryView = AccuracyNarrator.view(
      binary,
      findings: FindingDetectors.classImbalance(binary, binary.sets[0])
        + FindingDetectors.accuracyMisleading(binary, binary.sets[0]), words: testWords)!
    XCTAssertFalse(binaryView.paragraphs.joined().contains("rare"))
    XCTAssertFalse(binaryView.rule?.contains("rare") ?? false, binaryView.rule ?? "nil")
    // "Only" is defined where it was said, and not otherwise.
    XCTAssertEqual(common.words.contains("only"), common.rule?.contains("\"only\"") ?? false)
  }

  /// A class with one example is said as one, never "of the 1 … engines" or "in none of its 1
  /// cases"; with two, as before.
  func testAClassWithOneExampleIsSaidAsOne() {
    let one = Self.task(
      ["s": [[50, 2, 0], [3, 40, 0], [0, 1, 0]]], classes: ["a", "b", "c"], positive: nil)
    let said = ConfusionNarrator.view(one, words: testWords)!.paragraphs.joined(separator: " ")
    XCTAssertTrue(
      said.contains("The only 'c' example was not recognised: the model called it 'b'."), said)
    XCTAssertFalse(said.contains("Of the 1 "), said)
    let two = Self.task(
      ["s": [[50, 2, 0], [3, 40, 0], [0, 2, 0]]], classes: ["a", "b", "c"], positive: nil)
    let twoSaid = ConfusionNarrator.view(two, words: testWords)!.paragraphs.joined(separator: " ")
    XCTAssertTrue(twoSaid.contains("Of the 2 'c' engines, the model recognised none"), twoSaid)
    XCTAssertEqual(testWords.recognisedIn(0, of: 1), "in none of its cases (it had one)")
    XCTAssertEqual(testWords.recognisedIn(1, of: 1), "in its only case")
    XCTAssertEqual(testWords.recognisedIn(0, of: 4), "in none of its 4 cases")
  }

  /// A set with a file last week and none now is said, also when no set this week was
  /// compared (only new sets came); with nothing gone and nothing compared, nothing is said.
  func testASetGoneIsSaidEvenWhenNothingWasCompared() {
    let task = Self.task(["new": [[90, 10], [5, 15]]])
    XCTAssertNil(ChangeNarrator.view(task, against: ISOWeek("2026-W47"), words: testWords))
    let view = ChangeNarrator.view(
      task, against: ISOWeek("2026-W47"), words: testWords,
      previous: ["old": task.sets[0].analysis])
    XCTAssertEqual(
      view?.missing,
      ["'old' was evaluated in 2026-W47 but has no file this week, so it is not compared."])
  }

  func testRareRuleNeverReadsAsItsOwnLimit() {
    func rule(_ matrix: [[Int]]) -> String {
      let task = Self.task(["s": matrix], classes: ["a", "b", "c"], positive: nil)
      let findings =
        FindingDetectors.classImbalance(task, task.sets[0])
        + FindingDetectors.accuracyMisleading(task, task.sets[0])
      return AccuracyNarrator.view(task, findings: findings, words: testWords)!.rule ?? ""
    }
    // 'c' is 998 of 10,000 (9.98%): rare, and "1 in 10" would read as the 10% limit itself.
    let atLimit = rule([[8000, 0, 2], [0, 1000, 0], [0, 0, 998]])
    XCTAssertTrue(atLimit.contains("here 'c' is 9.98% of the engines."), atLimit)
    // 999,999 of 10,000,000: as many decimals as it takes to read below 10%.
    XCTAssertEqual(
      AccuracyNarrator.exactShare(999_999, of: 10_000_000, classes: 3, n: testWords.numbers)[
        "percent"] as? String, "9.99999%")
    // 'c' is 20 of 1,000 (2%): "1 in 50" reads well below the limit.
    let clear = rule([[880, 0, 0], [0, 90, 10], [0, 10, 10]])
    XCTAssertTrue(clear.contains("here 'c' is 1 in 50 engines."), clear)
  }

  func testClassWordsThatNameTheUnitAreNotFollowedByIt() {
    XCTAssertEqual(testWords.labelled("fraud", unit: "payments"), "'fraud' payments")
    XCTAssertEqual(
      testWords.labelled("fraudulent payment", unit: "payments"),
      "payments labelled 'fraudulent payment'")
    XCTAssertEqual(
      testWords.labelled("Engine failure", unit: "engines"), "engines labelled 'Engine failure'")
    XCTAssertEqual(testWords.labelled("bad", unit: "examples"), "'bad' examples")
    XCTAssertTrue(Words.names("Betrugszahlung", unit: "Zahlungen"))
    XCTAssertFalse(Words.names("Betrug", unit: "Zahlungen"))
    // Plurals in -ies, irregular ones and German umlaut plurals.
    XCTAssertTrue(Words.names("lapsed policy", unit: "policies"))
    XCTAssertTrue(Words.names("late delivery", unit: "deliveries"))
    XCTAssertTrue(Words.names("horror movie", unit: "movies"))
    XCTAssertTrue(Words.names("person approved", unit: "people"))
    XCTAssertTrue(Words.names("child at risk", unit: "children"))
    XCTAssertTrue(Words.names("Antrag genehmigt", unit: "Anträge"))
    XCTAssertTrue(Words.names("Betrugsfall", unit: "Fälle"))
    XCTAssertFalse(Words.names("approved", unit: "people"))
    XCTAssertFalse(Words.names("genehmigt", unit: "Anträge"))
    // In a sentence: the accuracy story of a task whose positive class is "engine failure".
    let task = Self.task(["s": [[996, 0], [3, 1]]], classes: ["ok", "engine failure"])
    let paragraphs = AccuracyNarrator.view(
      task, findings: FindingDetectors.accuracyMisleading(task, task.sets[0]), words: testWords)!
      .paragraphs.joined(separator: " ")
    XCTAssertTrue(
      paragraphs.contains("of the 4 engines labelled 'engine failure', the model caught 1"),
      paragraphs)
    XCTAssertFalse(paragraphs.contains("'engine failure' engines"), paragraphs)
  }

  func testTestSetIsNotCalledUntouchedWhereItIsFlagged() {
    let task = Self.task(
      ["holdout": [[400, 0], [0, 400]], "recent": [[400, 0], [0, 400]]], roles: ["holdout": .test])
    let clean = SetsNarrator.view(Self.week([task]), words: testWords)
    XCTAssertTrue(clean.items[0].explanation.contains("kept untouched"))
    for code in ["test-set-overlap", "test-set-reused"] {
      let week = Self.week(
        [task],
        findings: [
          Finding(
            severity: .info, task: "t", set: "holdout",
            fact: code == "test-set-reused"
              ? .testSetReused(set: "holdout", weeks: 4)
              : .testSetOverlap(Overlap(test: "holdout", other: "v", shared: 1)))
        ])
      let flagged = SetsNarrator.view(week, words: testWords)
      XCTAssertFalse(flagged.items[0].explanation.contains("untouched"), code)
      XCTAssertTrue(flagged.items[0].explanation.contains("optimistic"), code)
      // Reuse told by this week's callout is not told again.
      if code == "test-set-reused" {
        let told = SetsNarrator.view(
          week, words: testWords,
          shownNews: [
            Editor.Callout(
              rank: 90, severity: .info, task: "t", sets: ["holdout"], codes: [.testSetReused],
              paragraphs: [])
          ])
        XCTAssertFalse(told.items[0].explanation.contains("optimistic"), told.items[0].explanation)
        XCTAssertTrue(told.items[0].explanation.contains("note above"), told.items[0].explanation)
      }
    }
  }

  func testUndefinedIsExplainedInEveryCellEveryWeek() {
    // Nothing predicted 'failure': precision is undefined this week, with its reason under the table.
    var task = Self.task(
      ["s": [[996, 0], [4, 0]]],
      segments: [("north", [[500, 0], [2, 0]]), ("south", [[496, 0], [2, 0]])])
    let first = Self.week([task])
    let table = ReportMarkup.table(TaskNarrator(week: first, words: testWords).metricsTable(task))
    XCTAssertTrue(table.contains("undefined<sup class=\"fn\">1</sup>"), table)
    XCTAssertTrue(table.contains("<sup>1</sup> Precision on &#39;s&#39; has no value: "), table)
    XCTAssertFalse(
      table.contains("undefined<br>") || table.contains("undefined</td>"),
      "no bare 'undefined' cell")
    // A later week: precision is back, but the change cannot be computed; the cell says so and why.
    var change = MetricChange(
      metric: .precision, previous: nil, current: 0.5, delta: nil,
      reason: .earlierUndefined(.nothingPredicted(label: "failure")),
      ci95: nil, test: nil, pValue: nil, adjustedPValue: nil, significant: false)
    change.family = .supporting
    task.sets[0].changes = [change]
    let later = ReportMarkup.table(
      TaskNarrator(week: Self.week([task], previous: [task]), words: testWords).metricsTable(task))
    XCTAssertTrue(later.contains("no comparison<sup class=\"fn\">"), later)
    XCTAssertTrue(
      later.contains(
        "cannot be compared with 2026-W47: the earlier week&#39;s value is undefined — no example was predicted &#39;failure&#39;, so precision has nothing to measure."
      ),
      later)
    // Segment cells too.
    let segments = ReportMarkup.table(
      TaskNarrator(week: first, words: testWords).segments(task)!.table)
    XCTAssertTrue(segments.contains("undefined<sup class=\"fn\">"), segments)
    XCTAssertTrue(segments.contains("on segment &#39;north&#39; has no value"), segments)
  }

  func testSupportingMetricsNeverContradictTheWatchedNumber() {
    func change(_ metric: MetricName, _ from: Double, _ to: Double, _ significant: Bool)
      -> MetricChange
    {
      var change = MetricChange(
        metric: metric, previous: from, current: to, delta: to - from,
        ci95: (to - from - 0.02)...(to - from + 0.02),
        test: .permutation, pValue: significant ? 0.001 : 0.5,
        adjustedPValue: significant ? 0.01 : 1, significant: significant)
      change.family = metric == .recall ? .primary : .supporting
      change.decidedWithPrimary = metric == .recall
      return change
    }
    var task = Self.task(["s": [[400, 100], [100, 400]]])
    task.sets[0].changes = [
      change(.recall, 0.6, 0.8, true), change(.balancedAccuracy, 0.7, 0.8, true),
      change(.macroRecall, 0.7, 0.8, true),
    ]
    let gain = ChangeNarrator.view(task, against: ISOWeek("2026-W47"), words: testWords)!
    // Balanced accuracy and macro recall are the same number here: named once.
    XCTAssertEqual(
      gain.otherMoves,
      [
        "On 's', balanced accuracy (+10.0 points; here the same number as macro recall) moved the same way, consistent with the gain in recall."
      ])
    // A loss (lower is better) that improved with the watched number agrees with it; one that
    // worsened is said with "while".
    task.sets[0].changes = [
      change(.recall, 0.6, 0.8, true), change(.brierScore, 0.12, 0.09, true),
    ]
    XCTAssertEqual(
      ChangeNarrator.view(task, against: ISOWeek("2026-W47"), words: testWords)!.otherMoves,
      [
        "On 's', Brier score (lower is better) (−0.030) fell beyond noise, an improvement consistent with the gain in recall."
      ])
    task.sets[0].changes = [
      change(.recall, 0.6, 0.8, true), change(.brierScore, 0.09, 0.12, true),
    ]
    XCTAssertEqual(
      ChangeNarrator.view(task, against: ISOWeek("2026-W47"), words: testWords)!.otherMoves,
      [
        "On 's', Brier score (lower is better) (+0.030) rose beyond noise, a worsening, while recall, the number we watch, rose beyond noise."
      ])
    // The watched number within noise, a supporting one beyond: said as such, never "no change is beyond noise".
    task.sets[0].changes = [change(.recall, 0.78, 0.8, false), change(.f1, 0.7, 0.8, true)]
    let mixed = ChangeNarrator.view(task, against: ISOWeek("2026-W47"), words: testWords)!
    XCTAssertEqual(
      mixed.otherMoves,
      [
        "On 's', F1 score (+0.100) rose beyond noise as a supporting measurement, while recall, the number we watch, moved within noise."
      ]
    )
    // The watched number did not move at the printed precision: no verdict, no "stayed level".
    task.sets[0].changes = [change(.recall, 0.8, 0.8, false)]
    let flat = ChangeNarrator.view(task, against: ISOWeek("2026-W47"), words: testWords)!.items[0]
    XCTAssertEqual(
      flat,
      "'s': recall did not move (80.0% in both weeks). The true change plausibly lies between −2.0 points and +2.0 points. Tested with a permutation test that reshuffles the two weeks' examples."
    )
  }

  func testHowChangesWereTestedIsSaidOnceWhenEverySetSharesTheTest() {
    func change(_ test: TestMethod, paired: Int?) -> MetricChange {
      var change = MetricChange(
        metric: .recall, previous: 0.6, current: 0.8, delta: 0.2, ci95: 0.1...0.3, test: test,
        pValue: 0.001, adjustedPValue: 0.01, significant: true)
      change.family = .primary
      change.decidedWithPrimary = true
      change.decidedWithPrimary = true
      change.pairedExamples = paired
      return change
    }
    let matrix = [[400, 100], [100, 400]]
    var task = Self.task(["a": matrix, "b": matrix])
    let against = ISOWeek("2026-W47")
    // Both sets paired by the same test: the test is said once, with each set's paired count
    // (only examples scored in both weeks are paired, which may be fewer than the set).
    task.sets[0].changes = [change(.signFlip, paired: 1_000)]
    task.sets[1].changes = [change(.signFlip, paired: 400)]
    let shared = ChangeNarrator.view(task, against: against, words: testWords)!
    XCTAssertEqual(
      shared.howTested,
      "On every set, the change in recall was tested answer by answer on the engines scored in both weeks (a randomisation test that swaps each example's two answers at random, which for a single rate is McNemar's test): 1,000 on 'a' and 400 on 'b'."
    )
    XCTAssertEqual(
      shared.items[1],
      "'b': recall went from 60.0% to 80.0% (+20.0 points). The true change plausibly lies between +10.0 points and +30.0 points. This is a real improvement, beyond noise."
    )
    // Unpaired, the same test on both: said once, naming the metric it is about (the other
    // metrics' lines below may have been tested otherwise).
    task.sets[0].changes = [change(.permutation, paired: nil)]
    task.sets[1].changes = [change(.permutation, paired: nil)]
    XCTAssertEqual(
      ChangeNarrator.view(task, against: against, words: testWords)!.howTested,
      "On every set, the change in recall was tested with a permutation test that reshuffles the two weeks' examples."
    )
    // Different tests: each set says its own, with its own count; no shared sentence.
    task.sets[0].changes = [change(.signFlip, paired: 1_000)]
    let mixed = ChangeNarrator.view(task, against: against, words: testWords)!
    XCTAssertNil(mixed.howTested)
    XCTAssertTrue(
      mixed.items[0].contains(
        "1,000 engines were scored in both weeks, so we compared the answers one by one"),
      mixed.items[0])
    XCTAssertTrue(
      mixed.items[1].contains("Tested with a permutation test that reshuffles"), mixed.items[1])
    // A set with no change to test: "every set" would be false, so each set says its own.
    var partial = Self.task(["a": matrix, "b": matrix, "c": matrix])
    partial.sets[0].changes = [change(.permutation, paired: nil)]
    partial.sets[1].changes = [change(.permutation, paired: nil)]
    let notEvaluated = ChangeNarrator.view(partial, against: against, words: testWords)!
    XCTAssertNil(notEvaluated.howTested)
    XCTAssertTrue(notEvaluated.items[0].contains("Tested with a permutation test"))
    XCTAssertTrue(
      notEvaluated.items[2].hasPrefix("'c' was not evaluated in"), notEvaluated.items[2])
    // One set: nothing to share; the test stays in its sentence.
    let single = ChangeNarrator.view(
      Self.task(["a": matrix]).withChanges([change(.permutation, paired: nil)]),
      against: against, words: testWords)!
    XCTAssertNil(single.howTested)
    XCTAssertTrue(single.items[0].contains("Tested with a permutation test"), single.items[0])
  }
}

extension TaskAnalysis {
  /// The task with `changes` on its first set.
  fileprivate func withChanges(_ changes: [MetricChange]) -> TaskAnalysis {
    var task = self
    task.sets[0].changes = changes
    return task
  }
}
