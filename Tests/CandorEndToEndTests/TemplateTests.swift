import CandorModel
import CandorTestSupport
import CandorWorkspace
import Foundation
import XCTest

@testable import CandorAnalysis
@testable import CandorCLI
@testable import CandorHTML
@testable import CandorPipeline
@testable import CandorReport

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
    // Words' templates (findings, narrative sections, phrases) are fed dictionaries: their keys are recorded.
    let recorder = KeyRecorder()
    // Analysed once; each language words the same analyses.
    let analyses = try ["acme-motors", "nordic-fleet", "tiny-lake", "harbor-clinic"].map {
      try ClientRun(workspace: workspace, clientID: $0, week: nil, templates: sources).run()
        .analysis
    }
    for locale in ReportLocale.allCases {
      let words = Words(
        templates: testWords.templates, locale: locale, recorder: recorder)
      for analysis in analyses {
        // The templates read the view with its markup beside it, as ReportComposer hands it.
        names(
          in: ReportMarkup.render(Narrator(words: words).report(analysis), words: words),
          into: &known)
        names(in: Narrator(words: words).snippet(analysis), into: &known)
        names(
          in: Narrator(words: words).email(
            Narrator(words: words).snippet(analysis), attachment: .html, contactName: "Dana Müller",
            signature: "Reports"), into: &known)
        _ = Narrator(words: words).teamNotes(analysis)
        _ = SummaryJSON.make(analysis, words: words)
      }
      // Every kind of fact, whether or not the samples raise it.
      for fact in Self.everyFact {
        _ = words.message(Finding(severity: .info, task: "t", set: "s", fact: fact))
      }
      let undefined: [Undefined] = [
        .nothingPredicted(label: "c"), .noExample(label: "c", metric: .recall),
        .noExample(label: "c", metric: .specificity),
        .noExample(label: "c", metric: .prAUC), .noExample(label: "c", metric: .rocAUC),
        .neitherOccursNorPredicted(label: "c"),
        .predictedWithoutTrueExample(label: "c"),
        .oneTrueClass, .onePredictedClass, .allOneClass, .nothingToRank(positivesMissing: true),
        .nothingToRank(positivesMissing: false),
      ]
      for reason in undefined { XCTAssertFalse(words.reason(reason).isEmpty, "\(reason)") }
      let unavailable: [ChangeUnavailable] = [
        .tooFewResamples, .rankingTooFewOfOneClass, .earlierHasNoScores,
        .earlierUndefined(.oneTrueClass), .currentUndefined(nil),
      ]
      for reason in unavailable { XCTAssertFalse(words.reason(reason).isEmpty, "\(reason)") }
      // The diff's words, on a diff with every kind of line (flips and none, an owner and none).
      let diff = Self.everyDiff
      _ = DiffNarrator(ids: [1: "a", 2: "b"], words: words).view(diff, clientName: "C")
      _ = DiffNarrator(ids: [1: "a", 2: "b"], words: words).text(diff)
    }
    known.formUnion(recorder.recorded)
    // Keys of paths the samples do not reach, each passed by the named narrator: more than seven
    // callouts and more than two items under way (`more`: Narrator.newsNote, Editor.next); a
    // target not yet reached (`gap`: ProgressNarrator.target); over 25 segments (`limit`:
    // TaskNarrator.segments); five or more classes (`predicted`: ConfusionNarrator.largestConfusions);
    // supporting metrics that moved without the watched one (`otherWay`, `notYet`, `noise`:
    // ChangeNarrator.view); a loss that moved while the watched number rose or fell
    // (`watchedRose`, `watchedFell`: ChangeNarrator.view).
    // Supporting metrics with verdicts (`better`, `many`: ChangeNarrator.otherMoves) need a
    // `supporting:` list, which the samples do not name; the email's subject (`statuses`:
    // ReportComposer.subject) and a missing translation (`fields`: teamNotes) are composed
    // outside the narrators this test runs; a first model (`item`, `answer`, `oneAnswer`:
    // Editor.firstModels) ships in no sample; no sample's rare class is so near the rule's
    // limit that "1 in 10" would read as it (`asPercent`, `percent`: AccuracyNarrator.exactShare).
    known.formUnion([
      "more", "gap", "limit", "predicted", "otherWay", "notYet", "noise", "watchedRose",
      "watchedFell", "better", "many", "statuses", "fields", "item", "answer", "oneAnswer",
      "asPercent", "percent",
    ])
    names(
      in: PageView(
        title: "", body: "",
        labels: Dictionary(uniqueKeysWithValues: LayoutLabel.allCases.map { ($0.rawValue, "") })),
      into: &known)
    names(
      in: ReportMarkup.render(
        DiffView(
          title: "", clientName: "", verdict: "",
          summary: TableView(caption: nil, columns: [], rows: []),
          tasks: [
            DiffTaskView(
              name: "", verdict: "", owner: "",
              sets: [
                DiffSetView(
                  setID: "", verdict: "", metrics: TableView(caption: nil, columns: [], rows: []),
                  flips: [])
              ])
          ],
          method: "")), into: &known)
    // The layout's words are a dictionary (`labels`), keyed by `LayoutLabel`.
    known.formUnion(LayoutLabel.allCases.map(\.rawValue))
    let tag = try NSRegularExpression(pattern: #"\{\{\{?\s*([#^/]?)\s*([A-Za-z0-9_.]+)\s*\}?\}\}"#)
    let entry = try NSRegularExpression(pattern: #"(?m)^\{\{#([A-Za-z0-9_]+)\}\}"#)
    for (name, text) in try TemplateLibrary.texts(inFolder: templates) {
      let range = NSRange(text.startIndex..., in: text)
      // A catalogue's entries (a section opening a line) are keys the code asks for by name.
      let catalogue =
        name.hasSuffix("phrases") || name.hasSuffix("/layout") || name.contains("narrative/")
      let entries =
        catalogue
        ? Set(
          entry.matches(in: text, range: range).map {
            String(text[Range($0.range(at: 1), in: text)!])
          }) : []
      for match in tag.matches(in: text, range: range) {
        let key = String(text[Range(match.range(at: 2), in: text)!])
        for part in key.split(separator: ".").map(String.init) where part != "" {
          XCTAssertTrue(
            known.contains(part) || entries.contains(part),
            "template '\(name)' uses '\(key)', which no view model has")
        }
      }
    }
  }

  static let everyFact: [Fact] = {
    let caught = CaughtCount(label: "c", caught: 1, total: 4)
    let move = MetricMove(
      metric: .recall, previous: 0.8, current: 0.7, delta: -0.1, ci95: -0.15...(-0.05),
      sameAs: [.macroRecall])
    return [
      .classImbalance(ClassShare(set: "s", label: "c", unit: "u", support: 0, total: 10)),
      .classImbalance(ClassShare(set: "s", label: "c", unit: "u", support: 1, total: 10)),
      .accuracyMisleading(
        AccuracyAgainstBaseline(
          set: "s", unit: "u", accuracy: 0.9, baselineLabel: "b", baselineAccuracy: 0.9,
          missedPositives: caught)),
      .smallSample(SmallClass(set: "s", unit: "u", recognised: caught, interval: 0.1...0.7)),
      .rankingHidesPrecision(
        RankingAgainstAlerts(set: "s", label: "c", rocAUC: 0.9, alerts: caught, precision: 0.25)),
      .averageHidesWeakClass(WeakClass(set: "s", average: 0.8, reassure: true, weak: caught)),
      .primaryChange(
        PrimaryChange(
          set: "s", move: move, verdict: .realDrop, companions: [move], accuracyMisleadsAgainst: "b"
        )),
      .primaryChange(
        PrimaryChange(
          set: "s", move: move, verdict: .realGain, companions: [move], accuracyMisleadsAgainst: "b"
        )),
      .primaryChange(
        PrimaryChange(
          set: "s", move: move, verdict: .unconfirmed, companions: [], accuracyMisleadsAgainst: "b")
      ),
      .primaryChange(
        PrimaryChange(
          set: "s", move: move, verdict: .heldBack, companions: [], accuracyMisleadsAgainst: nil)),
      .primaryChange(
        PrimaryChange(
          set: "s", move: move, verdict: .withinNoise, companions: [], accuracyMisleadsAgainst: nil)
      ),
      .supportingDrop(
        SupportingDrop(
          set: "s", move: move, primaryMetric: .f1, primaryRose: true, accuracyMisleadsAgainst: "b")
      ),
      .prevalenceShift(
        ShareShift(
          set: "s", label: "c", unit: "u", share: 0.1, otherShare: 0.2,
          otherWeek: ISOWeek("2026-W47"), otherSet: nil)),
      .prevalenceShift(
        ShareShift(
          set: "s", label: "c", unit: "u", share: 0.1, otherShare: 0.2, otherWeek: nil,
          otherSet: "r")),
      .setsDisagree(SetsGap(metric: .recall, bestSet: "a", best: 0.9, worstSet: "b", worst: 0.5)),
      .testSetOverlap(Overlap(test: "h", other: "v", shared: 1)),
      .testSetReused(set: "h", weeks: 4),
    ]
  }()

  func testAClientOverrideReplacesOnlyThatClientsTemplate() async throws {
    let workspace = FixtureWorkspace()
    for id in ["acme", "globex"] {
      workspace.binaryClient(
        id,
        files: [
          "weeks/2026-W48/evaluations/engine-failure/holdout.csv":
            "label,prediction\nfailure,failure\nok,ok\n"
        ])
    }
    workspace.write(
      "clients/acme/templates/report/footer.mustache",
      "{{% CONTENT_TYPE: MARKDOWN}}\nAcme's own footer for {{clientName}}.\n")
    let out = CandorProcess.temporaryFolder()
    let result = await InProcess.run(["batch", workspace.root, "--out", out, "--quiet"])
    XCTAssertEqual(result.status, 0, result.stderr)
    let acme = try String(contentsOfFile: out + "/acme/2026-W48/report.md", encoding: .utf8)
    let globex = try String(contentsOfFile: out + "/globex/2026-W48/report.md", encoding: .utf8)
    XCTAssertTrue(acme.contains("Acme's own footer for Acme Motors."))
    XCTAssertFalse(globex.contains("Acme's own footer"))
    XCTAssertTrue(globex.contains("How to read this report"))
    // A first week has no change, so no labels to announce (the samples' goldens show the
    // sentence where changes are labelled).
    XCTAssertFalse(globex.contains("Each change carries one of these labels"), globex)
  }

  /// Issue 13: a client rewords one finding by overriding its partial; other clients, and that
  /// client's other findings, keep the default wording.
  func testAClientOverrideOfAFindingsPartialRewordsItForThatClientOnly() async throws {
    let workspace = FixtureWorkspace()
    // One failure among twenty engines: a rare class, for both clients.
    let rows = "label,prediction\n" + String(repeating: "ok,ok\n", count: 19) + "failure,failure\n"
    for id in ["acme", "globex"] {
      workspace.binaryClient(
        id, files: ["weeks/2026-W48/evaluations/engine-failure/holdout.csv": rows])
    }
    workspace.write(
      "clients/acme/templates/findings/class-imbalance.mustache",
      "{{% CONTENT_TYPE: TEXT}}\nAcme wording: only {{oneIn}} {{unit}} on '{{set}}' are '{{label}}'.\n"
    )
    let out = CandorProcess.temporaryFolder()
    let result = await InProcess.run(["batch", workspace.root, "--out", out, "--quiet"])
    XCTAssertEqual(result.status, 0, result.stderr)
    for file in ["report.md", "summary.json"] {
      let acme = try String(contentsOfFile: out + "/acme/2026-W48/" + file, encoding: .utf8)
      let globex = try String(contentsOfFile: out + "/globex/2026-W48/" + file, encoding: .utf8)
      XCTAssertTrue(acme.contains("Acme wording: only 1 in 20"), file)
      XCTAssertFalse(acme.contains("is rare in the"), file)
      XCTAssertFalse(globex.contains("Acme wording"), file)
      XCTAssertTrue(
        globex.contains("is rare in the") && globex.contains("holdout")
          && globex.contains("set: 1 in 20"), file)
      // The client's other findings keep the default words.
      XCTAssertTrue(acme.contains("so the share the model gets right"), file)
    }
  }

  /// A catalogue sentence keeps a client's value whole, line breaks included.
  func testACatalogueSentenceKeepsAValueWithALineBreak() {
    XCTAssertEqual(
      testWords.sentence(
        Sentence.OneMinute.caughtAgainst,
        [
          "caught": "3 of 4", "label": "fail\nure", "unit": "engines", "before": "2",
          "week": "2026-W47",
        ]),
      "The model caught 3 of 4 'fail\nure' engines there, against 2 in 2026-W47.")
    XCTAssertEqual(testWords.phrase(.sharePart, ["part": "1", "total": "2\n3"]), "1 of 2\n3")
  }

  func testAMissingTemplatesFolderIsNamed() throws {
    let result = try CandorProcess.run([
      "report", CandorProcess.repository + "/Samples", "--client", "acme-motors",
      "--templates", "/nonexistent/templates",
    ])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(
      result.stderr.hasPrefix(
        "error: --templates names '/nonexistent/templates', which is not a templates folder"),
      result.stderr)
  }

  func testAMissingRequiredTemplateIsNamed() throws {
    let folder = CandorProcess.temporaryFolder()
    for (name, text) in try TemplateLibrary.texts(inFolder: templates)
    where name != "layout/snippet.txt" {
      let path = folder + "/" + name + ".mustache"
      try FileManager.default.createDirectory(
        atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
      try text.write(toFile: path, atomically: true, encoding: .utf8)
    }
    let result = try CandorProcess.run([
      "report", CandorProcess.repository + "/Samples", "--client", "acme-motors", "--templates",
      folder,
    ])
    XCTAssertEqual(result.status, 1)
    XCTAssertTrue(
      result.stderr.contains("template 'snippet.txt' is missing from the templates folder"),
      result.stderr)
  }

  /// A catalogue's entries are sections the code asks for by key; the test above lets them
  /// through by name. Each language must hold the same entries, so an entry misspelt or
  /// forgotten in one language (which renders as nothing) fails here.
  func testEveryCatalogueHasTheSameEntriesInEachLanguage() throws {
    let texts = try TemplateLibrary.texts(inFolder: templates)
    let entry = try NSRegularExpression(pattern: #"(?m)^\{\{#([A-Za-z0-9_]+)\}\}"#)
    func entries(_ text: String) -> Set<String> {
      Set(
        entry.matches(in: text, range: NSRange(text.startIndex..., in: text)).map {
          String(text[Range($0.range(at: 1), in: text)!])
        })
    }
    let catalogues = texts.keys.filter { $0.hasPrefix("words/en/") }.map {
      String($0.dropFirst("words/en/".count))
    }.filter { $0 == "phrases" || $0 == "layout" || $0.hasPrefix("narrative/") }
    XCTAssertGreaterThan(catalogues.count, 10)
    for name in catalogues.sorted() {
      guard let german = texts["words/de/" + name] else {
        XCTFail("\(name) has no German catalogue")
        continue
      }
      let english = entries(texts["words/en/" + name]!)
      XCTAssertFalse(english.isEmpty, name)
      XCTAssertEqual(
        english.subtracting(entries(german)).sorted(), [], "entries missing from de/\(name)")
      XCTAssertEqual(
        entries(german).subtracting(english).sorted(), [], "entries only in de/\(name)")
    }
  }

  /// Issue 13, item 7: the diff's sentences are in narrative/diff.mustache, so they follow the locale.
  func testDiffWordsComeFromTheCatalogueInEachLanguage() {
    let english = DiffNarrator(ids: [1: "a", 2: "b"], words: testWords)
    XCTAssertEqual(
      english.text(Self.everyDiff),
      """
      Candor diff: 2026-W48 against 2026-W46
        t/s: regressed (recall 90.0% -> 80.0%); recall regressed; owner: Team A
        t/s: unchanged within noise (recall 90.0% -> 80.0%)
      Verdict: regressed. Regressed: Task.

      """)
    let german = DiffNarrator(
      ids: [1: "a", 2: "b"],
      words: Words(templates: testWords.templates, locale: .german))
    let view = german.view(Self.everyDiff, clientName: "C")
    XCTAssertEqual(view.title, "C: 2026-W48 verglichen mit 2026-W46")
    XCTAssertEqual(view.verdict, "Verschlechtert: Task.")
    XCTAssertEqual(view.tasks[0].owner, "Zu informieren: Team A.")
    XCTAssertEqual(
      view.tasks[0].sets[0].flips,
      [
        "1 engines waren mit dem Basismodell richtig und sind mit dem Kandidaten falsch; 1 umgekehrt.",
        "Wahre Klasse „failure“: 1 jetzt falsch, 1 jetzt richtig.",
        "Jetzt falsch, zum Beispiel: a.", "Jetzt richtig, zum Beispiel: b.",
      ])
    XCTAssertEqual(
      view.tasks[1].sets[0].flips,
      [
        "Beispiele lassen sich nicht einzeln zuordnen (keine gemeinsamen IDs), daher werden keine umgeschlagenen Beispiele aufgeführt."
      ])
    XCTAssertTrue(
      german.text(Self.everyDiff).hasSuffix("Urteil: verschlechtert. Verschlechtert: Task.\n"))
  }

  /// A diff of two tasks: one regressed with flipped examples and an owner, one unchanged
  /// without shared ids or owner.
  static var everyDiff: ModelDiff {
    let task = AnalysisFixture.task(["s": [[40, 10], [5, 45]]])
    let set = task.sets[0].analysis
    let change = MetricChange(
      metric: .recall, previous: 0.9, current: 0.8, delta: -0.1, ci95: -0.2 ... -0.05,
      test: .permutation, pValue: 0.0001, adjustedPValue: 0.01, significant: true)
    var owned = task.task
    owned.owner = "Team A"
    return ModelDiff(
      base: "2026-W46", candidate: "2026-W48",
      tasks: [
        TaskDiff(
          task: owned, primaryMetric: .recall,
          sets: [
            SetDiff(
              setID: "s", before: set, after: set, changes: [change], verdicts: [.regressed],
              flips: Flips(
                becameWrong: 1, becameRight: 1, perClass: [("failure", 1, 1)], wrongSamples: [1],
                rightSamples: [2]), primaryMetric: .recall)
          ]),
        TaskDiff(
          task: task.task, primaryMetric: .recall,
          sets: [
            SetDiff(
              setID: "s", before: set, after: set, changes: [change], verdicts: [.unchanged],
              flips: nil, primaryMetric: .recall)
          ]),
      ], comparisons: 2, supportingComparisons: 0)
  }
}
