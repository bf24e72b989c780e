import Dispatch

/// Two independent computations on two cores. Each draws from its own seeded random
/// stream, so the results are the ones running them one after the other gives.
enum Concurrently {
  static func both<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
    nonisolated(unsafe) var a: A?
    nonisolated(unsafe) var b: B?
    withoutActuallyEscaping(first) { first in
      withoutActuallyEscaping(second) { second in
        nonisolated(unsafe) let work = (first, second)
        DispatchQueue.concurrentPerform(iterations: 2) { index in
          if index == 0 { a = work.0() } else { b = work.1() }
        }
      }
    }
    return (a!, b!)
  }

  /// `items.map(transform)` with the items shared among the cores: each result lands at its
  /// item's index, so the array is the one a plain map gives. For independent, pure work.
  static func map<T, R>(_ items: [T], _ transform: (T) -> R) -> [R] {
    guard items.count > 1 else { return items.map(transform) }
    var results = [R?](repeating: nil, count: items.count)
    results.withUnsafeMutableBufferPointer { buffer in
      nonisolated(unsafe) let output = buffer
      nonisolated(unsafe) let input = items
      withoutActuallyEscaping(transform) { transform in
        nonisolated(unsafe) let work = transform
        DispatchQueue.concurrentPerform(iterations: items.count) { index in
          output[index] = work(input[index])
        }
      }
    }
    return results.map { $0! }
  }
}
