extension HTML {
  /// Escapes text for a double-quoted CSS string inside <style>: anything but plain ASCII
  /// letters, digits, spaces and harmless punctuation becomes a `\HEX ` escape, so client text
  /// can neither end the string nor the style element.
  public static func cssString(_ text: String) -> String {
    var out = ""
    for scalar in text.unicodeScalars {
      if scalar.isASCII,
        scalar.properties.isAlphabetic || ("0"..."9").contains(Character(scalar))
          || " .,:;-_()!?/+=".unicodeScalars.contains(scalar)
      {
        out.unicodeScalars.append(scalar)
      } else {
        out += "\\" + String(scalar.value, radix: 16) + " "
      }
    }
    return out
  }
}
