/// A view model as the templates read it: its own properties and, beside them, the markup the
/// markup stage rendered from them (`newsHTML`, `metricsHTML`, …). The narrative's view model
/// stays as it was built; nothing is left empty for a later stage to fill.
///
/// Mustache and `TemplateGuard` both look a name up through `Mirror`, so the overlay is a
/// mirror: the base's properties, with those the markup names replaced (a list of tasks by a
/// list of marked tasks) or added.
public struct MarkedView: CustomReflectable {
  private let children: [Mirror.Child]

  init(_ base: Any, adding markup: [String: Any]) {
    children =
      Mirror(reflecting: base).children.filter { markup[$0.label ?? ""] == nil }
      + markup.sorted { $0.key < $1.key }.map { (label: $0.key, value: $0.value) }
  }

  public var customMirror: Mirror {
    Mirror(self, children: children, displayStyle: .struct)
  }
}
