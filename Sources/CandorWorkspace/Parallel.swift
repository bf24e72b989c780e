import Dispatch

/// Runs two independent pieces of CPU work at once, on the machine's cores.
enum Parallel {
    static func both<A, B>(_ first: () -> A, _ second: () -> B) -> (A, B) {
        var a: A?, b: B?
        withoutActuallyEscaping(first) { first in
            withoutActuallyEscaping(second) { second in
                let box = Box(first: first, second: second)
                DispatchQueue.concurrentPerform(iterations: 2) { index in
                    if index == 0 { box.a = box.first() } else { box.b = box.second() }
                }
                a = box.a
                b = box.b
            }
        }
        return (a!, b!)
    }

    /// Each slot is written by exactly one iteration and read after both finish.
    private final class Box<A, B>: @unchecked Sendable {
        let first: () -> A
        let second: () -> B
        var a: A?
        var b: B?
        init(first: @escaping () -> A, second: @escaping () -> B) {
            self.first = first
            self.second = second
        }
    }
}
