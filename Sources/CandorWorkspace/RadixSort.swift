/// Least-significant-digit radix sorts for the two big arrays Candor sorts: 64-bit id hashes
/// (with a small payload riding along) and scores. O(n) with 16-bit digits, so sorting ten
/// million scores costs a few passes over memory, not a comparison sort's n·log n.
public enum RadixSort {
    /// Below this, a comparison sort beats four passes over 65,536 counters.
    static let smallSize = 1 << 16

    /// Sorts `keys` ascending, moving `payload[i]` with `keys[i]`, in place (no scratch copy):
    /// a most-significant-digit radix sort, 16 bits at a time, that permutes each bucket by
    /// cycles and finishes small buckets by insertion.
    public static func sort(_ keys: inout [UInt64], payload: inout [UInt16]) {
        precondition(keys.count == payload.count)
        guard keys.count > 1 else { return }
        keys.withUnsafeMutableBufferPointer { keys in
            payload.withUnsafeMutableBufferPointer { payload in
                sortInPlace(keys, payload, bits: 64)
            }
        }
    }

    /// Sorts by the low `bits` bits; the higher ones are equal within this range.
    private static func sortInPlace(_ keys: UnsafeMutableBufferPointer<UInt64>, _ payload: UnsafeMutableBufferPointer<UInt16>, bits: Int) {
        let count = keys.count
        guard bits > 0 else { return }
        if count <= 48 {
            insertionSort(keys, payload)
            return
        }
        let radix = min(bits, count > 1 << 16 ? 16 : 8)
        let buckets = 1 << radix
        let mask = UInt64(buckets - 1)
        let digitShift = UInt64(bits - radix)
        @inline(__always) func digit(_ key: UInt64) -> Int { Int((key >> digitShift) & mask) }
        var starts = [Int](repeating: 0, count: buckets + 1)
        for key in keys { starts[digit(key) + 1] += 1 }
        for bucket in 0..<buckets { starts[bucket + 1] += starts[bucket] }
        var next = starts
        for bucket in 0..<buckets {
            let end = starts[bucket + 1]
            while next[bucket] < end {
                var key = keys[next[bucket]], value = payload[next[bucket]]
                var target = digit(key)
                // Follow the cycle: drop each element into its bucket, pick up what was there.
                while target != bucket {
                    let slot = next[target]
                    next[target] += 1
                    swap(&key, &keys[slot])
                    swap(&value, &payload[slot])
                    target = digit(key)
                }
                keys[next[bucket]] = key
                payload[next[bucket]] = value
                next[bucket] += 1
            }
        }
        guard digitShift > 0 else { return }
        for bucket in 0..<buckets where starts[bucket + 1] - starts[bucket] > 1 {
            let range = starts[bucket]..<starts[bucket + 1]
            sortInPlace(UnsafeMutableBufferPointer(rebasing: keys[range]), UnsafeMutableBufferPointer(rebasing: payload[range]),
                        bits: Int(digitShift))
        }
    }

    private static func insertionSort(_ keys: UnsafeMutableBufferPointer<UInt64>, _ payload: UnsafeMutableBufferPointer<UInt16>) {
        guard keys.count > 1 else { return }
        for index in 1..<keys.count {
            let key = keys[index], value = payload[index]
            var hole = index
            while hole > 0 && keys[hole - 1] > key {
                keys[hole] = keys[hole - 1]
                payload[hole] = payload[hole - 1]
                hole -= 1
            }
            keys[hole] = key
            payload[hole] = value
        }
    }

    /// Sorts finite doubles ascending (−0.0 before +0.0, which compare equal anyway), in place
    /// with one scratch buffer: ten million scores need 80 MB extra, not three copies.
    public static func sort(_ values: inout [Double]) {
        guard values.count > 1 else { return }
        if values.count < smallSize { values.sort(); return }
        values.withUnsafeMutableBufferPointer { doubles in
            doubles.withMemoryRebound(to: UInt64.self) { keys in
                // Map to unsigned integers whose order is the doubles' order.
                for index in keys.indices {
                    let bits = keys[index]
                    keys[index] = bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
                }
                let scratch = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: keys.count)
                defer { scratch.deallocate() }
                var source = keys, target = scratch
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
