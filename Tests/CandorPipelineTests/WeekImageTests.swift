import CandorTestSupport
import Foundation
import Synchronization
import XCTest

@testable import CandorHTML
@testable import CandorKernels
@testable import CandorModel
@testable import CandorPipeline
@testable import CandorWorkspace

/// Issue 32's paired week: a week read in full is kept as a binary image under the output
/// folder, so next week's report loads it instead of parsing its CSV. An image must give back
/// exactly what was read, be used only for the inputs it was written from, and be read as
/// hostile input.
final class WeekImageTests: XCTestCase {
  /// Kept until the test ends: a fixture removes its folder when released.
  var fixtures: [FixtureWorkspace] = []

  /// Every week of every sample client (ids with scores as codes, class scores, counts files,
  /// segments and their scores): written, read back and written again, the same bytes.
  func testEverySampleWeekReadsBackWhole() throws {
    var workspace = try Workspace(path: CandorProcess.repository + "/Samples")
    workspace.readPolicy.imageMinimumBytes = 0
    var kinds = Set<String>()
    for id in try workspace.clientIDs() {
      let client = try ClientWorkspace.open(workspace, id: id)
      for week in client.weeks {
        let tasks = try client.load(week).tasks
        for set in tasks.flatMap(\.sets) {
          if set.keyed != nil { kinds.insert("ids") }
          if set.classScores != nil { kinds.insert("class scores") }
          if set.histogram != nil { kinds.insert("histogram") }
          if set.scored != nil { kinds.insert("scores without ids") }
          if !set.segments.isEmpty { kinds.insert("segments") }
          if !set.segmentScores.isEmpty { kinds.insert("segment scores") }
        }
        try assertReadsBackWhole(tasks, client: client, week: week)
      }
    }
    XCTAssertEqual(kinds, ["ids", "class scores", "histogram", "segments", "segment scores"])
  }

  /// Scores with ids that are not six-decimal codes, and scores without ids.
  func testOtherScoresReadBackWhole() throws {
    let fixture = FixtureWorkspace()
    fixture.binaryClient(files: [
      "weeks/2026-W48/evaluations/engine-failure/holdout.csv": Self.rows(
        week: 1, score: { "0.\($0 % 89 + 10)1234567" }),
      "weeks/2026-W48/evaluations/engine-failure/recent.csv": "label,prediction,score\n"
        + (0..<50).map { "\($0 % 5 == 0 ? "failure" : "ok"),ok,0.\($0 + 10)\n" }.joined(),
    ])
    var workspace = try Workspace(path: fixture.root)
    workspace.readPolicy.imageMinimumBytes = 0
    let client = try ClientWorkspace.open(workspace, id: "acme")
    let week = try XCTUnwrap(ISOWeek("2026-W48"))
    let tasks = try client.load(week).tasks
    guard case .values = try XCTUnwrap(tasks[0].sets[0].keyed?.scores) else {
      return XCTFail("seven decimals are kept as doubles")
    }
    XCTAssertNotNil(tasks[0].sets[1].scored)
    try assertReadsBackWhole(tasks, client: client, week: week)
  }

  /// A flipped byte anywhere after the key, or a file cut short, is damage: nothing of it is used.
  func testADamagedImageIsRefused() throws {
    let (client, week, tasks) = try fixtureWeek()
    let key = Self.key(client, week)
    let image = try Self.encode(tasks, key: key)
    XCTAssertNotNil(try Self.decode(image, key: key, config: client.config))
    let keyEnd = 8 + key.utf8.count
    for offset in stride(from: keyEnd, to: image.count, by: 61) + [image.count - 1] {
      var damaged = image
      damaged[offset] ^= 0x40
      XCTAssertThrowsError(try Self.decode(damaged, key: key, config: client.config), "\(offset)")
    }
    for length in [0, 15, keyEnd, image.count - 1] {
      XCTAssertNil(
        try? Self.decode(image.prefix(length), key: key, config: client.config), "\(length)")
    }
  }

  /// The hash guards against damage, not against someone who writes a consistent image by
  /// hand: whatever the analysis relies on is checked again (these would index out of range).
  func testAnImageWithImpossibleRowsIsRefused() throws {
    let (client, week, tasks) = try fixtureWeek()
    let key = Self.key(client, week)
    var forgeries: [String: [TaskEvaluation]] = [:]
    var keyed = try XCTUnwrap(tasks[0].sets[0].keyed)
    var edited = tasks
    keyed.cells[0] = 7 << 8
    edited[0].sets[0].keyed = keyed
    forgeries["a class out of range"] = edited
    keyed = try XCTUnwrap(tasks[0].sets[0].keyed)
    keyed.idHashes.swapAt(0, keyed.idHashes.count - 1)
    edited = tasks
    edited[0].sets[0].keyed = keyed
    forgeries["ids out of order"] = edited
    edited = tasks
    edited[0].sets[0].matrix[0][0] += 1
    forgeries["counts that are not the rows'"] = edited
    edited = tasks
    edited[0].positiveIndex = 2
    forgeries["a positive class that does not exist"] = edited
    edited = tasks
    edited[0].sets.append(tasks[0].sets[0])
    forgeries["a set twice"] = edited
    edited = tasks
    edited[0].classes = ["ok", "ok"]
    forgeries["a class twice"] = edited
    edited = tasks
    edited[0].sets[0].setID = "holdout-2"
    forgeries["a set client.yaml does not declare"] = edited
    forgeries["no task"] = []
    for (name, forged) in forgeries {
      let image = try Self.encode(forged, key: key)
      XCTAssertThrowsError(try Self.decode(image, key: key, config: client.config), name)
    }
  }

  /// A probability past 1 (the reader refuses one) once crashed the analysis of a fuzzed image.
  func testAProbabilityPastOneIsRefused() throws {
    let fixture = FixtureWorkspace()
    fixture.binaryClient(files: [
      "weeks/2026-W48/evaluations/engine-failure/holdout.csv": Self.rows(week: 1)
    ])
    fixture.write(
      "clients/acme/client.yaml",
      FixtureWorkspace.binaryClientYAML.replacingOccurrences(
        of: "primary_metric: recall", with: "primary_metric: recall\n    score_kind: probability"))
    let client = try ClientWorkspace.open(try Workspace(path: fixture.root), id: "acme")
    let week = try XCTUnwrap(ISOWeek("2026-W48"))
    let tasks = try client.load(week).tasks
    let key = Self.key(client, week)
    XCTAssertNotNil(
      try Self.decode(try Self.encode(tasks, key: key), key: key, config: client.config))
    let keyed = try XCTUnwrap(tasks[0].sets[0].keyed)
    guard case .decimal(var codes) = try XCTUnwrap(keyed.scores) else {
      return XCTFail("six decimals are kept as codes")
    }
    codes[0] = 1_000_001
    var values = keyed.scores!.values
    values[0] = 1.5
    var negative = values
    negative[0] = -0.25
    for scores in [ScoreColumn.decimal(codes), .values(values), .values(negative)] {
      var edited = tasks
      edited[0].sets[0].keyed?.scores = scores
      XCTAssertThrowsError(
        try Self.decode(try Self.encode(edited, key: key), key: key, config: client.config),
        "\(scores[0])")
    }
  }

  /// Kept for the latest two weeks only, used only under the key it was written with, and a
  /// damaged one is said and read again.
  func testTheCacheKeepsTheLatestTwoWeeksAndWarnsOfDamage() throws {
    let fixture = FixtureWorkspace()
    let weeks = ["2026-W45", "2026-W46", "2026-W47", "2026-W48"]
    var files: [String: String] = [:]
    for (number, week) in weeks.enumerated() {
      files["weeks/\(week)/evaluations/engine-failure/holdout.csv"] = Self.rows(week: number)
    }
    fixture.binaryClient(files: files)
    var workspace = try Workspace(path: fixture.root)
    workspace.readPolicy.imageMinimumBytes = 0
    let client = try ClientWorkspace.open(workspace, id: "acme")
    let warnings = Mutex<[String]>([])
    var cache = HistoryCache(folder: CandorProcess.temporaryFolder() + "/.history", client: client)
    cache.warn = { message in warnings.withLock { $0.append(message) } }
    // A draft of a run that was killed goes; one of a run still going stays.
    let finished = Process()
    finished.executableURL = URL(fileURLWithPath: "/bin/true")
    try finished.run()
    finished.waitUntilExit()
    try FileManager.default.createDirectory(atPath: cache.folder, withIntermediateDirectories: true)
    let abandoned = "\(cache.folder)/.2026-W40.image.\(finished.processIdentifier).tmp"
    let running = "\(cache.folder)/.2026-W41.image.\(getpid()).tmp"
    for path in [abandoned, running] {
      XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
    }
    for week in client.weeks {
      let fingerprint = try XCTUnwrap(client.fingerprint(week))
      let draft = cache.draftImage(
        try client.load(week).tasks, week: week, fingerprint: fingerprint, language: .english)
      try XCTUnwrap(draft).commit()
    }
    XCTAssertEqual(cache.imageWeeks(), Array(client.weeks.suffix(2)))
    XCTAssertFalse(FileManager.default.fileExists(atPath: abandoned))
    XCTAssertTrue(FileManager.default.fileExists(atPath: running))
    let oldest = client.weeks[0]
    XCTAssertNil(
      cache.draftImage(
        try client.load(oldest).tasks, week: oldest,
        fingerprint: try XCTUnwrap(client.fingerprint(oldest)), language: .english),
      "a week older than the two kept gets no image")
    let latest = client.weeks[3]
    let fingerprint = try XCTUnwrap(client.fingerprint(latest))
    let read = try XCTUnwrap(cache.image(latest, fingerprint: fingerprint, language: .english))
    XCTAssertEqual(
      try Self.encode(read, key: Self.key(client, latest)),
      try Self.encode(try client.load(latest).tasks, key: Self.key(client, latest)))
    XCTAssertNil(
      cache.image(latest, fingerprint: fingerprint, language: .german),
      "class names are read in the report's language")
    XCTAssertNil(
      cache.image(
        latest, fingerprint: try XCTUnwrap(client.fingerprint(client.weeks[2])), language: .english),
      "another week's inputs")
    XCTAssertEqual(warnings.withLock { $0 }, [], "a stale image is rebuilt without a word")
    let path = cache.imagePath(latest)
    var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
    bytes[bytes.count - 40] ^= 1
    try bytes.write(to: URL(fileURLWithPath: path))
    XCTAssertNil(cache.image(latest, fingerprint: fingerprint, language: .english))
    XCTAssertEqual(
      warnings.withLock { $0 },
      [
        "\(path): is not a week image Candor can use (damaged or edited); week \(latest) is read in full and the image written again"
      ])
    // A link planted where the draft is written is replaced, not written through.
    let outside = CandorProcess.temporaryFolder() + "/outside"
    XCTAssertTrue(FileManager.default.createFile(atPath: outside, contents: Data("keep".utf8)))
    let planted = "\(cache.folder)/.\(latest).image.\(getpid()).tmp"
    try FileManager.default.createSymbolicLink(atPath: planted, withDestinationPath: outside)
    try XCTUnwrap(
      cache.draftImage(
        try client.load(latest).tasks, week: latest, fingerprint: fingerprint, language: .english)
    ).commit()
    XCTAssertEqual(try String(contentsOfFile: outside, encoding: .utf8), "keep")
    XCTAssertNotNil(cache.image(latest, fingerprint: fingerprint, language: .english))
    // No image where the disk would be left with less than the week's size and 256 MB free.
    var huge = fingerprint
    huge.files[0].size = 1 << 60
    XCTAssertFalse(cache.hasRoom(for: huge))
    XCTAssertNil(
      cache.draftImage(
        try client.load(latest).tasks, week: latest, fingerprint: huge, language: .english))
    XCTAssertTrue(cache.hasRoom(for: fingerprint))
    // A draft dropped without a commit (the run failed) leaves nothing behind.
    let before = try FileManager.default.contentsOfDirectory(atPath: cache.folder).sorted()
    _ = cache.draftImage(
      try client.load(latest).tasks, week: latest, fingerprint: fingerprint, language: .english)
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: cache.folder).sorted(), before)
  }

  /// A report that reads last week from its image writes the bytes a report that parses it
  /// writes; and it does read the image (one holding other rows changes the report).
  func testAReportFromImagesIsTheReportFromFiles() throws {
    let fixture = FixtureWorkspace()
    var files: [String: String] = [:]
    for (number, week) in ["2026-W47", "2026-W48"].enumerated() {
      files["weeks/\(week)/evaluations/engine-failure/holdout.csv"] = Self.rows(week: number)
    }
    fixture.binaryClient(files: files)
    var workspace = try Workspace(path: fixture.root)
    let sources = try TemplateSources(
      baseFolder: CandorProcess.repository + "/Templates", workspace: workspace)
    let plain = try ClientRun(workspace: workspace, clientID: "acme", week: nil, templates: sources)
      .run().outputs
    workspace.readPolicy.imageMinimumBytes = 0
    let history = CandorProcess.temporaryFolder() + "/acme/.history"
    func run() throws -> ReportOutputs {
      let result = try ClientRun(
        workspace: workspace, clientID: "acme", week: nil, templates: sources,
        historyFolder: history
      ).run()
      result.history.store()
      return result.outputs
    }
    XCTAssertEqual(try run().summaryJSON, plain.summaryJSON)
    XCTAssertEqual(
      try FileManager.default.contentsOfDirectory(atPath: history).filter {
        $0.hasSuffix(".image")
      }.sorted(), ["2026-W47.image", "2026-W48.image"])
    let again = try run()
    XCTAssertEqual(again.summaryJSON, plain.summaryJSON)
    XCTAssertEqual(again.reportHTML, plain.reportHTML)
    XCTAssertEqual(again.teamHTML, plain.teamHTML)
    // Week 47's image rewritten with week 48's rows under week 47's key: no change is left.
    let client = try ClientWorkspace.open(workspace, id: "acme")
    let (w47, w48) = (try XCTUnwrap(ISOWeek("2026-W47")), try XCTUnwrap(ISOWeek("2026-W48")))
    let forged = try Self.encode(try client.load(w48).tasks, key: Self.key(client, w47))
    try forged.write(to: URL(fileURLWithPath: history + "/2026-W47.image"))
    XCTAssertNotEqual(try run().summaryJSON, plain.summaryJSON)
  }

  /// The week-image fuzz target's seeds decode (its corpus starts from images, not from noise),
  /// for the client it fuzzes with (Fuzz/Sources/FuzzSupport: every kind of task); the inputs it
  /// found (`found-*`) are refused.
  func testTheFuzzSeedsAreImages() throws {
    let fixture = FixtureWorkspace()
    fixture.write(
      "clients/all/client.yaml",
      """
      name: Fuzz
      tasks:
        - id: binary
          positive_label: failure
        - id: multi
        - id: probability
          positive_label: failure
          score_kind: probability
        - id: scored
          classes: [a, b, c]
          class_scores: "p_{class}"
          score_kind: probability
      validation_sets:
        - id: holdout
          role: test

      """)
    let config = try ClientWorkspace.open(try Workspace(path: fixture.root), id: "all").config
    let folder = CandorProcess.repository + "/Fuzz/Seeds/week-image"
    let seeds = try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    XCTAssertEqual(seeds.filter { !$0.hasPrefix("found-") }, ["ids", "no-ids"])
    for seed in seeds {
      let records = ImageFileWriter.sealed(
        OwnFileReaders.imageRecords(try Data(contentsOf: URL(fileURLWithPath: "\(folder)/\(seed)")))
      )
      // What the fuzzer found (an input that crashed) must now be refused.
      guard !seed.hasPrefix("found-") else {
        XCTAssertThrowsError(try Self.decode(records, key: "fuzz", config: config), seed)
        continue
      }
      let tasks = try XCTUnwrap(try Self.decode(records, key: "fuzz", config: config), seed)
      XCTAssertEqual(tasks.map(\.sets.count), seed == "ids" ? [1, 1, 1, 1] : [1, 0, 1, 1])
    }
  }

  // MARK: - Helpers

  static func rows(week: Int, score: (Int) -> String = { "0.\($0 % 97 + 1)" }) -> String {
    var rows = "id,label,prediction,score\n"
    for index in 0..<400 {
      let positive = index % 7 == 0
      let flagged = (index * (week + 3)) % 5 == 0
      rows +=
        "e\(index),\(positive ? "failure" : "ok"),\(flagged ? "failure" : "ok"),\(score(index * (week + 3)))\n"
    }
    return rows
  }

  func fixtureWeek() throws -> (ClientWorkspace, ISOWeek, [TaskEvaluation]) {
    let fixture = FixtureWorkspace()
    fixtures.append(fixture)
    fixture.binaryClient(files: [
      "weeks/2026-W48/evaluations/engine-failure/holdout.csv": Self.rows(week: 1)
    ])
    let client = try ClientWorkspace.open(try Workspace(path: fixture.root), id: "acme")
    let week = try XCTUnwrap(ISOWeek("2026-W48"))
    return (client, week, try client.load(week).tasks)
  }

  func assertReadsBackWhole(
    _ tasks: [TaskEvaluation], client: ClientWorkspace, week: ISOWeek,
    file: StaticString = #filePath, line: UInt = #line
  ) throws {
    let key = Self.key(client, week)
    let image = try Self.encode(tasks, key: key)
    let read = try XCTUnwrap(
      try Self.decode(image, key: key, config: client.config), file: file, line: line)
    XCTAssertEqual(
      try Self.encode(read, key: key), image, "\(client.id) \(week)", file: file, line: line)
    XCTAssertNil(
      try Self.decode(image, key: key + " ", config: client.config),
      "another key is stale, not damaged", file: file, line: line)
  }

  static func key(_ client: ClientWorkspace, _ week: ISOWeek) -> String {
    WeekImage.key(
      client: client.id, week: week, language: .english, fingerprint: client.fingerprint(week)!)
  }

  static func encode(_ tasks: [TaskEvaluation], key: String) throws -> Data {
    let path = CandorProcess.temporaryFolder() + "/image"
    let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    var writer = ImageFileWriter(descriptor: descriptor)
    WeekImage.write(tasks, key: key, to: &writer)
    XCTAssertTrue(writer.finish())
    close(descriptor)
    return try Data(contentsOf: URL(fileURLWithPath: path))
  }

  static func decode(_ image: Data, key: String, config: ClientConfig) throws -> [TaskEvaluation]? {
    let path = CandorProcess.temporaryFolder() + "/image"
    try image.write(to: URL(fileURLWithPath: path))
    let descriptor = open(path, O_RDONLY)
    defer { close(descriptor) }
    guard var reader = ImageFileReader(descriptor: descriptor, size: image.count) else {
      throw ImageFileReader.Damaged()
    }
    return try WeekImage.read(from: &reader, key: key, config: config)
  }
}
