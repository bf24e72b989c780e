/// The classes of one task, shared by all its files of one week, so that a binary task's
/// third value is caught wherever it first appears.
///
/// Classes get internal indices in order of first appearance (declared ones first);
/// `displayOrder()` gives the order reports use.
import Foundation

final class ClassUniverse {
    let task: TaskConfig
    private(set) var names: [String] = []
    private var nameBytes: [[UInt8]] = []
    private let isClosed: Bool
    /// A binary task's negative class, named before any file showed it (score-only rows).
    private var placeholder: Int?

    init(task: TaskConfig) {
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
    func index(of bytes: UnsafeBufferPointer<UInt8>) throws(ClassError) -> Int {
        for index in nameBytes.indices where sameBytes(nameBytes[index], bytes) {
            return index
        }
        guard let name = String(validating: bytes, as: UTF8.self) else { throw .invalidUTF8 }
        if name.isEmpty { throw .empty }
        if isClosed {
            throw .notDeclared(name, names)
        }
        if let index = placeholder {
            // The first real negative value names the class the threshold already used.
            names[index] = name
            nameBytes[index] = Array(bytes)
            placeholder = nil
            return index
        }
        if names.count >= 255 { throw .tooMany }
        if let positive = task.positiveLabel, names.count == 2 {
            throw .thirdBinaryClass(name, positive: positive, other: names.first { $0 != positive }!)
        }
        register(name)
        return names.count - 1
    }

    /// The index of the binary task's negative class, inventing a name if no file showed one.
    func negativeIndex() -> Int {
        if let index = names.firstIndex(where: { $0 != task.positiveLabel }) { return index }
        register("not \(task.positiveLabel ?? "positive")")
        placeholder = names.count - 1
        return names.count - 1
    }

    /// Internal indices in display order: declared order; binary as [negative, positive];
    /// otherwise sorted by name so that weeks line up.
    func displayOrder() -> [Int] {
        if task.classes != nil { return Array(names.indices) }
        if let positive = task.positiveLabel {
            let negative = negativeIndex()
            return [negative, names.firstIndex(of: positive)!]
        }
        return names.indices.sorted { names[$0].utf8.lexicographicallyPrecedes(names[$1].utf8) }
    }
}

enum ClassError: Error {
    case invalidUTF8
    case empty
    case tooMany
    case notDeclared(String, [String])
    case thirdBinaryClass(String, positive: String, other: String)

    var reason: String {
        switch self {
        case .invalidUTF8: "is not valid UTF-8"
        case .empty: "is empty; every row needs a class"
        case .tooMany: "is one class too many: Candor reports on at most 255 classes per task"
        case let .notDeclared(name, classes):
            "\(quoted(name)) is not one of the task's classes (\(classes.map(quoted).joined(separator: ", ")))"
        case let .thirdBinaryClass(name, positive, other):
            "\(quoted(name)) is a third class, but the task is binary with classes \(quoted(other)) and \(quoted(positive))"
        }
    }
}

/// Byte equality without building an array (class names are compared on every row).
@inline(__always)
func sameBytes(_ known: [UInt8], _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard known.count == bytes.count else { return false }
    guard let base = bytes.baseAddress else { return true }
    return known.withUnsafeBufferPointer { memcmp($0.baseAddress!, base, bytes.count) == 0 }
}
