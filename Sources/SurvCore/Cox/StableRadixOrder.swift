// Sorting a million rows by a comparison closure that reads other arrays costs more than the whole Newton
// iteration, so the Cox code orders rows by LSD radix sort on 64-bit keys: linear in n, stable (ties keep
// their input order, as R's order() does), and skipping every digit on which all keys agree.

enum StableRadixOrder {
    /// An unsigned key whose integer order is the numeric order of the finite double `x` (−0 and +0 equal).
    @inline(__always)
    static func key(_ x: Double) -> UInt64 {
        let bits = (x == 0 ? 0.0 : x).bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }

    /// The permutation that sorts `keys` ascending, stable.
    static func order(_ keys: [UInt64]) -> [Int] {
        let n = keys.count
        let digitBits = 11
        let buckets = 1 << digitBits
        let mask = UInt64(buckets - 1)
        let passes = (64 + digitBits - 1) / digitBits
        // All histograms in one read of the keys.
        var counts = [Int](repeating: 0, count: passes * buckets)
        keys.withUnsafeBufferPointer { k in
            counts.withUnsafeMutableBufferPointer { c in
                for i in 0..<n {
                    let key = k[i]
                    for pass in 0..<passes { c[pass * buckets + Int((key >> UInt64(pass * digitBits)) & mask)] += 1 }
                }
            }
        }
        // Keys travel with their row numbers so every pass reads sequentially.
        var order = Array(0..<n), orderScratch = [Int](repeating: 0, count: n)
        var sorted = keys, keyScratch = [UInt64](repeating: 0, count: n)
        var offsets = [Int](repeating: 0, count: buckets)
        for pass in 0..<passes {
            let base = pass * buckets
            // A digit shared by every key leaves the order unchanged.
            if n == 0 || (0..<buckets).contains(where: { counts[base + $0] == n }) { continue }
            var running = 0
            for b in 0..<buckets {
                offsets[b] = running
                running += counts[base + b]
            }
            let shift = UInt64(pass * digitBits)
            sorted.withUnsafeBufferPointer { k in
            order.withUnsafeBufferPointer { src in
            keyScratch.withUnsafeMutableBufferPointer { kdst in
            orderScratch.withUnsafeMutableBufferPointer { dst in
            offsets.withUnsafeMutableBufferPointer { off in
                for i in 0..<n {
                    let key = k[i]
                    let digit = Int((key >> shift) & mask)
                    let slot = off[digit]
                    dst[slot] = src[i]
                    kdst[slot] = key
                    off[digit] = slot + 1
                }
            }}}}}
            swap(&order, &orderScratch)
            swap(&sorted, &keyScratch)
        }
        return order
    }

    /// The permutation that sorts rows by `primary` (small non-negative codes), then by `keys`, stable.
    static func order(primary: [Int], groups: Int, then keys: [UInt64]) -> [Int] {
        let byKey = order(keys)
        guard groups > 1 else { return byKey }
        var offsets = [Int](repeating: 0, count: groups + 1)
        for g in primary { offsets[g + 1] += 1 }
        for g in 0..<groups { offsets[g + 1] += offsets[g] }
        var result = [Int](repeating: 0, count: byKey.count)
        for row in byKey {
            let g = primary[row]
            result[offsets[g]] = row
            offsets[g] += 1
        }
        return result
    }
}
