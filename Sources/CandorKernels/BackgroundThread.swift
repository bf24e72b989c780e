import Foundation

/// Work on a thread of its own, joined once: what Candor's two-core paths share (the second
/// stretch of a large file's read, the second half of its content hash, the upper buckets of a
/// large id sort). The result is written by the thread before it signals and read by the owner
/// only after the join, so nothing is shared while both run.
package final class BackgroundThread<Result>: @unchecked Sendable {
  private let done = DispatchSemaphore(value: 0)
  private var result: Result?
  private var joined = false

  /// Starts `work` at once; `stackSize` for work that needs more than a thread's default.
  package init(stackSize: Int? = nil, _ work: @escaping @Sendable () -> Result) {
    let thread = Thread { [self] in
      result = work()
      done.signal()
    }
    if let stackSize { thread.stackSize = stackSize }
    thread.start()
  }

  /// Waits for the work and hands its result over (nil once handed over): the thread keeps no
  /// copy, so what it built is freed with the owner's last use. Called by the owner only.
  package func join() -> Result? {
    if !joined {
      done.wait()
      joined = true
    }
    defer { result = nil }
    return result
  }
}

/// Runs `work` for each of 0..<count, the first on this thread and the others on threads of
/// their own; the results in index order, whatever order the threads finish in.
package func onThreads<R>(_ count: Int, _ work: @escaping (Int) -> R) -> [R] {
  let job = Unchecked(work)
  let others = (1..<max(count, 1)).map { index in
    BackgroundThread { job.value(index) }
  }
  return [work(0)] + others.map { $0.join()! }
}
