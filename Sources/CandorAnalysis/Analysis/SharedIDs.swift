/// Examples present in two sets, matched by id: the one merge behind paired tests, the diff's
/// flipped examples and test-set overlap. Both sides are sorted by id hash (the readers sort
/// them), so one linear pass pairs them.
enum SharedIDs {
  /// Calls `body(i, j)` for every id at `a[i] == b[j]`, in hash order; returns how many matched.
  @discardableResult @inline(__always)
  static func forEach(_ a: [UInt64], _ b: [UInt64], _ body: (Int, Int) -> Void) -> Int {
    var i = 0
    var j = 0
    var matched = 0
    while i < a.count && j < b.count {
      if a[i] < b[j] {
        i += 1
      } else if b[j] < a[i] {
        j += 1
      } else {
        body(i, j)
        matched += 1
        i += 1
        j += 1
      }
    }
    return matched
  }

  /// How many ids the two sets share.
  static func count(_ a: [UInt64], _ b: [UInt64]) -> Int { forEach(a, b) { _, _ in } }

  /// Pairing is allowed only when the weeks hold (nearly) the same examples (90%); otherwise a
  /// paired test would judge a different set of examples than the reported change.
  static func pairable(_ matched: Int, _ a: Int, _ b: Int) -> Bool {
    matched > 0 && Double(matched) >= 0.9 * Double(max(a, b))
  }
}
