/// Header fields as RFC 5322 wants them: at most 78 characters a line where the text allows,
/// folded with CRLF and a space, ASCII only; other text as RFC 2047 encoded-words.
public enum HeaderField {
  static let lineLimit = 78

  /// `Subject: …` and other free text: plain and folded at spaces when the text is printable
  /// ASCII, else UTF-8 encoded-words, one per line.
  public static func unstructured(_ name: String, _ value: String) -> String {
    let words = value.split(separator: " ", omittingEmptySubsequences: false)
    let plain =
      value.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && !value.contains("=?")
      && words.allSatisfy { $0.utf8.count + name.utf8.count + 2 <= lineLimit }
      && !value.hasPrefix(" ") && !value.hasSuffix(" ")
    let tokens = plain ? words.map(String.init) : encodedWords(value)
    return fold(name, tokens, separator: " ")
  }

  /// `From:`, `To:`, `Cc:`, `Reply-To:`: mailboxes separated by commas, folded between them.
  public static func addresses(_ name: String, _ list: [MailAddress]) -> String {
    var tokens: [String] = []
    for (index, mailbox) in list.enumerated() {
      let comma = index < list.count - 1 ? "," : ""
      if let display = mailbox.displayName {
        tokens += phrase(display)
        tokens.append("<\(mailbox.address)>" + comma)
      } else {
        tokens.append(mailbox.address + comma)
      }
    }
    return fold(name, tokens, separator: " ")
  }

  /// A display name: atoms as written, other ASCII as one quoted string, anything else as
  /// encoded-words (RFC 2047 section 5(3)), so no name can end the mailbox or the header.
  static func phrase(_ text: String) -> [String] {
    let atext = Set(
      "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~")
    let words = text.split(separator: " ")
    if !text.contains("=?"), words.allSatisfy({ $0.allSatisfy { atext.contains($0) } }),
      words.allSatisfy({ $0.utf8.count < lineLimit - 10 })
    {
      return words.map(String.init)
    }
    if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }), !text.contains("=?"),
      text.utf8.count < lineLimit - 12
    {
      let escaped = text.replacingOccurrences(of: "\\", with: "\\\\")
        .replacingOccurrences(of: "\"", with: "\\\"")
      return ["\"\(escaped)\""]
    }
    return encodedWords(text)
  }

  /// `=?UTF-8?B?…?=` words of at most 64 characters (RFC 2047 allows 75), so the first fits
  /// on the header's own line after `Reply-To: `; each holds whole characters (Unicode
  /// scalars), so every word decodes on its own.
  static func encodedWords(_ text: String) -> [String] {
    // 39 bytes of UTF-8 are 52 base64 characters, 64 with "=?UTF-8?B?" and "?=".
    let maxBytes = 39
    var words: [String] = []
    var chunk: [UInt8] = []
    for scalar in text.unicodeScalars {
      let bytes = Array(String(scalar).utf8)
      if chunk.count + bytes.count > maxBytes {
        words.append(encodedWord(chunk))
        chunk = []
      }
      chunk += bytes
    }
    if !chunk.isEmpty || words.isEmpty { words.append(encodedWord(chunk)) }
    return words
  }

  private static func encodedWord(_ bytes: [UInt8]) -> String {
    "=?UTF-8?B?" + Base64.encode(bytes) + "?="
  }

  /// `Name: token token …`, breaking lines before a token that would pass 78 characters.
  static func fold(_ name: String, _ tokens: [String], separator: String) -> String {
    var lines: [String] = []
    var line = name + ":"
    for token in tokens {
      if line.utf8.count + 1 + token.utf8.count > lineLimit && line.utf8.count > name.utf8.count + 1
      {
        lines.append(line)
        line = ""
      }
      line += separator + token
    }
    lines.append(line)
    return lines.joined(separator: "\r\n")
  }
}
