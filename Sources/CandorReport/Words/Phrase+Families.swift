import CandorAnalysis
import CandorModel

/// The catalogue entries chosen by a value rather than written at the call: each switch is
/// exhaustive, so a new metric, severity or status without its entry does not compile.
extension Phrase {
  /// "balanced accuracy": a metric's name.
  package static func metric(_ metric: MetricName) -> Phrase {
    switch metric {
    case .accuracy: .metric_accuracy
    case .balancedAccuracy: .metric_balanced_accuracy
    case .precision: .metric_precision
    case .recall: .metric_recall
    case .f1: .metric_f1
    case .specificity: .metric_specificity
    case .mcc: .metric_mcc
    case .cohenKappa: .metric_cohen_kappa
    case .rocAUC: .metric_roc_auc
    case .prAUC: .metric_pr_auc
    case .macroF1: .metric_macro_f1
    case .weightedF1: .metric_weighted_f1
    case .macroRecall: .metric_macro_recall
    case .brierScore: .metric_brier_score
    case .logLoss: .metric_log_loss
    case .top2Accuracy: .metric_top_2_accuracy
    }
  }

  /// A finding's severity as the appendix prints it.
  package static func severity(_ severity: Finding.Severity) -> Phrase {
    switch severity {
    case .info: .severity_info
    case .warning: .severity_warning
    case .critical: .severity_critical
    }
  }

  /// A task's status as the subject line, snippet and portfolio say it.
  package static func status(_ status: TaskStatus) -> Phrase {
    switch status {
    case .worse: .status_worse
    case .better: .status_better
    case .tooFewToTell: .status_tooFewToTell
    case .steady: .status_steady
    case .notCompared: .status_notCompared
    case .noData: .status_noData
    }
  }
}

/// A noun counted in the catalogue's singular and plural entries: "1 false alarm", "3 false alarms".
package struct CountedNoun: Sendable {
  let one: Phrase
  let many: Phrase

  package static let example = CountedNoun(one: .exampleOne, many: .exampleMany)
  package static let time = CountedNoun(one: .timeOne, many: .timeMany)
  package static let falseAlarm = CountedNoun(one: .falseAlarmOne, many: .falseAlarmMany)
  package static let comparison = CountedNoun(one: .comparisonOne, many: .comparisonMany)
  package static let measurement = CountedNoun(one: .measurementOne, many: .measurementMany)
  package static let moreItem = CountedNoun(one: .moreItemOne, many: .moreItemMany)
}
