/// The metric names of the contract, in the order reports show them.
public enum MetricName: String, CaseIterable, Sendable, Codable {
  case accuracy
  case balancedAccuracy = "balanced_accuracy"
  case precision, recall, f1, specificity
  case mcc
  case cohenKappa = "cohen_kappa"
  case rocAUC = "roc_auc"
  case prAUC = "pr_auc"
  case macroF1 = "macro_f1"
  case weightedF1 = "weighted_f1"
  case macroRecall = "macro_recall"
  /// Contract 1.1: from probabilities (`score_kind: probability`); lower is better.
  case brierScore = "brier_score"
  case logLoss = "log_loss"
  /// Contract 1.1: multiclass with `class_scores`, three or more classes.
  case top2Accuracy = "top_2_accuracy"

  /// A metric by Candor's name or by scikit-learn's scorer name (`f1_macro`, `neg_log_loss`),
  /// which is what a data scientist types; nil for neither.
  public init?(named name: String) {
    if let metric = MetricName(rawValue: name) ?? Self.scorerNames[name] {
      self = metric
    } else {
      return nil
    }
  }

  /// scikit-learn's scorer (and function) names, mapped to Candor's. A `neg_` scorer is the
  /// loss negated so that higher is better; Candor reports the loss itself, lower is better.
  public static let scorerNames: [String: MetricName] = [
    "f1_macro": .macroF1, "f1_weighted": .weightedF1, "recall_macro": .macroRecall,
    "average_precision": .prAUC, "roc_auc_ovr": .rocAUC, "neg_log_loss": .logLoss,
    "neg_brier_score": .brierScore, "matthews_corrcoef": .mcc, "cohen_kappa_score": .cohenKappa,
    "top_k_accuracy": .top2Accuracy, "balanced_accuracy_score": .balancedAccuracy,
    "accuracy_score": .accuracy, "f1_score": .f1, "precision_score": .precision,
    "recall_score": .recall, "roc_auc_score": .rocAUC, "average_precision_score": .prAUC,
    "brier_score_loss": .brierScore,
  ]

  /// Metrics every binary set carries (ranking metrics only where scores exist).
  public static let binary: [MetricName] = [
    .accuracy, .balancedAccuracy, .precision, .recall, .f1, .specificity, .mcc, .cohenKappa,
    .rocAUC, .prAUC,
  ]
  /// Metrics every multiclass set carries.
  public static let multiclass: [MetricName] = [
    .accuracy, .balancedAccuracy, .macroF1, .weightedF1, .macroRecall, .mcc, .cohenKappa,
  ]

  /// Metrics computed from each example's scores rather than the confusion matrix (and not
  /// yet accepted as a task's primary metric).
  public static let scoreDerived: [MetricName] = [.brierScore, .logLoss, .top2Accuracy]

  /// Every metric this task can report: what a worklog target may name. A binary task's
  /// ranking metrics depend on a file's score column, known only per file, so they count.
  public static func reported(by task: TaskConfig) -> [MetricName] {
    let probabilities: [MetricName] = task.scoresAreProbabilities ? [.brierScore, .logLoss] : []
    guard !task.isBinary else { return Self.binary + probabilities }
    guard task.classScores != nil else { return Self.multiclass }
    let topTwo: [MetricName] = (task.classes?.count ?? 0) >= 3 ? [.top2Accuracy] : []
    return Self.multiclass + [.rocAUC] + topTwo + probabilities
  }

  /// The values the metric can take: MCC and kappa from −1, log loss without an upper bound.
  public var possibleValues: ClosedRange<Double> {
    switch self {
    case .mcc, .cohenKappa: -1...1
    case .logLoss: 0...Double.greatestFiniteMagnitude
    default: 0...1
    }
  }

  /// `possibleValues` in words, for a message.
  public var possibleValuesText: String {
    switch self {
    case .mcc, .cohenKappa: "a number from -1 to 1"
    case .logLoss: "a number of at least 0"
    default: "a number from 0 to 1 (0.8 for 80%)"
    }
  }

  /// Losses: a drop is an improvement.
  public var lowerIsBetter: Bool { self == .brierScore || self == .logLoss }

  /// A client-facing name, e.g. "balanced accuracy".
  public var displayName: String {
    switch self {
    case .accuracy: "accuracy"
    case .balancedAccuracy: "balanced accuracy"
    case .precision: "precision"
    case .recall: "recall"
    case .f1: "F1 score"
    case .specificity: "specificity"
    case .mcc: "Matthews correlation (MCC)"
    case .cohenKappa: "Cohen's kappa"
    case .rocAUC: "ROC AUC"
    case .prAUC: "average precision (PR AUC)"
    case .macroF1: "macro F1"
    case .weightedF1: "weighted F1"
    case .macroRecall: "macro recall"
    case .brierScore: "Brier score"
    case .logLoss: "log loss"
    case .top2Accuracy: "top-2 accuracy"
    }
  }
}

extension MetricName {
  /// " (did you mean 'recall'?)" for a near miss such as `recal`; empty otherwise, and for a
  /// name too short for a near miss to mean much (`auc` is two letters from `mcc`).
  public static func didYouMean(_ raw: String) -> String {
    guard raw.count >= 4 else { return "" }
    return Suggestion.nearest(to: raw, in: allCases.map(\.rawValue) + scorerNames.keys.sorted())
      .map { " (did you mean \(quoted($0))?)" } ?? ""
  }
}
