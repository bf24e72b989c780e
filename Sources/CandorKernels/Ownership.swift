/// Moves an array out of a variable, leaving it empty, so the caller holds the only reference.
@inline(__always)
package func take<T>(_ array: inout [T]) -> [T] {
  var taken: [T] = []
  swap(&taken, &array)
  return taken
}

/// Hands values that are only read to another thread.
package struct Unchecked<Value>: @unchecked Sendable {
  package let value: Value
  package init(_ value: Value) { self.value = value }
}
