import CandorIngest
import CandorModel

/// The column names ML pipelines write, by the contract column they stand for: what
/// `candor add` and `candor check` recognise in a header.
public enum ColumnNames {
  /// Names (compared without regard to case) that mean each contract column.
  public static let known: [ContractColumn: [String]] = [
    .label: ["label", "y_true", "target", "actual", "truth"],
    .prediction: ["prediction", "y_pred", "pred", "predicted"],
    .score: ["score", "proba", "probability", "y_score"],
    .id: ["id", "row_id"],
    .segment: ["segment"],
  ]

  /// Prefixes of one-score-per-class columns (`proba_benign`); `class_` takes the class's
  /// position in class order (`class_0`), the others its name.
  public static let classPrefixes = ["proba_", "prob_", "p_", "class_"]

  /// The header name pandas gives its index: empty when written by `to_csv()`, `Unnamed: 0`
  /// when such a file was read and written again.
  public static func isPandasIndex(_ name: String) -> Bool {
    name.isEmpty || name == "Unnamed: 0"
  }

  /// Header columns that look like `column` by name.
  static func candidates(for column: ContractColumn, in header: [String]) -> [String] {
    let names = known[column] ?? []
    return header.filter { names.contains($0.lowercased()) }
  }
}
