/// The classes of one task, shared by all its files of one week, so that a binary task's
/// third value is caught wherever it first appears.
///
/// Classes get internal indices in order of first appearance (declared ones first);
/// `displayOrder()` gives the order reports use.
import Foundation

package final class ClassUniverse {
  /// Classes per task, declared in `classes:` or seen in the files.
  package static let maxClasses = 255

  package let task: TaskConfig
  package private(set) var names: [String] = []
  private var nameBytes: [[UInt8]] = []
  private let isClosed: Bool
  /// A binary task's negative class, named before any file showed it (score-only rows).
  private var placeholder: Int?
  /// Values read as a whole-number class (`1.0` as `1`), so repeated cells match without parsing.
  private var aliasBytes: [[UInt8]] = []
  private var aliasIndex: [Int] = []
  /// In a task without `classes:`, the first value read as a whole number (`1.0` as `1`): the
  /// classes are then whole numbers, and a value that is not one is refused, not guessed at.
  private var readAsInteger: (cell: String, integer: String)?

  package init(task: TaskConfig) {
    self.task = task
    isClosed = task.classes != nil
    if let declared = task.classes {
      declared.forEach(register)
    } else if let positive = task.positiveLabel {
      register(positive)
    }
  }

  private func register(_ name: String) {
    names.append(name)
    nameBytes.append(Array(name.utf8))
  }

  /// The index of a class written as `bytes`; registers a new one where the task allows it.
  /// Throws a reason (without place) when the value is not a class of the task.
  ///
  /// Contract 1.1: when every class is a whole number written in decimal (`0`, `1`, `-1`), the
  /// same number with a zero fraction (`1.0`, `7.00`, as pandas writes integer columns holding
  /// a missing value) is that class. Checked only after the exact match fails. `decimal` is
  /// the file's decimal mark (`1,0` in a file read with `csv: {decimal: ","}`).
  package func index(of bytes: UnsafeBufferPointer<UInt8>, decimal: UInt8 = UInt8(ascii: "."))
    throws(ClassError) -> Int
  {
    for index in nameBytes.indices where sameBytes(nameBytes[index], bytes) {
      return index
    }
    for alias in aliasBytes.indices where sameBytes(aliasBytes[alias], bytes) {
      return aliasIndex[alias]
    }
    guard let name = String(validating: bytes, as: UTF8.self) else { throw .invalidUTF8 }
    if name.isEmpty { throw .empty }
    if let integer = Self.integerPart(ofZeroFraction: Array(bytes), decimal: decimal),
      classesAreIntegers
    {
      let integerName = String(decoding: integer, as: UTF8.self)
      var index = names.firstIndex(of: integerName)
      if index == nil, !isClosed,
        placeholder != nil || names.count < (task.isBinary ? 2 : Self.maxClasses)
      {
        index = try add(integerName, bytes: integer)
      }
      if let index {
        aliasBytes.append(Array(bytes))
        aliasIndex.append(index)
        if !isClosed, readAsInteger == nil { readAsInteger = (name, integerName) }
        return index
      }
    }
    // Bytes differ (the exact match failed) but the text is the same to String comparison:
    // another Unicode spelling of a known class, which the rest of Candor could not tell apart.
    if let known = names.first(where: { $0 == name }) { throw .otherSpelling(name, of: known) }
    if isClosed {
      throw .notDeclared(name, names)
    }
    return try add(name, bytes: Array(bytes))
  }

  /// A value new to a task without `classes:`: names the placeholder or becomes a class.
  private func add(_ name: String, bytes: [UInt8]) throws(ClassError) -> Int {
    if let control = name.unicodeScalars.first(where: TerminalSafe.isControl) {
      throw .controlCharacter(name, control)
    }
    if let positive = task.positiveLabel, names.count == 2, placeholder == nil {
      throw .thirdBinaryClass(name, positive: positive, other: names.first { $0 != positive }!)
    }
    if names.count >= Self.maxClasses, placeholder == nil { throw .tooMany }
    if let (cell, integer) = readAsInteger, !Self.isInteger(bytes) {
      throw .notWholeNumber(name, cell: cell, integer: integer)
    }
    if let index = placeholder {
      // The first real negative value names the class the threshold already used.
      names[index] = name
      nameBytes[index] = bytes
      placeholder = nil
      return index
    }
    register(name)
    return names.count - 1
  }

  /// Whether every class so far (all declared ones, or those seen) is a whole number.
  private var classesAreIntegers: Bool {
    nameBytes.indices.allSatisfy { $0 == placeholder || Self.isInteger(nameBytes[$0]) }
  }

  /// A whole number in plain decimal: `0`, `7`, `-12`; no sign `+`, no leading zeros, no `-0`.
  package static func isInteger(_ bytes: [UInt8]) -> Bool {
    var digits = bytes[...]
    if digits.first == UInt8(ascii: "-") { digits = digits.dropFirst() }
    guard let first = digits.first, digits.allSatisfy({ $0 >= 48 && $0 <= 57 }) else {
      return false
    }
    if first == UInt8(ascii: "0") { return digits.count == 1 && bytes.count == 1 }
    return true
  }

  /// `"7"` for `"7.0"`: `integerPart(ofZeroFraction:)` as text.
  package static func integerName(ofZeroFraction name: String, decimal: UInt8) -> String? {
    integerPart(ofZeroFraction: Array(name.utf8), decimal: decimal).map {
      String(decoding: $0, as: UTF8.self)
    }
  }

  /// `7` for `7.0` or `7.00`: a whole number followed by a fraction of zeros; else nil.
  package static func integerPart(ofZeroFraction bytes: [UInt8], decimal: UInt8 = UInt8(ascii: "."))
    -> [UInt8]?
  {
    guard let dot = bytes.firstIndex(of: decimal) else { return nil }
    let fraction = bytes[(dot + 1)...]
    guard !fraction.isEmpty, fraction.allSatisfy({ $0 == UInt8(ascii: "0") }) else { return nil }
    let integer = Array(bytes[..<dot])
    return isInteger(integer) ? integer : nil
  }

  /// The classes known now, for a reader on another thread that must not learn new ones.
  package struct Snapshot: Sendable {
    /// Names and whole-number aliases with their indices, in the order `index(of:)` tries
    /// them; without the placeholder, whose name the next real negative value replaces.
    let known: [(bytes: [UInt8], index: Int)]
    /// What `negativeIndex()` answers without inventing a class; nil when it would.
    package let negative: Int?

    package func index(of bytes: UnsafeBufferPointer<UInt8>) -> Int? {
      known.first { sameBytes($0.bytes, bytes) }?.index
    }
  }

  package func snapshot() -> Snapshot {
    let named = nameBytes.indices.filter { $0 != placeholder }.map { (nameBytes[$0], $0) }
    let aliases = aliasBytes.indices.map { (aliasBytes[$0], aliasIndex[$0]) }
    return Snapshot(
      known: named + aliases,
      negative: names.firstIndex { $0 != task.positiveLabel })
  }

  /// The index of the binary task's negative class, inventing a name if no file showed one.
  /// Asked on every score-only row below the threshold, so it is kept once found: classes are
  /// only ever added after it, and a placeholder is renamed in place.
  package func negativeIndex() -> Int {
    if let negative { return negative }
    if let index = names.firstIndex(where: { $0 != task.positiveLabel }) {
      negative = index
      return index
    }
    register("not \(task.positiveLabel ?? "positive")")
    placeholder = names.count - 1
    negative = placeholder
    return names.count - 1
  }
  private var negative: Int?

  /// Internal indices in display order: declared order; binary as [negative, positive];
  /// otherwise sorted by name so that weeks line up.
  package func displayOrder() -> [Int] {
    if task.classes != nil { return Array(names.indices) }
    if let positive = task.positiveLabel {
      let negative = negativeIndex()
      return [negative, names.firstIndex(of: positive)!]
    }
    return names.indices.sorted { names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8) }
  }
}

package enum ClassError: Error {
  case invalidUTF8
  case empty
  case tooMany
  case notDeclared(String, [String])
  case thirdBinaryClass(String, positive: String, other: String)
  case notWholeNumber(String, cell: String, integer: String)
  case otherSpelling(String, of: String)
  case controlCharacter(String, Unicode.Scalar)

  package var reason: String {
    switch self {
    case .invalidUTF8: "is not valid UTF-8"
    case .empty: "is empty; every row needs a class"
    case .tooMany:
      "is one class too many: Candor reports on at most \(ClassUniverse.maxClasses) classes per task"
    case .notDeclared(let name, let classes):
      "\(quoted(name)) is not one of the task's classes (\(classes.map(quoted).joined(separator: ", ")))"
    case .thirdBinaryClass(let name, let positive, let other):
      "\(quoted(name)) is a third class, but the task is binary and its files already hold \(quoted(other)) and \(quoted(positive)) (the positive class); if \(quoted(other)) is the stray value, classes: [\(name), \(positive)] in client.yaml makes it the error instead"
    case .otherSpelling(let name, let known):
      "\(quoted(name)) is another Unicode spelling of the class \(quoted(known)) (the same letters, different bytes: \(Self.codePoints(name)) against \(Self.codePoints(known))); write the class one way in every file"
    case .controlCharacter(let name, let control):
      "\(quoted(name)) holds the control character \(TerminalSafe.codePoint(control)); a class name is text a report shows, so remove it"
    case .notWholeNumber(let name, let cell, let integer):
      "\(quoted(name)) is not a whole number, but an earlier \(quoted(cell)) was read as the class \(quoted(integer)) (the task's classes were all whole numbers); list the task's classes: in client.yaml to read every value as written"
    }
  }
}

extension ClassError {
  /// `U+0063 U+0061 ...`: what tells two spellings apart, which no terminal shows.
  static func codePoints(_ text: String) -> String {
    text.unicodeScalars.prefix(24).map { "U+" + String($0.value, radix: 16, uppercase: true) }
      .joined(separator: " ")
  }
}

/// Byte equality without building an array (class names are compared on every row).
@inline(__always)
package func sameBytes(_ known: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
  guard known.count == bytes.count else { return false }
  guard let base = bytes.baseAddress else { return true }
  return known.withUnsafeBufferPointer { known in
    // Class names are short: compared in line, not by a call to memcmp for every cell.
    guard known.count <= 16 else { return memcmp(known.baseAddress!, base, known.count) == 0 }
    for index in 0..<known.count where known[index] != base[index] { return false }
    return true
  }
}
