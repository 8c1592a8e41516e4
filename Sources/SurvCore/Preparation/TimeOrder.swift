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

    /// The value whose key is `key` (0 for either zero).
    @inline(__always)
    static func value(_ key: UInt64) -> Double {
        Double(bitPattern: key & (1 << 63) != 0 ? key & ~(1 << 63) : ~key)
    }

    /// Row indices (as `Int32`, to halve the memory traffic) ordering `values` ascending, ties in row order.
    /// Precondition (checked by callers' validation): no value is NaN, and `values.count` fits in `Int32`.
    static func ascending(_ values: [Double]) -> [Int32] {
        ascendingWithKeys(values).order
    }

    /// The order, and the values' keys in that order: equal keys are equal values, so runs of ties can be
    /// found reading in sequence rather than through the order.
    static func ascendingWithKeys(_ values: [Double]) -> (order: [Int32], keys: [UInt64]) {
        var keys = [UInt64](repeating: 0, count: values.count)
        keys.withUnsafeMutableBufferPointer { k in
            values.withUnsafeBufferPointer { v in
                for i in 0..<v.count { k[i] = key(v[i]) }
            }
        }
        return ascendingWithKeys(keys: keys)
    }

    /// The stable ascending permutation of `keys`, as `Int32` row indices (`keys.count` must fit in `Int32`).
    static func ascending(keys: [UInt64]) -> [Int32] {
        ascendingWithKeys(keys: keys).order
    }

    private static func ascendingWithKeys(keys: [UInt64]) -> (order: [Int32], keys: [UInt64]) {
        let n = keys.count
        var order = [Int32](repeating: 0, count: n)
        order.withUnsafeMutableBufferPointer { o in
            for i in 0..<n { o[i] = Int32(truncatingIfNeeded: i) }
        }
        guard n > 1 else { return (order, keys) }

        // Radix passes over the high 32 bits only (sign, exponent and 20 bits of mantissa: three passes instead
        // of six), then each run of keys that share those bits is put in order by the rest. Such runs are
        // mostly equal values, already in row order, so the second step usually only reads.
        let digitBits = 11
        let bucketCount = 1 << digitBits
        let mask = UInt64(bucketCount - 1)
        let passCount = 3
        func shift(_ pass: Int) -> UInt64 { UInt64(32 + pass * digitBits) }
        // All histograms in one read of the keys; a pass whose digit is the same for every row is skipped.
        var histograms = [Int](repeating: 0, count: bucketCount * passCount)
        keys.withUnsafeBufferPointer { k in
            histograms.withUnsafeMutableBufferPointer { h in
                for i in 0..<n {
                    let key = k[i]
                    for pass in 0..<passCount {
                        h[pass * bucketCount + Int((key >> shift(pass)) & mask)] += 1
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
            let by = shift(pass)
            distribute(sorted, order, into: &scratchKeys, &scratchOrder, offsets: &offsets) { key, _ in
                Int((key >> by) & mask)
            }
            swap(&sorted, &scratchKeys)
            swap(&order, &scratchOrder)
        }
        orderRunsByLowBits(&sorted, &order)
        return (order, sorted)
    }

    /// One stable counting pass, the step of the radix sort and of the pass that groups sorted rows by
    /// stratum: element i (a value and its row) goes to the next free slot of bucket `bucket(value, row)`,
    /// `offsets` holding each bucket's first free slot.
    @inline(__always)
    static func distribute<Value>(_ values: [Value], _ rows: [Int32], into sortedValues: inout [Value],
                                  _ sortedRows: inout [Int32], offsets: inout [Int],
                                  bucket: (Value, Int32) -> Int) {
        values.withUnsafeBufferPointer { v in
        rows.withUnsafeBufferPointer { r in
        sortedValues.withUnsafeMutableBufferPointer { sv in
        sortedRows.withUnsafeMutableBufferPointer { sr in
        offsets.withUnsafeMutableBufferPointer { off in
            for i in 0..<v.count {
                let value = v[i], row = r[i]
                let b = bucket(value, row)
                let at = off[b]
                off[b] = at + 1
                sv[at] = value
                sr[at] = row
            }
        }}}}}
    }

    /// Sorts each run of keys with equal high halves by the whole key, ties by row (the run's rows are in
    /// row order, so this keeps the sort stable). Runs already in order are only read.
    private static func orderRunsByLowBits(_ sorted: inout [UInt64], _ order: inout [Int32]) {
        let n = sorted.count
        var start = 0
        while start < n {
            let high = sorted[start] >> 32
            var end = start + 1
            var inOrder = true
            while end < n && sorted[end] >> 32 == high {
                if sorted[end] < sorted[end - 1] { inOrder = false }
                end += 1
            }
            if !inOrder {
                var run = (start..<end).map { (key: sorted[$0], row: order[$0]) }
                run.sort { $0.key != $1.key ? $0.key < $1.key : $0.row < $1.row }
                for (k, entry) in run.enumerated() {
                    sorted[start + k] = entry.key
                    order[start + k] = entry.row
                }
            }
            start = end
        }
    }
}
