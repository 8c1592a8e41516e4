// Ordering rows by time is the only super-linear step of the survival-curve and log-rank computations.
// Times are validated to be finite and non-negative first; for such doubles the IEEE-754 bit pattern,
// read as an unsigned integer, orders exactly like the value. That lets a least-significant-digit radix
// sort replace a comparison sort: linear in the number of rows and stable, so ties keep row order.

enum TimeOrder {
    /// Row indices (as `Int32`, to halve the memory traffic) ordering `time` ascending, ties in row order.
    /// Precondition (checked by callers' validation): every time is finite and >= 0, and
    /// `time.count` fits in `Int32`.
    static func ascending(_ time: [Double]) -> [Int32] {
        let n = time.count
        var keys = [UInt64](repeating: 0, count: n)
        var order = [Int32](repeating: 0, count: n)
        keys.withUnsafeMutableBufferPointer { k in
            time.withUnsafeBufferPointer { t in
                for i in 0..<n {
                    // -0.0 has the sign bit set; it is equal to 0 and must sort with it.
                    k[i] = t[i] == 0 ? 0 : t[i].bitPattern
                }
            }
        }
        order.withUnsafeMutableBufferPointer { o in
            for i in 0..<n { o[i] = Int32(truncatingIfNeeded: i) }
        }
        guard n > 1 else { return order }

        let digitBits = 11
        let bucketCount = 1 << digitBits
        let passCount = (64 + digitBits - 1) / digitBits
        // All histograms in one read of the keys; a pass whose digit is the same for every row is skipped.
        var histograms = [Int](repeating: 0, count: bucketCount * passCount)
        keys.withUnsafeBufferPointer { k in
            histograms.withUnsafeMutableBufferPointer { h in
                for i in 0..<n {
                    let key = k[i]
                    for pass in 0..<passCount {
                        let digit = Int((key >> UInt64(pass * digitBits)) & UInt64(bucketCount - 1))
                        h[pass * bucketCount + digit] += 1
                    }
                }
            }
        }

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
            keys.withUnsafeBufferPointer { k in
                order.withUnsafeBufferPointer { o in
                    scratchKeys.withUnsafeMutableBufferPointer { sk in
                        scratchOrder.withUnsafeMutableBufferPointer { so in
                            offsets.withUnsafeMutableBufferPointer { off in
                                for i in 0..<n {
                                    let key = k[i]
                                    let digit = Int((key >> shift) & UInt64(bucketCount - 1))
                                    let at = off[digit]
                                    off[digit] = at + 1
                                    sk[at] = key
                                    so[at] = o[i]
                                }
                            }
                        }
                    }
                }
            }
            swap(&keys, &scratchKeys)
            swap(&order, &scratchOrder)
        }
        return order
    }
}
