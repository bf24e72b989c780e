import Foundation
import Yams

/// A thin reader over a Yams node tree that turns every problem into an `InputError`
/// naming the file, the line and the key.
///
/// Scalars are always read as the text written: `positive_label: 1` is the class "1"
/// and `yes` is "yes", as the contract requires; no YAML 1.1 boolean or number guessing.
struct YAMLNode {
    let node: Node
    let file: String
    let key: String

    var line: Int? { node.mark?.line }

    static func parse(_ data: Data, file: String) throws -> YAMLNode {
        guard let text = String(data: data, encoding: .utf8) else {
            throw InputError(file: file, "is not valid UTF-8")
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw InputError(file: file, "is empty")
            }
            return YAMLNode(node: node, file: file, key: "")
        } catch let error as YamlError {
            throw InputError(file: file, line: yamlLine(error), "is not valid YAML: \(yamlProblem(error))")
        }
    }

    func error(_ reason: String) -> InputError {
        InputError(file: file, line: line, field: key.isEmpty ? nil : "key '\(key)'", reason)
    }

    private var isNull: Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// The child under `name`, or nil when absent or written as null.
    func optional(_ name: String) throws -> YAMLNode? {
        guard case .mapping(let mapping) = node else {
            throw error("expected a mapping of keys to values")
        }
        for (keyNode, value) in mapping where keyNode.string == name {
            let child = YAMLNode(node: value, file: file, key: key.isEmpty ? name : "\(key).\(name)")
            return child.isNull ? nil : child
        }
        return nil
    }

    func required(_ name: String) throws -> YAMLNode {
        guard let child = try optional(name) else {
            let path = key.isEmpty ? name : "\(key).\(name)"
            throw InputError(file: file, line: line, field: "key '\(path)'", "is required but missing")
        }
        return child
    }

    /// The scalar's text exactly as written.
    func text() throws -> String {
        guard case .scalar(let scalar) = node else { throw error("expected a single value") }
        return scalar.string
    }

    func number() throws -> Double {
        let raw = try text()
        guard let value = Double(raw), value.isFinite else { throw error("expected a number, found \(quoted(raw))") }
        return value
    }

    func items() throws -> [YAMLNode] {
        guard case .sequence(let sequence) = node else { throw error("expected a list") }
        return sequence.enumerated().map { index, child in
            YAMLNode(node: child, file: file, key: "\(key)[\(index)]")
        }
    }

    func textList() throws -> [String] {
        try items().map { try $0.text() }
    }

    private static func yamlLine(_ error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        default:
            return nil
        }
    }

    private static func yamlProblem(_ error: YamlError) -> String {
        switch error {
        case .scanner(_, let problem, _, _), .parser(_, let problem, _, _), .composer(_, let problem, _, _):
            return problem
        case .reader(let problem, _, _, _):
            return problem
        default:
            return "\(error)"
        }
    }
}
