import Dispatch

/// Two independent computations on two cores. Each draws from its own seeded random
/// stream, so the results are the ones running them one after the other gives.
enum Concurrently {
  static func both<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
    let a = Slots<A>(count: 1)
    let b = Slots<B>(count: 1)
    withoutActuallyEscaping(first) { first in
      withoutActuallyEscaping(second) { second in
        let work = Shared((first, second))
        DispatchQueue.concurrentPerform(iterations: 2) { index in
          if index == 0 { a.store(work.value.0(), at: 0) } else { b.store(work.value.1(), at: 0) }
        }
      }
    }
    return (a.take()[0], b.take()[0])
  }

  /// `items.map(transform)` with the items shared among the cores: each result lands at its
  /// item's index, so the array is the one a plain map gives. For independent, pure work.
  static func map<T, R>(_ items: [T], _ transform: (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    let results = Slots<R>(count: items.count)
    withoutActuallyEscaping(transform) { transform in
      let work = Shared((items, transform))
      DispatchQueue.concurrentPerform(iterations: items.count) { index in
        results.store(work.value.1(work.value.0[index]), at: index)
      }
    }
    return results.take()
  }
}

/// Values read, never written, by the iterations of one `concurrentPerform`: the closures
/// and items above, which the caller keeps alive and unchanged until every iteration is done.
private final class Shared<Value>: @unchecked Sendable {
  let value: Value
  init(_ value: Value) { self.value = value }
}

/// One slot per iteration of a `concurrentPerform`, each written by its own iteration only,
/// and read after all of them have returned: no two threads ever touch one slot.
private final class Slots<Value>: @unchecked Sendable {
  private let storage: UnsafeMutableBufferPointer<Value?>

  init(count: Int) {
    storage = .allocate(capacity: count)
    storage.initialize(repeating: nil)
  }

  deinit {
    storage.baseAddress!.deinitialize(count: storage.count)
    storage.deallocate()
  }

  func store(_ value: Value, at index: Int) { storage[index] = value }

  func take() -> [Value] { storage.map { $0! } }
}
