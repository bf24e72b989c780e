import Foundation

/// The change a worklog note expects, in points, read from the team's own words (English or
/// German): the first sentence that names a number of points gives it, its leftmost such
/// number ("two points now, five once the sensors are in" expects 2; "2-3 points" expects 2),
/// and the sign word nearest that number in its sentence gives the sign ("fixes the drop of
/// October; should gain three points" expects +3, "expect a 3 point drop" −3, "soll um zwei
/// Prozentpunkte sinken" −2). A note with no number but "no (material) change" expects 0.
enum ExpectedChange {
  static func points(in text: String) -> Double? {
    for sentence in sentences(text) {
      let lower = sentence.lowercased()
      guard let (value, range, signed) = firstNumber(lower) else { continue }
      if let signed { return signed < 0 ? -value : value }
      return nearestSignIsLoss(lower, around: range) ? -value : value
    }
    let lower = text.lowercased()
    let unchanged = [
      "no material change", "no change", "keine wesentliche änderung", "keine änderung",
    ]
    return unchanged.contains(where: lower.contains) ? 0 : nil
  }

  /// The note cut at `;`, `!`, `?` and at a full stop that ends a sentence (followed by a space
  /// and a capital): "ca. zwei Punkte" and "approx. two points" stay whole.
  static func sentences(_ text: String) -> [String] {
    var result: [String] = []
    var current = ""
    let characters = Array(text)
    for (index, character) in characters.enumerated() {
      current.append(character)
      let ends =
        ";!?".contains(character)
        || character == "." && index + 2 < characters.count && characters[index + 1] == " "
          && characters[index + 2].isUppercase
      if ends {
        result.append(current)
        current = ""
      }
    }
    if !current.isEmpty { result.append(current) }
    return result
  }

  /// Number words the notes use instead of digits.
  static let numberWords: [(word: String, value: Double)] = [
    ("one", 1), ("two", 2), ("three", 3), ("four", 4), ("five", 5), ("ten", 10), ("einen", 1),
    ("ein", 1), ("zwei", 2), ("drei", 3), ("vier", 4), ("fünf", 5), ("zehn", 10),
  ]

  static let unit = #"\s*(percentage\s+points?|points?|prozentpunkte?n?|punkte?n?)\b"#

  /// The leftmost number of points in a lowercased sentence, where it is, and its own sign
  /// ("+2 points", "−1 point"); a range's lower end; not the idioms "at one point", "in one
  /// point" or a point announced ("one point to note:", "ein Punkt vorab:").
  static func firstNumber(_ text: String) -> (Double, Range<String.Index>, Double?)? {
    let words = numberWords.map(\.word).joined(separator: "|")
    let pattern =
      #"(?<![\w.,])([+\-−]?)(\d+(?:[.,]\d+)?)(?:\s*[-–]\s*\d+(?:[.,]\d+)?)?"# + unit + "|\\b("
      + words + ")" + unit
    guard let expression = try? NSRegularExpression(pattern: pattern) else { return nil }
    let whole = NSRange(text.startIndex..., in: text)
    for match in expression.matches(in: text, range: whole) {
      guard let range = Range(match.range, in: text) else { continue }
      if let digits = Range(match.range(at: 2), in: text) {
        let sign = Range(match.range(at: 1), in: text).map { String(text[$0]) } ?? ""
        guard let value = Double(text[digits].replacingOccurrences(of: ",", with: ".")) else {
          continue
        }
        return (value, range, sign.isEmpty ? nil : (sign == "+" ? 1 : -1))
      }
      guard let wordRange = Range(match.range(at: 4), in: text) else { continue }
      let before = text[..<range.lowerBound].split(whereSeparator: { !$0.isLetter }).last
      let after = text[range.upperBound...].prefix(12)
      if before == "at" || before == "in" || after.contains(":") {
        continue
      }
      let word = String(text[wordRange])
      guard let value = numberWords.first(where: { $0.word == word })?.value else { continue }
      return (value, range, nil)
    }
    return nil
  }

  static let lossWords = [
    "cost", "costs", "costing", "lose", "loses", "losing", "lost", "loss", "drop", "drops",
    "dropped", "dropping", "falls", "fell", "falling", "lower", "worse", "down", "kostet",
    "kosten", "verliert", "verlieren", "verlust", "sinkt", "sinken", "fällt", "fallen",
    "weniger", "niedriger", "schlechter",
  ]
  static let gainWords = [
    "gain", "gains", "gained", "rise", "rises", "rose", "raise", "raises", "improve",
    "improves", "improved", "add", "adds", "increase", "increases", "higher", "better", "more",
    "up", "steigt", "steigen", "hebt", "heben", "verbessert", "verbessern", "mehr", "höher",
    "besser", "gewinnt", "gewinnen",
  ]

  /// Whether the sign word nearest the number (before or after it, whole words only) says a
  /// loss; no sign word is a gain.
  static func nearestSignIsLoss(_ text: String, around number: Range<String.Index>) -> Bool {
    var nearest: (distance: Int, loss: Bool)?
    for word in text.split(whereSeparator: { !$0.isLetter }) {
      let loss = lossWords.contains(String(word))
      guard loss || gainWords.contains(String(word)) else { continue }
      let distance =
        word.endIndex <= number.lowerBound
        ? text.distance(from: word.endIndex, to: number.lowerBound)
        : word.startIndex >= number.upperBound
          ? text.distance(from: number.upperBound, to: word.startIndex) : 0
      if nearest == nil || distance < nearest!.distance { nearest = (distance, loss) }
    }
    return nearest?.loss ?? false
  }
}
