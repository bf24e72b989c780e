import Foundation

/// Bounds what a template can make the renderer do, before it runs.
///
/// swift-mustache parses and renders recursively and has no limit of its own: a partial that
/// includes itself, two partials that include each other, or thousands of nested sections
/// overflow the stack, and twenty nested `{{#tasks}}` take minutes. So every template text is
/// scanned first, without recursion (set-delimiter tags honoured): nesting deeper than
/// `maxDepth` and dynamic partials are refused at once; partial cycles are refused when the
/// library is assembled; and before each rendering the output's size is bounded from the view
/// model (the longest list and the longest text under each name) and refused beyond
/// `maxOutputBytes`. The scan (TemplateScanner.swift) reads tags as swift-mustache's parser does.
struct TemplateGuard: Sendable {
  /// Sections, blocks and partials nested inside each other, partials followed.
  static let maxDepth = 24
  /// Upper bound on one rendering's output, estimated before rendering.
  static let maxOutputBytes = 256 << 20
  /// Upper bound on the section items one rendering goes through, estimated before rendering:
  /// each costs time whatever it writes (twelve sections nested over three tasks around a
  /// short value stay far below the output bound, and took 20 s and 2 GB in the fuzz build).
  static let maxSectionItems = 20_000
  /// Size of one template file.
  static let maxTemplateBytes = 1 << 20

  /// One template as the guard sees it.
  indirect enum Node: Sendable {
    case text(Int)
    /// A value; `escaped` when the content type may lengthen it.
    case variable(String, escaped: Bool)
    /// `{{#name}}`: rendered once per item of `name`.
    case section(String, [Node])
    /// `{{^name}}`, `{{$block}}`: rendered at most once.
    case once([Node])
    /// `{{>name}}` or `{{<name}}…{{/name}}` (a parent with overriding blocks).
    case partial(String, [Node])
  }

  struct Problem: Error { let reason: String }

  /// The name a value is looked up by: the last part of a dotted name, inside any transform.
  static func name(_ raw: String) -> String {
    var text = Substring(raw)
    if let open = text.lastIndex(of: "("), let close = text.lastIndex(of: ")"), open < close {
      text = text[text.index(after: open)..<close]
    }
    if text == "." { return "." }
    return String(text.split(separator: ".").last ?? "")
  }

  let templates: [String: [Node]]

  /// Refuses partial cycles and nesting (partials followed) deeper than `maxDepth`.
  func checkStructure() throws(TemplateError) {
    var depthOf: [String: Int] = [:]
    for name in templates.keys.sorted() {
      var path: [String] = []
      _ = try depth(of: name, path: &path, memo: &depthOf)
    }
  }

  private func depth(of name: String, path: inout [String], memo: inout [String: Int])
    throws(TemplateError) -> Int
  {
    if let known = memo[name] { return known }
    guard let nodes = templates[name] else { return 0 }
    if let start = path.firstIndex(of: name) {
      let cycle = (path[start...] + [name]).joined(separator: " → ")
      throw TemplateError(
        name: path[start], reason: "includes itself (\(cycle)); partials may not be recursive")
    }
    path.append(name)
    defer { path.removeLast() }
    let value = try depth(of: nodes, path: &path, memo: &memo)
    guard value <= Self.maxDepth else {
      throw TemplateError(
        name: name,
        reason:
          "nests sections and partials deeper than \(Self.maxDepth) levels, the limit for templates"
      )
    }
    memo[name] = value
    return value
  }

  private func depth(of nodes: [Node], path: inout [String], memo: inout [String: Int])
    throws(TemplateError) -> Int
  {
    var deepest = 0
    for node in nodes {
      switch node {
      case .text, .variable: continue
      case .section(_, let inner), .once(let inner):
        deepest = max(deepest, 1 + (try depth(of: inner, path: &path, memo: &memo)))
      case .partial(let name, let inner):
        let included = try depth(of: name, path: &path, memo: &memo)
        deepest = max(deepest, 1 + max(included, try depth(of: inner, path: &path, memo: &memo)))
      }
      guard deepest <= Self.maxDepth else {
        throw TemplateError(
          name: path.last ?? "",
          reason:
            "nests sections and partials deeper than \(Self.maxDepth) levels, the limit for templates"
        )
      }
    }
    return deepest
  }

  /// What the view model can supply under each name: the longest list and the longest text.
  struct Shape {
    var lengths: [String: Int] = [:]
    var sizes: [String: Int] = [:]
    /// The longest text among the elements of lists under each name: what `{{.}}` is inside
    /// `{{#name}}`.
    var elementSizes: [String: Int] = [:]
    /// Names that hold a structure (or a list of them): inside their sections `{{.}}` is a
    /// structure, bounded by the longest text anywhere, as at the top.
    var structures: Set<String> = []
    /// Names that hold a number or a flag: their sections keep the enclosing `{{.}}`.
    var scalars: Set<String> = []
    var longestList = 1
    var longestText = 0

    init(_ value: Any) {
      var pending: [(value: Any, name: String, depth: Int)] = [(value, ".", 0)]
      while let (value, name, depth) = pending.popLast() {
        guard depth < 64 else { continue }
        if let text = value as? String {
          note(name, length: 1, size: text.utf8.count)
          continue
        }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .optional:
          if let child = mirror.children.first { pending.append((child.value, name, depth + 1)) }
        case .collection, .set:
          note(name, length: mirror.children.count, size: 0)
          longestList = max(longestList, mirror.children.count)
          for child in mirror.children {
            if let text = child.value as? String {
              elementSizes[name] = max(elementSizes[name] ?? 0, text.utf8.count)
            } else {
              structures.insert(name)
            }
            pending.append((child.value, ".", depth + 1))
          }
        case .dictionary:
          structures.insert(name)
          note(name, length: 1, size: 0)
          for child in mirror.children {
            let pair = Array(Mirror(reflecting: child.value).children)
            if pair.count == 2, let key = pair[0].value as? String {
              pending.append((pair[1].value, key, depth + 1))
            }
          }
        case .struct, .class, .tuple, .enum:
          structures.insert(name)
          note(name, length: 1, size: 0)
          for child in mirror.children {
            pending.append((child.value, child.label ?? ".", depth + 1))
          }
        default:
          scalars.insert(name)
          note(name, length: 1, size: "\(value)".utf8.count)
        }
      }
    }

    private mutating func note(_ name: String, length: Int, size: Int) {
      lengths[name] = max(lengths[name] ?? 0, length)
      sizes[name] = max(sizes[name] ?? 0, size)
      longestText = max(longestText, size)
    }
  }

  /// What a bound counts: bytes written, or section items gone through.
  enum Measure { case bytes, items }

  /// An upper bound on the bytes rendering `name` with a view of this shape can produce.
  func outputBound(_ name: String, shape: Shape) -> Int {
    var memo: [String: Int] = [:]
    return bound(
      ofTemplate: name, shape: shape, dot: shape.longestText, measure: .bytes, memo: &memo)
  }

  /// An upper bound on the section items rendering `name` with a view of this shape goes through.
  func itemBound(_ name: String, shape: Shape) -> Int {
    var memo: [String: Int] = [:]
    return bound(
      ofTemplate: name, shape: shape, dot: shape.longestText, measure: .items, memo: &memo)
  }

  /// - Parameter dot: the longest text `{{.}}` can stand for here: inside `{{#name}}` over text
  ///   or a list of texts, the longest of those; over a flag or number, the enclosing one's; at
  ///   the top and inside a structure, the longest text anywhere.
  private func bound(
    ofTemplate name: String, shape: Shape, dot: Int, measure: Measure, memo: inout [String: Int]
  ) -> Int {
    let key = "\(name)#\(dot)"
    if let known = memo[key] { return known }
    memo[key] = 0  // cycles were refused in checkStructure; this only guards the recursion
    let value = bound(
      of: templates[name] ?? [], shape: shape, dot: dot, measure: measure, memo: &memo)
    memo[key] = value
    return value
  }

  private func bound(
    of nodes: [Node], shape: Shape, dot: Int, measure: Measure, memo: inout [String: Int]
  ) -> Int {
    var total = 0
    for node in nodes {
      let cost: Int
      switch node {
      case .text(let bytes): cost = measure == .bytes ? bytes : 0
      case .variable(let name, let escaped):
        guard measure == .bytes else { continue }
        // Escaping can lengthen a text: Markdown escaping at most doubles it, HTML at most six times.
        let size = name == "." ? dot : shape.sizes[name] ?? 0
        cost = escaped ? size.multipliedReportingOverflow(by: 6).partialValue : size
      case .section(let name, let inner):
        let times = name == "." ? shape.longestList : shape.lengths[name] ?? 0
        let text = max(shape.sizes[name] ?? 0, shape.elementSizes[name] ?? 0)
        let inside =
          name == "." || shape.structures.contains(name)
          ? max(dot, shape.longestText)
          : (shape.scalars.contains(name) ? max(dot, text) : text)
        // Counting items, each item is one more, whatever it renders.
        let each =
          bound(of: inner, shape: shape, dot: inside, measure: measure, memo: &memo)
          .addingReportingOverflow(measure == .items ? 1 : 0).partialValue
        let (product, overflow) = times.multipliedReportingOverflow(by: each)
        cost = overflow || each < 0 ? Int.max : product
      case .once(let inner):
        cost = bound(of: inner, shape: shape, dot: dot, measure: measure, memo: &memo)
      case .partial(let name, let inner):
        cost =
          bound(ofTemplate: name, shape: shape, dot: dot, measure: measure, memo: &memo)
          .addingReportingOverflow(
            bound(of: inner, shape: shape, dot: dot, measure: measure, memo: &memo)
          )
          .partialValue
      }
      let (sum, overflow) = total.addingReportingOverflow(cost)
      total = overflow || cost < 0 ? Int.max : sum
      // Far beyond either limit: stop adding.
      if total >= 1 << 40 { return total }
    }
    return total
  }
}
