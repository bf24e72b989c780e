import CandorTestSupport
import XCTest

@testable import CandorIngest
@testable import CandorModel
@testable import CandorWorkspace

/// Contract 1.1 `class_scores:` and `score_kind: probability`: one score column per class,
/// the predicted class from the highest score, and probabilities checked to lie in [0, 1].
final class ClassScoresTests: XCTestCase {
  let file = "clients/acme/weeks/2026-W48/evaluations/triage/holdout.csv"
  let binaryFile = "clients/acme/weeks/2026-W48/evaluations/engine-failure/holdout.csv"

  static func multiclassYAML(_ taskKeys: String) -> String {
    """
    name: Acme
    tasks:
      - id: triage
        classes: [cat, dog, fox]
    \(taskKeys.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
    validation_sets:
      - id: holdout
        role: test
    """
  }

  func load(_ csv: String, yaml: String, task: String = "triage") throws -> TaskEvaluation {
    let workspace = FixtureWorkspace()
    workspace.write("clients/acme/client.yaml", yaml)
    workspace.write("clients/acme/weeks/2026-W48/evaluations/\(task)/holdout.csv", csv)
    let client = try ClientWorkspace.open(try Workspace(path: workspace.root), id: "acme")
    return try client.load(client.weeks[0]).tasks[0]
  }

  func loadError(_ csv: String, yaml: String, task: String = "triage") -> String {
    LoadedTask.error { try load(csv, yaml: yaml, task: task) }
  }

  let scoresYAML = multiclassYAML("class_scores: \"proba_{class}\"\nscore_kind: probability")

  // MARK: - Accepted

  func testThePredictionIsTheHighestScoreWithTiesToTheFirstClass() throws {
    let csv = """
      label,proba_fox,proba_dog,proba_cat
      cat,0.1,0.2,0.7
      dog,0.2,0.4,0.4
      fox,0.5,0.5,0.0
      fox,0.125,0.75,0.125

      """
    let set = try load(csv, yaml: scoresYAML).sets[0]
    // Rows: cat→cat; dog tied cat/dog → cat (first in classes:); fox tied dog/fox → dog; fox→dog.
    XCTAssertEqual(set.matrix, [[1, 0, 0], [1, 0, 0], [0, 2, 0]])
    let scores = try XCTUnwrap(set.classScores)
    XCTAssertEqual(scores.classes, 3)
    XCTAssertEqual(scores.labels, [0, 1, 2, 2])
    // Stored in classes: order (cat, dog, fox), whatever the file's column order.
    XCTAssertEqual(Array(scores.scores[0..<3]), [0.7, 0.2, 0.1])
    XCTAssertNil(scores.idHashes)
  }

  func testAPredictionColumnStillDecidesWhereThereIsOne() throws {
    let csv = "label,prediction,proba_cat,proba_dog,proba_fox,id\ncat,fox,0.9,0.05,0.05,a\n"
    let set = try load(csv, yaml: scoresYAML).sets[0]
    XCTAssertEqual(set.matrix[0], [0, 0, 1])
    XCTAssertEqual(set.classScores?.idHashes?.count, 1)
  }

  func testScoresOutsideZeroToOneAreFineWithoutScoreKind() throws {
    let yaml = Self.multiclassYAML("class_scores: \"logit_{class}\"")
    let set = try load("label,logit_cat,logit_dog,logit_fox\ndog,-2.5,3.25,0\n", yaml: yaml).sets[0]
    XCTAssertEqual(set.matrix[1], [0, 1, 0])
  }

  // MARK: - Errors in files

  func testAMissingClassColumnIsNamedAsTheFileHasIt() {
    XCTAssertEqual(
      loadError("label,proba_cat,proba_fox\ncat,0.5,0.5\n", yaml: scoresYAML),
      "\(file):1: column 'proba_dog' (class_scores): is missing; class_scores: 'proba_{class}' needs one score column per class, here for 'dog'"
    )
  }

  func testAClassScoreThatIsNotANumber() {
    XCTAssertEqual(
      loadError("label,proba_cat,proba_dog,proba_fox\ncat,0.5,high,0.1\n", yaml: scoresYAML),
      "\(file):2: column 'proba_dog' (class_scores): 'high' is not a number")
    XCTAssertEqual(
      loadError("label,proba_cat,proba_dog,proba_fox\ncat,0.5,,0.1\n", yaml: scoresYAML),
      "\(file):2: column 'proba_dog' (class_scores): is empty; expected a number")
  }

  func testAProbabilityOutsideZeroToOneIsAnError() {
    XCTAssertEqual(
      loadError(
        "label,proba_cat,proba_dog,proba_fox\ncat,0.5,0.25,0.25\ndog,0.5,1.0000001,0\n",
        yaml: scoresYAML),
      "\(file):3: column 'proba_dog' (class_scores): '1.0000001' is outside [0, 1]; score_kind: probability declares the scores to be probabilities"
    )
    XCTAssertEqual(
      loadError("label,proba_cat,proba_dog,proba_fox\ncat,-0.0001,0.5,0.5\n", yaml: scoresYAML),
      "\(file):2: column 'proba_cat' (class_scores): '-0.0001' is outside [0, 1]; score_kind: probability declares the scores to be probabilities"
    )
    // The ends of [0, 1] are probabilities.
    XCTAssertEqual(
      loadError("label,proba_cat,proba_dog,proba_fox\ncat,1,0,0.0\n", yaml: scoresYAML),
      "no error")
  }

  func testABinaryProbabilityOutsideZeroToOneIsAnError() {
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "primary_metric: recall", with: "primary_metric: recall\n    score_kind: probability")
    XCTAssertEqual(
      loadError("label,score\nfailure,0.9\nok,1.5\n", yaml: yaml, task: "engine-failure"),
      "\(binaryFile):3: column 'score': '1.5' is outside [0, 1]; score_kind: probability declares the scores to be probabilities"
    )
    // Without score_kind a score is any number.
    XCTAssertEqual(
      loadError(
        "label,score\nfailure,0.9\nok,1.5\n", yaml: FixtureWorkspace.binaryClientYAML,
        task: "engine-failure"), "no error")
  }

  func testAMappedScoreColumnIsNamedAsTheFileHasIt() {
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "primary_metric: recall",
      with: "primary_metric: recall\n    score_kind: probability\n    columns: {score: p}")
    XCTAssertEqual(
      loadError("label,p\nfailure,2\n", yaml: yaml, task: "engine-failure"),
      "\(binaryFile):2: column 'p' (score): '2' is outside [0, 1]; score_kind: probability declares the scores to be probabilities"
    )
  }

  func testAnInfiniteClassScoreIsAnError() {
    XCTAssertEqual(
      loadError(
        "label,proba_cat,proba_dog,proba_fox\ncat,inf,0,0\n",
        yaml: Self.multiclassYAML("class_scores: \"proba_{class}\"")),
      "\(file):2: column 'proba_cat' (class_scores): 'inf' is not a finite number")
  }

  func testAClassColumnTwiceInTheHeader() {
    XCTAssertEqual(
      loadError("label,proba_cat,proba_dog,proba_fox,proba_dog\ncat,1,0,0,0\n", yaml: scoresYAML),
      "\(file):1: column 'proba_dog' (class_scores): appears twice in the header")
  }

  /// The scores matrix is bounded per file (2^25 cells); here a limit of 6 cells, 3 classes.
  func testTooManyClassScoresForOneFile() throws {
    let workspace = FixtureWorkspace()
    workspace.write("clients/acme/client.yaml", scoresYAML)
    let path = "weeks/2026-W48/evaluations/triage/holdout.csv"
    workspace.write(
      "clients/acme/" + path,
      "label,proba_cat,proba_dog,proba_fox\ncat,1,0,0\ndog,0,1,0\nfox,0,0,1\n")
    let client = try ClientWorkspace.open(try Workspace(path: workspace.root), id: "acme")
    var reader = PredictionsReader(
      folder: client.folder, path: path,
      universe: ClassUniverse(task: client.config.tasks[0]))
    reader.classScoreLimit = 6
    XCTAssertThrowsError(try reader.read()) { error in
      XCTAssertEqual(
        (error as? InputError)?.description,
        "\(file):4: holds more class scores than Candor keeps for one file: at most 6 (rows × classes)"
      )
    }
    reader.classScoreLimit = 9
    XCTAssertEqual(try reader.read().classScores?.rows, 3)
  }

  // MARK: - Errors in client.yaml

  func testClassScoresNeedsClassesAndAPlaceholder() {
    let noClasses = Self.multiclassYAML("class_scores: \"proba_{class}\"")
      .replacingOccurrences(of: "    classes: [cat, dog, fox]\n", with: "")
    XCTAssertEqual(
      loadError("label\ncat\n", yaml: noClasses),
      "clients/acme/client.yaml:4: key 'tasks[0].class_scores': needs classes: on the task, to name one score column per class"
    )
    XCTAssertEqual(
      loadError("label\ncat\n", yaml: Self.multiclassYAML("class_scores: proba")),
      "clients/acme/client.yaml:5: key 'tasks[0].class_scores': 'proba' contains neither {class} nor {index}; write the column name with {class} where the class name goes, e.g. \"proba_{class}\" (or {index} for its position in classes:, from 0)"
    )
  }

  func testClassScoresIsForMulticlassTasks() {
    let yaml = FixtureWorkspace.binaryClientYAML.replacingOccurrences(
      of: "primary_metric: recall", with: "primary_metric: recall\n    class_scores: \"p_{class}\"")
    XCTAssertEqual(
      loadError("label,score\nok,0.1\n", yaml: yaml, task: "engine-failure"),
      "clients/acme/client.yaml:7: key 'tasks[0].class_scores': is for multiclass tasks; a binary task (one with positive_label) reads its score from 'score'"
    )
  }

  func testAClassColumnMayNotBeAColumnTheTaskReads() {
    XCTAssertEqual(
      loadError(
        "label\ncat\n",
        yaml: Self.multiclassYAML("class_scores: \"{class}\"").replacingOccurrences(
          of: "[cat, dog, fox]", with: "[cat, label, fox]")),
      "clients/acme/client.yaml:5: key 'tasks[0].class_scores': the score column of class 'label' would be 'label', which is already a column the task reads"
    )
  }

  func testScoreKindOnAMulticlassTaskNeedsClassScores() {
    XCTAssertEqual(
      loadError(
        "label,prediction\ncat,cat\n", yaml: Self.multiclassYAML("score_kind: probability")),
      "clients/acme/client.yaml:5: key 'tasks[0].score_kind': a multiclass task's probabilities are its class_scores; add class_scores: (e.g. \"proba_{class}\") or remove score_kind"
    )
  }

  func testNewMetricsCannotBeThePrimaryMetric() {
    XCTAssertEqual(
      loadError(
        "label\ncat\n",
        yaml: Self.multiclassYAML("class_scores: \"p_{class}\"\nprimary_metric: top_2_accuracy")),
      "clients/acme/client.yaml:6: key 'tasks[0].primary_metric': 'top_2_accuracy' cannot be the primary metric; expected one of accuracy, balanced_accuracy, macro_f1, weighted_f1, macro_recall, mcc, cohen_kappa, roc_auc"
    )
  }

  /// A multiclass task reports ROC AUC (one against the rest) where it has each class's scores,
  /// so it may watch it (`roc_auc`, or scikit-learn's `roc_auc_ovr`); without them it is asked
  /// for the scores.
  func testRocAUCIsAMulticlassPrimaryOnlyWithClassScores() throws {
    let csv = "label,p_cat,p_dog,p_fox\ncat,0.7,0.2,0.1\ndog,0.2,0.5,0.3\nfox,0.1,0.3,0.6\n"
    for name in ["roc_auc", "roc_auc_ovr"] {
      let task = try load(
        csv, yaml: Self.multiclassYAML("class_scores: \"p_{class}\"\nprimary_metric: \(name)"))
      XCTAssertEqual(task.task.primaryMetric, .rocAUC)
    }
    XCTAssertEqual(
      loadError("label\ncat\n", yaml: Self.multiclassYAML("primary_metric: roc_auc")),
      "clients/acme/client.yaml:5: key 'tasks[0].primary_metric': 'roc_auc' needs each class's scores in a multiclass task: declare class_scores: (e.g. \"proba_{class}\"), or choose one of accuracy, balanced_accuracy, macro_f1, weighted_f1, macro_recall, mcc, cohen_kappa"
    )
  }
}
