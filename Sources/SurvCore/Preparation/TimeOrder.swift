// Ordering rows by time is the only super-linear step of the survival computations, and sorting a million
// rows with a comparison closure that reads other arrays costs more than a whole Cox fit. A double maps to an
// unsigned integer whose order is its numeric order, so a least-significant-digit radix sort replaces a
// comparison sort: linear in the number of rows, stable (ties keep row order, as R's order() does), and
// skipping every digit on which all keys agree. Named for its main use; the Cox concordance orders its
// predictor, and stratum codes their combined keys, with the same sort.

enum TimeOrder {
    /// An unsigned key whose integer order is the numeric order of `x` (−0 and +0 equal).
    @inline(__always)
    static func key(_ x: Double) -> UInt64 {
        let bits = (x == 0 ? 0.0 : x).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// Row indices (as `Int32`, to halve the memory traffic) ordering `values` ascending, ties in row order.
    /// Precondition (checked by callers' validation): no value is NaN, and `values.count` fits in `Int32`.
    static func ascending(_ values: [Double]) -> [Int32] {
        var keys = [UInt64](repeating: 0, count: values.count)
        keys.withUnsafeMutableBufferPointer { k in
            values.withUnsafeBufferPointer { v in
                for i in 0..<v.count { k[i] = key(v[i]) }
            }
        }
        return ascending(keys: keys)
    }

    /// The stable ascending permutation of `keys`, as `Int32` row indices (`keys.count` must fit in `Int32`).
    static func ascending(keys: [UInt64]) -> [Int32] {
        let n = keys.count
        var order = [Int32](repeating: 0, count: n)
        order.withUnsafeMutableBufferPointer { o in
            for i in 0..<n { o[i] = Int32(truncatingIfNeeded: i) }
        }
        guard n > 1 else { return order }

        let digitBits = 11
        let bucketCount = 1 << digitBits
        let mask = UInt64(bucketCount - 1)
        let passCount = (64 + digitBits - 1) / digitBits
        // All histograms in one read of the keys; a pass whose digit is the same for every row is skipped.
        var histograms = [Int](repeating: 0, count: bucketCount * passCount)
        keys.withUnsafeBufferPointer { k in
            histograms.withUnsafeMutableBufferPointer { h in
                for i in 0..<n {
                    let key = k[i]
                    for pass in 0..<passCount {
                        h[pass * bucketCount + Int((key >> UInt64(pass * digitBits)) & mask)] += 1
                    }
                }
            }
        }

        // Keys travel with their row numbers so that every pass reads sequentially.
        var sorted = keys
        var scratchKeys = [UInt64](repeating: 0, count: n)
        var scratchOrder = [Int32](repeating: 0, count: n)
        var offsets = [Int](repeating: 0, count: bucketCount)
        for pass in 0..<passCount {
            let base = pass * bucketCount
            var running = 0
            var trivial = false
            for b in 0..<bucketCount {
                let c = histograms[base + b]
                if c == n { trivial = true; break }
                offsets[b] = running
                running += c
            }
            if trivial { continue }
            let shift = UInt64(pass * digitBits)
            sorted.withUnsafeBufferPointer { k in
            order.withUnsafeBufferPointer { o in
            scratchKeys.withUnsafeMutableBufferPointer { sk in
            scratchOrder.withUnsafeMutableBufferPointer { so in
            offsets.withUnsafeMutableBufferPointer { off in
                for i in 0..<n {
                    let key = k[i]
                    let digit = Int((key >> shift) & mask)
                    let at = off[digit]
                    off[digit] = at + 1
                    sk[at] = key
                    so[at] = o[i]
                }
            }}}}}
            swap(&sorted, &scratchKeys)
            swap(&order, &scratchOrder)
        }
        return order
    }
}
