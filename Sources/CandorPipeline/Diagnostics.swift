import CandorModel
import Foundation

/// Writes problems to standard error, one per line, prefixed so they stand out in logs; control
/// characters are escaped so no message can drive the terminal.
public enum Diagnostics {
  package static func error(_ error: Error) {
    for line in lines(of: error) {
      FileHandle.standardError.write(Data("error: \(line)\n".utf8))
    }
  }

  public static func warning(_ text: String) {
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
      FileHandle.standardError.write(Data("warning: \(TerminalSafe.line(line))\n".utf8))
    }
  }

  /// An error as plain lines: its description, never Foundation's domain-and-code dump.
  public static func lines(of error: Error) -> [String] {
    let text: String
    if let described = (error as? LocalizedError)?.errorDescription {
      text = described
    } else if let cocoa = error as? CocoaError {
      let path = cocoa.filePath ?? cocoa.url?.path ?? "a file"
      let reason =
        (cocoa.underlying as? POSIXError).map { String(cString: strerror($0.code.rawValue)) }
        ?? "the file system refused"
      text = "\(path): \(reason)"
    } else {
      text = "\(error)"
    }
    return text.split(separator: "\n", omittingEmptySubsequences: false).map {
      TerminalSafe.line($0)
    }
  }
}

/// Paths compared by what they point to.
package enum Paths {
  /// The absolute path with `.`, `..` and symbolic links resolved as far as the path exists;
  /// the part that does not exist yet is appended as written.
  package static func resolved(_ path: String) -> String {
    let absolute =
      path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
    var result = ""
    for component in absolute.split(separator: "/") {
      switch component {
      case ".": continue
      case "..":
        result = (result as NSString).deletingLastPathComponent
        if result == "/" { result = "" }
      default:
        let next = result + "/" + component
        if let pointer = realpath(next, nil) {
          result = String(cString: pointer)
          free(pointer)
          if result == "/" { result = "" }
        } else {
          result = next
        }
      }
    }
    return result.isEmpty ? "/" : result
  }
}
