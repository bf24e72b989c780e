import CandorIngest
import CandorModel

/// One score column per class, found by name: `proba_<class>`, `prob_<class>`, `p_<class>`,
/// `<class>` when every class has a column of its own name, or `class_<i>` in class order.
struct ScoreGroup: Equatable {
  /// The `class_scores:` pattern: `{class}` for the class's name, `{index}` for its position.
  var pattern: String
  /// The classes, in the order of their columns in the file.
  var classes: [String]
  /// The score column of each class, in `classes` order.
  var columns: [String]

  /// The one group that covers every class seen; nil when none does. Two groups that both
  /// do are an ambiguity.
  static func find(
    in header: [String], classes seen: [String], taken: Set<String>, file: String
  ) throws -> ScoreGroup? {
    let integers = !seen.isEmpty && seen.allSatisfy { Int($0) != nil }
    let free = header.filter { !taken.contains($0) }
    var groups: [ScoreGroup] = []
    for prefix in ColumnNames.classPrefixes {
      let members = free.filter { $0.hasPrefix(prefix) && $0.count > prefix.count }
      guard !members.isEmpty else { continue }
      let suffixes = members.map { String($0.dropFirst(prefix.count)) }
      // A class absent this week still has its column; but `p_value` is no class of 0/1.
      // pandas names a float class's column `proba_1.0` (labels it read as floats, 1.0, are
      // the integer class 1): the pattern keeps the `.0`.
      let wholeFloats = suffixes.map { $0.hasSuffix(".0") ? String($0.dropLast(2)) : "" }
      if Set(seen).isSubset(of: suffixes), Set(suffixes).count == suffixes.count,
        !integers || suffixes.allSatisfy({ Int($0) != nil })
      {
        groups.append(
          ScoreGroup(pattern: prefix + "{class}", classes: suffixes, columns: members))
      } else if integers, wholeFloats.allSatisfy({ Int($0) != nil }),
        Set(seen).isSubset(of: wholeFloats), Set(wholeFloats).count == wholeFloats.count
      {
        groups.append(
          ScoreGroup(pattern: prefix + "{class}.0", classes: wholeFloats, columns: members))
      } else if prefix == "class_", suffixes == (0..<members.count).map(String.init),
        seen.count == members.count
      {
        groups.append(ScoreGroup(pattern: "class_{index}", classes: seen, columns: members))
      }
    }
    if seen.count >= 2, seen.allSatisfy(free.contains) {
      groups.append(ScoreGroup(pattern: "{class}", classes: seen, columns: seen))
    }
    guard groups.count <= 1 else {
      throw InputError(
        file: file, line: 1,
        "the score columns could be \(groups.map { "'\($0.pattern)'" }.joined(separator: " or ")); keep one set of per-class columns in the file"
          + (seen.count == 2
            ? ", or name the positive class's column with --score <column>" : "")
      )
    }
    return groups.first
  }
}
