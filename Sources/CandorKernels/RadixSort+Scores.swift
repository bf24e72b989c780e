import Foundation

extension RadixSort {
  /// Sorts finite doubles ascending (−0.0 before +0.0, which compare equal anyway), in place
  /// with one scratch buffer: ten million scores need 80 MB extra, not three copies.
  public static func sort(_ values: inout [Double]) {
    guard values.count > 1 else { return }
    if values.count < smallSize {
      values.sort()
      return
    }
    if DecimalCountingSort.sort(&values) { return }
    values.withUnsafeMutableBufferPointer { doubles in
      doubles.withMemoryRebound(to: UInt64.self) { keys in
        // Map to unsigned integers whose order is the doubles' order.
        for index in keys.indices {
          let bits = keys[index]
          keys[index] = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
        }
        let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: keys.count)
        defer { scratch.deallocate() }
        var source = keys
        var target = scratch
        for shift in stride(from: 0, to: 64, by: 16) {
          guard var offsets = histogram(UnsafeBufferPointer(source), shift: shift) else { continue }
          exclusivePrefixSum(&offsets)
          for key in source {
            let digit = Int((key >> UInt64(shift)) & 0xFFFF)
            target[offsets[digit]] = key
            offsets[digit] += 1
          }
          swap(&source, &target)
        }
        if source.baseAddress != keys.baseAddress {
          _ = keys.initialize(from: source)
        }
        for index in keys.indices {
          let key = keys[index]
          keys[index] = key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key
        }
      }
    }
  }

  /// Digit counts for one pass, or nil when every key has the same digit (the pass is a no-op).
  private static func histogram(_ keys: [UInt64], shift: Int) -> [Int]? {
    keys.withUnsafeBufferPointer { histogram($0, shift: shift) }
  }

  private static func histogram(_ keys: UnsafeBufferPointer<UInt64>, shift: Int) -> [Int]? {
    var counts = [Int](repeating: 0, count: 1 << 16)
    for key in keys { counts[Int((key >> UInt64(shift)) & 0xFFFF)] += 1 }
    return counts.contains(keys.count) ? nil : counts
  }

  private static func exclusivePrefixSum(_ counts: inout [Int]) {
    var running = 0
    for index in counts.indices {
      let count = counts[index]
      counts[index] = running
      running += count
    }
  }
}
