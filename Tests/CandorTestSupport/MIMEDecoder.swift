import Foundation

/// Just enough of a MIME reader to check what the writer wrote: unfolds headers, decodes
/// RFC 2047 B-words, quoted-printable and base64, and splits multiparts.
public enum MIMEDecoder {
  public struct Part {
    public var headers: [(String, String)]
    public var body: Data
    public func header(_ name: String) -> String? {
      headers.first { $0.0.lowercased() == name.lowercased() }?.1
    }
  }

  public static func split(_ message: String) -> (headers: [(String, String)], body: String) {
    let range = message.range(of: "\r\n\r\n")!
    let head = message[..<range.lowerBound].replacingOccurrences(of: "\r\n ", with: " ")
    let headers = head.components(separatedBy: "\r\n").map { line -> (String, String) in
      let colon = line.firstIndex(of: ":")!
      return (String(line[..<colon]), String(line[line.index(after: colon)...].dropFirst()))
    }
    return (headers, String(message[range.upperBound...]))
  }

  /// Every leaf part, decoded, depth first.
  public static func leaves(_ message: String) -> [Part] {
    let (headers, body) = split(message)
    let type = headers.first { $0.0 == "Content-Type" }?.1 ?? ""
    if type.hasPrefix("multipart/"), let start = type.range(of: "boundary=\"") {
      let boundary = type[start.upperBound...].prefix { $0 != "\"" }
      let pieces = body.components(separatedBy: "--\(boundary)")
      return pieces.dropFirst().dropLast().flatMap { piece in
        // "\r\n" is one Character: drop the line break after the delimiter and the one before the next.
        leaves(String(piece.dropFirst().dropLast()))
      }
    }
    let encoding = headers.first { $0.0 == "Content-Transfer-Encoding" }?.1
    let data: Data
    switch encoding {
    case "base64":
      data = Data(base64Encoded: body.replacingOccurrences(of: "\r\n", with: ""))!
    case "quoted-printable": data = quotedPrintable(body)
    default: data = Data(body.utf8)
    }
    return [Part(headers: headers, body: data)]
  }

  public static func quotedPrintable(_ text: String) -> Data {
    var out: [UInt8] = []
    let bytes = Array(text.replacingOccurrences(of: "=\r\n", with: "").utf8)
    var index = 0
    while index < bytes.count {
      if bytes[index] == UInt8(ascii: "="), index + 2 < bytes.count + 0,
        let value = UInt8(String(decoding: bytes[index + 1...index + 2], as: UTF8.self), radix: 16)
      {
        out.append(value)
        index += 3
      } else {
        out.append(bytes[index])
        index += 1
      }
    }
    return Data(out)
  }

  /// A header value with its encoded-words decoded (whitespace between two words dropped).
  public static func decodeWords(_ value: String) -> String {
    let pattern = /=\?UTF-8\?B\?([A-Za-z0-9+\/=]*)\?=/
    var text = value.replacing(/\?= =\?UTF-8\?B\?/) { _ in "?==?UTF-8?B?" }
    // Decode word by word; bytes of one character never span two words.
    text = text.replacing(pattern) { match in
      String(decoding: Data(base64Encoded: String(match.1))!, as: UTF8.self)
    }
    return text
  }
}
