import CandorReport

/// A catalogue phrase rendered once with markers where its values go, then filled by position:
/// a 250-class matrix's 62,500 cell tooltips cost one template rendering, not 62,500.
struct PhrasePattern: Sendable {
  /// Literal text, with a value's position after each piece but the last.
  private var pieces: [String] = [""]
  private var slots: [Int] = []

  init(_ words: Words, _ key: Phrase, names: [String]) {
    // Private-use characters as markers: a template's own text holds none.
    let markers = names.indices.map { Character(Unicode.Scalar(0xE000 + $0)!) }
    let rendered = words.phrase(
      key, Dictionary(uniqueKeysWithValues: zip(names, markers.map(String.init))))
    for character in rendered {
      if let slot = markers.firstIndex(of: character) {
        slots.append(slot)
        pieces.append("")
      } else {
        pieces[pieces.count - 1].append(character)
      }
    }
  }

  func fill(_ values: [String]) -> String {
    var out = pieces[0]
    for (index, slot) in slots.enumerated() { out += values[slot] + pieces[index + 1] }
    return out
  }
}
