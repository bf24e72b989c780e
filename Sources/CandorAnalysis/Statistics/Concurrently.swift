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
}
