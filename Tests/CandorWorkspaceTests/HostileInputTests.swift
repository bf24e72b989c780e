import CandorModel
import CandorTestSupport
import CandorWorkspace
import Foundation
import XCTest

@testable import CandorIngest

/// Issue 17: inputs that used to crash, hang or be guessed at are refused with a message
/// naming the file, the line and the limit. Each test reproduced the problem on main first.
final class HostileInputTests: XCTestCase {
  let evaluations = "weeks/2026-W48/evaluations/engine-failure"
  var countsFile: String { "clients/acme/\(evaluations)/holdout.counts.json" }

  func error(_ build: (FixtureWorkspace) -> Void, client: String = "acme") -> String {
    let workspace = FixtureWorkspace()
    build(workspace)
    return LoadedTask.loadingError(root: workspace.root, client: client)
  }

  func counts(_ json: String) -> String {
    error { $0.binaryClient(files: ["\(self.evaluations)/holdout.counts.json": json]) }
  }

  func clientYAML(_ yaml: String) -> String {
    error {
      $0.binaryClient(files: [:])
      $0.write("clients/acme/client.yaml", yaml)
    }
  }

  func worklog(_ yaml: String) -> String {
    error {
      $0.binaryClient(files: [
        "\(self.evaluations)/holdout.csv": "label,prediction\nok,ok\n",
        "weeks/2026-W48/worklog.yaml": yaml,
      ])
    }
  }

  func csv(_ text: String) -> String {
    error { $0.binaryClient(files: ["\(self.evaluations)/holdout.csv": text]) }
  }

  // MARK: - Counts: overflow

  func testCountsAbove2To53AreRefusedNotTrapped() {
    XCTAssertEqual(
      counts(#"{"labels": ["ok", "failure"], "matrix": [[9223372036854775807, 1], [1, 1]]}"#),
      "\(countsFile):1: key 'matrix': row 1, column 1: 9223372036854775807 is too large; counts are at most 2^53 (9007199254740992)"
    )
    XCTAssertEqual(
      counts(#"{"labels": ["ok", "failure"], "matrix": [[9007199254740992, 1], [0, 0]]}"#),
      "\(countsFile):1: key 'matrix': adds up to more than 2^53 (9007199254740992) examples")
    let histogram =
      #"{"labels": ["ok", "failure"], "matrix": [[1, 1], [1, 1]], "score_histogram": {"edges": [0, 0.5, 1], "positive": [9223372036854775807, 0], "negative": [1, 1]}}"#
    XCTAssertEqual(
      counts(histogram),
      "\(countsFile):1: key 'score_histogram.positive': 9223372036854775807 is too large; counts are at most 2^53 (9007199254740992)"
    )
    let sums =
      #"{"labels": ["ok", "failure"], "matrix": [[1, 1], [1, 1]], "score_histogram": {"edges": [0, 0.5, 1], "positive": [9007199254740992, 9007199254740992], "negative": [1, 1]}}"#
    XCTAssertEqual(
      counts(sums),
      "\(countsFile):1: key 'score_histogram.positive': adds up to more than 2^53 (9007199254740992) examples"
    )
  }

  func testSetsOfOneTaskTogetherStayWithin2To53() {
    let message = error {
      $0.binaryClient(files: [
        "\(self.evaluations)/holdout.counts.json":
          #"{"labels": ["ok", "failure"], "matrix": [[9007199254740000, 0], [0, 1]]}"#,
        "\(self.evaluations)/recent.counts.json":
          #"{"labels": ["ok", "failure"], "matrix": [[1000, 0], [0, 1]]}"#,
      ])
    }
    XCTAssertEqual(
      message,
      "clients/acme/\(evaluations)/recent.counts.json: together with the task's other sets of this week holds more than 2^53 (9007199254740992) examples"
    )
  }

  func testAMillionDigitCountIsCutShortInTheMessage() {
    let digits = String(repeating: "9", count: 1_000_000)
    let message = counts(#"{"labels": ["ok", "failure"], "matrix": [[\#(digits), 1], [1, 1]]}"#)
    XCTAssertEqual(
      message,
      "\(countsFile):1: key 'matrix': row 1, column 1: \(String(repeating: "9", count: 80))… is too large; counts are at most 2^53 (9007199254740992)"
    )
  }

  // MARK: - Counts: nesting, duplicate and unknown keys

  func testDeepJSONIsRefusedBeforeItCanOverflowTheStack() {
    let deep = String(repeating: "[", count: 50_000) + String(repeating: "]", count: 50_000)
    XCTAssertEqual(
      counts(#"{"labels": ["ok", "failure"], "matrix": \#(deep)}"#),
      "\(countsFile):1: is not valid JSON: nesting is deeper than 32 levels (the limit for Candor's JSON files)"
    )
  }

  func testDuplicateJSONKeyIsAnError() {
    XCTAssertEqual(
      counts(
        "{\"labels\": [\"ok\", \"failure\"],\n \"labels\": [\"failure\", \"ok\"], \"matrix\": [[1, 2], [3, 4]]}"
      ),
      "\(countsFile):2: is not valid JSON: key 'labels' appears twice in one object")
  }

  func testUnknownJSONKeyNamesTheNearestKnownKey() {
    XCTAssertEqual(
      counts(
        "{\"labels\": [\"ok\", \"failure\"], \"matrix\": [[1, 2], [3, 4]],\n \"sCore_histogram\": {}}"
      ),
      "\(countsFile):2: unknown key 'sCore_histogram' (did you mean 'score_histogram'?)")
    XCTAssertEqual(
      counts(
        #"{"labels": ["ok", "failure"], "matrix": [[1, 2], [3, 4]], "score_histogram": {"edges": [0, 1], "positives": [3], "negative": [4]}}"#
      ),
      "\(countsFile):1: key 'score_histogram': unknown key 'positives' (did you mean 'positive'?)")
    XCTAssertEqual(
      counts(#"{"labels": ["ok", "failure"], "matrix": [[1, 2], [3, 4]], "weights": []}"#),
      "\(countsFile):1: unknown key 'weights'; expected one of labels, matrix, score_histogram")
  }

  /// JSON's own number grammar: `050`, `+5`, `.5` and `5.` parse as numbers in Swift but are
  /// not JSON; `0`, `-0`, `5e2` and `0.5` are.
  func testNumbersAreJSONNumbers() {
    for written in ["050", "+5", ".5", "5."] {
      XCTAssertEqual(
        counts("{\"labels\": [\"ok\", \"failure\"], \"matrix\": [[\(written), 2], [3, 4]]}"),
        "\(countsFile):1: is not valid JSON: \(written) is not a JSON number (no leading zeros, plus sign or bare decimal point)",
        written)
    }
    for text in ["0", "-0", "5e2", "0.5", "-1.25E-3"] {
      XCTAssertTrue(JSONScanner.isJSONNumber(Array(text.utf8)[...]), text)
    }
  }

  /// A client.yaml that is a list is one error, not one per key looked for.
  func testAClientYAMLThatIsAListIsOneError() {
    XCTAssertEqual(
      clientYAML("- a\n- b\n"),
      "clients/acme/client.yaml:1: expected a mapping of keys to values (name:, tasks:, validation_sets:), not a list or a single value"
    )
  }

  // MARK: - YAML: nesting, aliases, duplicates

  func testDeepFlowYAMLUnderAnUnreadKeyIsRefused() {
    let deep = String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)
    XCTAssertEqual(
      clientYAML(FixtureWorkspace.binaryClientYAML + "\nnotes: \(deep)\n"),
      "clients/acme/client.yaml:14: nesting is deeper than 32 levels, the limit for Candor's YAML files"
    )
  }

  func testDeepBlockYAMLIsRefused() {
    var yaml = "items:\n"
    // Block sequences nested by indentation (1,000 deep fits in the 1 MiB limit); and
    // compact ones on a single line, 5,000 deep.
    for level in 0..<1_000 { yaml += String(repeating: " ", count: level + 2) + "- \n" }
    XCTAssertEqual(
      worklog(yaml),
      "clients/acme/weeks/2026-W48/worklog.yaml:33: nesting is deeper than 32 levels, the limit for Candor's YAML files"
    )
    let compact = "items:\n  " + String(repeating: "- ", count: 5_000) + "x\n"
    XCTAssertEqual(
      worklog(compact),
      "clients/acme/weeks/2026-W48/worklog.yaml:2: nesting is deeper than 32 levels, the limit for Candor's YAML files"
    )
  }

  func testYAMLAliasesAreRefused() {
    var yaml =
      "a: &a [\"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\", \"lol\"]\n"
    yaml +=
      "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\nitems:\n  - title: *c\n"
    XCTAssertEqual(
      worklog(yaml),
      "clients/acme/weeks/2026-W48/worklog.yaml:2: uses the alias '*a'; aliases are not accepted in Candor's YAML files (write the value out)"
    )
  }

  func testDuplicateYAMLKeyIsAnError() {
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "positive_label: failure", with: "positive_label: failure\n    positive_label: ok")
    XCTAssertEqual(
      clientYAML(yaml),
      "clients/acme/client.yaml:6: key 'positive_label' appears twice in one mapping; keep one")
  }

  // MARK: - YAML: strict keys and values

  func testMisspelledKeyNamesTheNearestKnownKey() {
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "primary_metric: recall", with: "primary_metric: recall\n    treshold: 0.4")
    XCTAssertEqual(
      clientYAML(yaml),
      "clients/acme/client.yaml:7: key 'tasks[0]': unknown key 'treshold' (did you mean 'threshold'?)"
    )
    // A misspelt key does not hide the task's other problems; a near-miss metric is named.
    let both = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "primary_metric: recall", with: "primary_metric: recal\n    treshold: 0.4")
    XCTAssertEqual(
      clientYAML(both).split(separator: "\n").map(String.init),
      [
        "clients/acme/client.yaml:7: key 'tasks[0]': unknown key 'treshold' (did you mean 'threshold'?)",
        "clients/acme/client.yaml:6: key 'tasks[0].primary_metric': unknown metric 'recal' (did you mean 'recall'?); expected one of accuracy, balanced_accuracy, precision, recall, f1, specificity, mcc, cohen_kappa, roc_auc, pr_auc, macro_f1, weighted_f1, macro_recall, brier_score, log_loss, top_2_accuracy",
      ])
    XCTAssertEqual(
      clientYAML(FixtureWorkspace.binaryClientYAML + "\nnmae: Acme\n"),
      "clients/acme/client.yaml:14: unknown key 'nmae' (did you mean 'name'?)")
    XCTAssertEqual(
      clientYAML(
        FixtureWorkspace.binaryClientYAML.replacingOccurrences(
          of: "role: test", with: "role: test\n    owner: me")),
      "clients/acme/client.yaml:11: key 'validation_sets[0]': unknown key 'owner'; expected one of id, description, role"
    )
    XCTAssertEqual(
      worklog("item:\n  - title: Features\n    horizon: short-term\n    status: shipped\n"),
      "clients/acme/weeks/2026-W48/worklog.yaml:1: unknown key 'item' (did you mean 'items'?)")
    XCTAssertEqual(
      worklog("items:\n  - title: Features\n    horizon: short-term\n    stauts: shipped\n"),
      "clients/acme/weeks/2026-W48/worklog.yaml:4: key 'items[0]': unknown key 'stauts' (did you mean 'status'?)"
    )
    // A key every letter of which would have to change is no typo: the known keys are listed.
    XCTAssertEqual(
      clientYAML(
        FixtureWorkspace.binaryClientYAML.replacingOccurrences(
          of: "role: test", with: "role: test\n    1: x")),
      "clients/acme/client.yaml:11: key 'validation_sets[0]': unknown key '1'; expected one of id, description, role"
    )
  }

  func testContractKeysNotImplementedYetAreRefusedNotIgnored() {
    // `score_kind` is implemented now: a misspelt value is refused, naming what is expected.
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "primary_metric: recall", with: "primary_metric: recall\n    score_kind: probabilty")
    XCTAssertEqual(
      clientYAML(yaml),
      "clients/acme/client.yaml:7: key 'tasks[0].score_kind': unknown score_kind 'probabilty'; expected probability"
    )
  }

  func testWorklogTargetIsAKnownKey() {
    XCTAssertEqual(
      worklog(
        "items:\n  - title: Features\n    horizon: long-term\n    status: planned\n    target: {task: engine-failure, metric: recall, value: 0.8}\n"
      ),
      "no error")
  }

  func testYAMLNumbersAreDecimalOnly() {
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "primary_metric: recall", with: "threshold: 0x10")
    XCTAssertEqual(
      clientYAML(yaml),
      "clients/acme/client.yaml:6: key 'tasks[0].threshold': expected a decimal number, found '0x10'"
    )
    for accepted in ["0.4", "1", "-0.5", "2.5e-1", ".5"] {
      let ok = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
        of: "primary_metric: recall", with: "threshold: \(accepted)")
      XCTAssertEqual(clientYAML(ok), "no error", accepted)
    }
    for refused in ["0o17", "1_000", ".inf", "nan", "1e", "0b1"] {
      let bad = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
        of: "primary_metric: recall", with: "threshold: \(refused)")
      XCTAssertEqual(
        clientYAML(bad),
        "clients/acme/client.yaml:6: key 'tasks[0].threshold': expected a decimal number, found '\(refused)'"
      )
    }
  }

  func testEmptyPositiveLabelIsRefusedAtClientYAML() {
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "positive_label: failure", with: "positive_label: \"\"")
    XCTAssertEqual(
      clientYAML(yaml),
      "clients/acme/client.yaml:5: key 'tasks[0].positive_label': is empty; name the class the client cares about"
    )
  }

  /// A direction override in a name reverses Candor's own words after it (headings, the
  /// email's subject) and a line break splits the subject: both refused where written; a
  /// description may span lines, and right-to-left text without controls is fine.
  func testDirectionControlsAndLineBreaksInNamesAreRefused() {
    func named(_ name: String) -> String {
      clientYAML(
        FixtureWorkspace.binaryClientYAML.replacingOccurrences(
          of: "name: Acme Motors", with: "name: \(name)"))
    }
    XCTAssertEqual(
      named("\"Ridgeline \\u202ESavings Bank\""),
      "clients/acme/client.yaml:1: key 'name': holds the text-direction control U+202E, which would reverse the report's own words around it; remove it (right-to-left text needs none)"
    )
    XCTAssertEqual(
      named("\"Acme\\nBcc: victim@x.example\""),
      "clients/acme/client.yaml:1: key 'name': holds a line break; a name is one line")
    XCTAssertEqual(named("شركة أكمي"), "no error")
    XCTAssertEqual(
      clientYAML(
        FixtureWorkspace.binaryClientYAML.replacingOccurrences(
          of: "description: Frozen test set", with: "description: \"Frozen test set,\\nkept apart\""
        )),
      "no error")
  }

  /// `positive_label: null` (or `~`, or nothing) is neither a multiclass task nor the class "null".
  func testNullPositiveLabelIsRefusedNotGuessed() {
    for written in ["null", "~", ""] {
      let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
        of: "positive_label: failure", with: "positive_label: \(written)")
      XCTAssertEqual(
        clientYAML(yaml),
        "clients/acme/client.yaml:5: key 'tasks[0].positive_label': has no value; write the class the client cares about (in quotes if it is \"null\" or \"~\"), or leave the key out for a multiclass task",
        written)
    }
    let quoted = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "positive_label: failure", with: "positive_label: \"null\"")
    XCTAssertEqual(clientYAML(quoted), "no error", "a quoted null is the class named 'null'")
  }

  /// Two Unicode spellings of one name ("café" with é as one code point, or e and a combining
  /// accent) are refused wherever they meet, never merged and never taken as two classes.
  func testTwoSpellingsOfOneClassAreRefused() {
    let composed = "caf\u{E9}"
    let decomposed = "cafe\u{301}"
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "positive_label: failure",
      with: "positive_label: \"\(composed)\"\n    classes: [\"\(composed)\", \"\(decomposed)\"]")
    XCTAssertEqual(
      clientYAML(yaml),
      "clients/acme/client.yaml:6: key 'tasks[0].classes': lists one class in two Unicode spellings (the same letters, different bytes); write it one way"
    )
    let file = error {
      $0.binaryClient(files: [
        "\(self.evaluations)/holdout.csv":
          "label,prediction\n\(composed),\(composed)\nok,ok\n\(decomposed),ok\n"
      ])
      $0.write(
        "clients/acme/client.yaml",
        FixtureWorkspace.binaryClientYAML.replacingOccurrences(
          of: "positive_label: failure", with: "positive_label: \"\(composed)\""))
    }
    XCTAssertEqual(
      file,
      "clients/acme/\(evaluations)/holdout.csv:4: column 'label': '\(decomposed)' is another Unicode spelling of the class '\(composed)' (the same letters, different bytes: U+63 U+61 U+66 U+65 U+301 against U+63 U+61 U+66 U+E9); write the class one way in every file"
    )
  }

  func testYAMLEncodingErrorsNameTheLine() {
    XCTAssertEqual(
      clientYAML(FixtureWorkspace.binaryClientYAML + "\nnote: a\u{01}b\n"),
      "clients/acme/client.yaml:14: contains the control character U+0001 (YAML allows tabs and line breaks only)"
    )
    var bytes = Data((FixtureWorkspace.binaryClientYAML + "\nnote: ").utf8)
    bytes.append(contentsOf: [0xFF, 0x0A])
    XCTAssertEqual(
      error {
        $0.binaryClient(files: [:])
        $0.write("clients/acme/client.yaml", bytes)
      },
      "clients/acme/client.yaml:14: is not valid UTF-8 on this line")
  }

  // MARK: - Files that are not files

  func testFIFONamedLikeAnInputIsRefusedWithoutBlocking() throws {
    for name in ["holdout.csv", "holdout.counts.json"] {
      let message = error { workspace in
        workspace.binaryClient(files: [:])
        let folder = workspace.path("clients/acme/\(self.evaluations)")
        try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        XCTAssertEqual(mkfifo(folder + "/" + name, 0o644), 0)
      }
      XCTAssertEqual(
        message,
        "clients/acme/\(evaluations)/\(name): is a FIFO (named pipe), not a regular file; refused")
    }
    let message = error { workspace in
      workspace.binaryClient(files: ["\(self.evaluations)/holdout.csv": "label,prediction\nok,ok\n"]
      )
      try! FileManager.default.createDirectory(
        atPath: workspace.path("clients/acme/weeks/2026-W48"), withIntermediateDirectories: true)
      XCTAssertEqual(mkfifo(workspace.path("clients/acme/weeks/2026-W48/worklog.yaml"), 0o644), 0)
    }
    XCTAssertEqual(
      message,
      "clients/acme/weeks/2026-W48/worklog.yaml: is a FIFO (named pipe), not a regular file; refused"
    )
  }

  func testCharacterDeviceNamedLikeAnInputIsRefused() throws {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: [:])
    let folder = workspace.path("clients/acme/\(evaluations)")
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    // The numbers of /dev/zero; creating a device needs privileges.
    guard mknod(folder + "/recent.csv", S_IFCHR | 0o644, dev_t(1 << 8 | 5)) == 0 else {
      throw XCTSkip("mknod needs root")
    }
    let opened = try ClientWorkspace.open(try Workspace(path: workspace.root), id: "acme")
    XCTAssertThrowsError(try opened.load(opened.weeks[0])) { error in
      XCTAssertEqual(
        (error as? InputErrors)?.errors.map(\.description),
        [
          "clients/acme/\(self.evaluations)/recent.csv: is a character device, not a regular file; refused"
        ])
    }
  }

  func testSocketAndFIFOClientYAMLAreRefusedByWhatTheyAre() throws {
    let socketMessage = error { workspace in
      workspace.binaryClient(files: [:])
      let folder = workspace.path("clients/acme/\(self.evaluations)")
      try! FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      XCTAssertTrue(Self.bindSocket(at: folder + "/holdout.csv"))
    }
    // open() fails on a socket (ENXIO); the message says what the file is, not the errno.
    XCTAssertEqual(
      socketMessage,
      "clients/acme/\(evaluations)/holdout.csv: is a socket, not a regular file; refused")
    let fifoMessage = error { workspace in
      workspace.binaryClient(files: [:])
      try! FileManager.default.removeItem(atPath: workspace.path("clients/acme/client.yaml"))
      XCTAssertEqual(mkfifo(workspace.path("clients/acme/client.yaml"), 0o644), 0)
    }
    XCTAssertEqual(
      fifoMessage, "clients/acme/client.yaml: is a FIFO (named pipe), not a regular file; refused")
  }

  /// A Unix-domain socket at `path`: bound at a short path (a socket address holds 107 bytes)
  /// and moved into place; the descriptor stays open until the test process ends.
  static func bindSocket(at path: String) -> Bool {
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { return false }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let short =
      NSTemporaryDirectory() + "candor-socket-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    let bytes = Array(short.utf8)
    guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else { return false }
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
      for (index, byte) in bytes.enumerated() { raw[index] = byte }
    }
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) == 0
      }
    }
    return bound && rename(short, path) == 0
  }

  // MARK: - CSV limits and line endings

  func testFieldAndRecordSizeLimits() {
    let file = "clients/acme/\(evaluations)/holdout.csv"
    XCTAssertEqual(
      csv("label,prediction\nok," + String(repeating: "x", count: 1 << 21) + "\n"),
      "\(file):2: field 2: is longer than 1 MiB, the limit for one field")
    let unclosed = "label,prediction\nok,\"" + String(repeating: "x\n", count: 1 << 20)
    XCTAssertEqual(
      csv(unclosed), "\(file):2: field 2: is longer than 1 MiB, the limit for one field")
    let wide =
      "label,prediction\n"
      + String(repeating: String(repeating: "y", count: 1000) + ",", count: 5000) + "ok\n"
    XCTAssertEqual(
      csv(wide),
      "\(file):2: the record starting on this line is longer than 4 MiB, the limit for one record")
    // 10,000 fields are read (then refused for not matching the header); 10,001 are not read.
    XCTAssertEqual(
      csv("label,prediction\n" + String(repeating: ",", count: 9_999) + "\n"),
      "\(file):2: field 3: has no column in the header; this row has 10000 fields, the header 2 columns"
    )
    XCTAssertEqual(
      csv("label,prediction\n" + String(repeating: ",", count: 10_000) + "\n"),
      "\(file):2: the record starting on this line has more than 10000 fields, the limit for one record"
    )
  }

  func testCarriageReturnOnlyLineEndingsAreRefusedClearly() {
    XCTAssertEqual(
      csv("label,prediction\rok,ok\rfailure,ok\r"),
      "clients/acme/\(evaluations)/holdout.csv:1: has a carriage return (\\r) that does not end a line with \\r\\n; lines must end in \\n or \\r\\n (convert old Mac line endings, or quote the field)"
    )
    XCTAssertEqual(
      csv("label,prediction\r\nok,\"o\rk\"\r\n"),
      "clients/acme/\(evaluations)/holdout.csv:2: column 'prediction': 'o\\rk' holds the control character U+000D; a class name is text a report shows, so remove it"
    )
  }

  // MARK: - Segments

  func testSegmentWorkIsBounded() {
    var many = "label,prediction,segment\n"
    for index in 0...1_000 { many += "ok,ok,s\(index)\n" }
    XCTAssertEqual(
      csv(many),
      "clients/acme/\(evaluations)/holdout.csv:1002: column 'segment': 's1000' is one segment too many: a file may hold at most 1000 distinct segments"
    )

    let multiclass =
      "name: M\ntasks:\n  - id: kind\nvalidation_sets:\n  - id: holdout\n    role: test\n"
    // 250 classes, one example per segment: 1 filled cell + 2 of the prior + 250 per segment.
    func segments(_ count: Int) -> String {
      var rows = "label,prediction,segment\n"
      for index in 0..<count { rows += "c\(index % 250),c\(index % 250),s\(index)\n" }
      return rows
    }
    let message = error {
      $0.write("clients/acme/client.yaml", multiclass)
      $0.write("clients/acme/weeks/2026-W48/evaluations/kind/holdout.csv", segments(396))
    }
    XCTAssertEqual(
      message,
      "clients/acme/weeks/2026-W48/evaluations/kind/holdout.csv: column 'segment': 396 segments of 250 classes need 100188 segment cells; Candor analyses at most 100000 per file (each segment's filled cells, the prior's and one per class)"
    )
    // One segment fewer is within the bound (395 × 253 = 99,935 cells).
    let within = error {
      $0.write("clients/acme/client.yaml", multiclass)
      $0.write("clients/acme/weeks/2026-W48/evaluations/kind/holdout.csv", segments(395))
    }
    XCTAssertEqual(within, "no error")
  }

  // MARK: - Messages

  func testQuotedValuesAreCutAndControlCharactersEscaped() {
    let label = "bad\u{1B}[31m\u{00}" + String(repeating: "z", count: 200)
    let message = csv("label,prediction\nok,ok\n\(label),ok\n")
    XCTAssertEqual(
      message,
      "clients/acme/\(evaluations)/holdout.csv:3: column 'label': '\("bad\\u{1B}[31m\\u{0}" + String(repeating: "z", count: 71))…' holds the control character U+001B; a class name is text a report shows, so remove it"
    )
    XCTAssertFalse(message.contains("\u{1B}"))
  }
}

/// An empty week is refused rather than reported as a week with no sets.
final class EmptyWeekTests: XCTestCase {
  func testEmptyWeekFolderIsAnError() throws {
    let workspace = FixtureWorkspace()
    workspace.binaryClient(files: [
      "weeks/2026-W47/evaluations/engine-failure/holdout.csv": "label,prediction\nok,ok\n"
    ])
    try FileManager.default.createDirectory(
      atPath: workspace.path("clients/acme/weeks/2026-W48/evaluations"),
      withIntermediateDirectories: true)
    let client = try ClientWorkspace.open(try Workspace(path: workspace.root), id: "acme")
    XCTAssertThrowsError(try client.load(client.weeks.last!)) { error in
      XCTAssertEqual(
        (error as? InputErrors)?.errors.map(\.description),
        [
          "clients/acme/weeks/2026-W48: holds no evaluation files; expected evaluations/<task-id>/<set-id>.csv or .counts.json"
        ])
    }
    XCTAssertNoThrow(try client.load(client.weeks.first!))
  }
}
