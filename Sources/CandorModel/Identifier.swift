/// The rule for client, task and set ids: `[a-z0-9][a-z0-9_-]{0,63}`.
///
/// Ids become folder and file names in the output, so anything that could escape a folder
/// (dots, slashes) or collide on a case-insensitive disk (upper case) is refused.
public enum Identifier {
  public static func isValid(_ name: String) -> Bool {
    let bytes = Array(name.utf8)
    guard (1...64).contains(bytes.count) else { return false }
    for (offset, byte) in bytes.enumerated() {
      let lowerOrDigit = (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
      if offset == 0 ? !lowerOrDigit : !(lowerOrDigit || byte == 0x5F || byte == 0x2D) {
        return false
      }
    }
    return true
  }

  /// The explanation appended to every refusal, so users learn the rule once.
  public static let rule =
    "names must match [a-z0-9][a-z0-9_-]{0,63} (lower-case letters, digits, '-' and '_')"
}
