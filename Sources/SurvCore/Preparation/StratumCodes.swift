// Strata reach the core as labels (any integers, `strata()` in R) or as level codes of one or more columns
// (`stratify by sex, stage`). Either way every computation wants one dense code per row, 0..<count, in the
// order R gives the levels, and only the combinations that occur. Several codings combine as a mixed-radix
// integer (the first coding most significant, so the order is lexicographic, as R's interaction levels are
// sorted): no per-row array of levels and no hashing of per-row keys.

/// Dense stratum codes: one per row, 0..<count, every code in use.
public struct StratumCodes: Sendable, Equatable {
    /// The stratum of each row.
    public let codes: [Int32]
    /// The number of strata.
    public let count: Int
    /// For each stratum, its level in each coding it was built from: `levels[k][stratum]` (for labels, its
    /// rank among the distinct labels).
    public let levels: [[Int32]]

    /// Labels renumbered in ascending order (R's `as.integer(factor(strata)) - 1`).
    public init(labels: [Int]) throws(CoreError) {
        try Self.requireFewerRowsThanInt32(labels.count)
        var keys = [UInt64](repeating: 0, count: labels.count)
        var bound = UInt64.max
        if let lo = labels.min(), let hi = labels.max() {
            let (span, overflow) = hi.subtractingReportingOverflow(lo)
            if !overflow {
                // Labels in a compact range (the usual 0..<k) become keys below the span: a table of the span
                // densifies them.
                for (i, label) in labels.enumerated() { keys[i] = UInt64(label &- lo) }
                bound = UInt64(span) + 1
            } else {
                for (i, label) in labels.enumerated() { keys[i] = UInt64(bitPattern: Int64(label)) ^ (1 << 63) }
            }
        }
        let (codes, distinct) = Self.densify(keys, bound: bound)
        self.codes = codes
        count = distinct.count
        levels = [(0..<Int32(truncatingIfNeeded: distinct.count)).map { $0 }]
    }

    /// The combinations of level codes that occur, ordered with the first coding varying slowest.
    /// - Parameters:
    ///   - codings: per coding, a level in `0..<levelCounts[k]` per row; all of one length.
    /// - Throws: `CoreError` for codings of different lengths or a level outside its range.
    public init(combining codings: [[Int32]], levelCounts: [Int]) throws(CoreError) {
        guard codings.count == levelCounts.count else {
            throw CoreError("\(codings.count) codings but \(levelCounts.count) level counts")
        }
        let n = codings.first?.count ?? 0
        try Self.requireFewerRowsThanInt32(n)
        if let bad = levelCounts.first(where: { $0 < 1 || $0 > Int(Int32.max) }) {
            throw CoreError("a coding with \(bad) levels cannot be combined")
        }
        for (k, coding) in codings.enumerated() {
            guard coding.count == n else { throw CoreError("coding \(k + 1) has \(coding.count) values but there are \(n) rows") }
            let limit = levelCounts[k]
            if let bad = coding.firstIndex(where: { $0 < 0 || Int($0) >= limit }) {
                throw CoreError("level \(coding[bad]) in row \(bad + 1) is outside 0..<\(limit)")
            }
        }
        // One coding (the common `stratify by x`): its levels are already the keys, dense but for levels no
        // row has; renumbering those away needs no combined key.
        if codings.count == 1, n > 0 {
            let coding = codings[0]
            var used = [Int32](repeating: -1, count: levelCounts[0])
            for level in coding { used[Int(level)] = 0 }
            var present: [Int32] = []
            for level in used.indices where used[level] == 0 {
                used[level] = Int32(truncatingIfNeeded: present.count)
                present.append(Int32(truncatingIfNeeded: level))
            }
            if present.count == used.count {
                codes = coding
            } else {
                codes = used.withUnsafeBufferPointer { used in coding.map { used[Int($0)] } }
            }
            count = present.count
            levels = [present]
            return
        }
        // One coding at a time: the strata so far (fewer than the rows) times the next coding's levels
        // (fewer than 2³¹) always fits in 64 bits.
        var codes = [Int32](repeating: 0, count: n)
        var count = 1
        var levels: [[Int32]] = []
        for (coding, levelCount) in zip(codings, levelCounts) {
            var keys = [UInt64](repeating: 0, count: n)
            let radix = UInt64(levelCount)
            keys.withUnsafeMutableBufferPointer { k in
                codes.withUnsafeBufferPointer { c in
                    coding.withUnsafeBufferPointer { l in
                        for i in 0..<n { k[i] = UInt64(c[i]) &* radix &+ UInt64(l[i]) }
                    }
                }
            }
            let (dense, distinct) = Self.densify(keys, bound: UInt64(count) * radix)
            levels = levels.map { previous in distinct.map { previous[Int($0 / radix)] } }
            levels.append(distinct.map { Int32(truncatingIfNeeded: $0 % radix) })
            codes = dense
            count = distinct.count
        }
        self.codes = codes
        self.count = n == 0 ? 0 : count
        self.levels = levels
    }

    /// Keys renumbered 0..<count in ascending order, with the distinct keys in that order. Keys below a small
    /// `bound` go through a table; others through the radix sort.
    private static func densify(_ keys: [UInt64], bound: UInt64) -> (codes: [Int32], distinct: [UInt64]) {
        let n = keys.count
        var codes = [Int32](repeating: 0, count: n)
        var distinct: [UInt64] = []
        guard n > 0 else { return (codes, distinct) }
        if bound <= UInt64(max(4 * n, 1 << 16)) {
            var table = [Int32](repeating: -1, count: Int(bound))
            for key in keys { table[Int(key)] = 0 }
            var next: Int32 = 0
            for slot in 0..<table.count where table[slot] == 0 {
                table[slot] = next
                next += 1
                distinct.append(UInt64(slot))
            }
            table.withUnsafeBufferPointer { t in
                keys.withUnsafeBufferPointer { k in
                    codes.withUnsafeMutableBufferPointer { c in
                        for i in 0..<n { c[i] = t[Int(k[i])] }
                    }
                }
            }
        } else {
            let order = TimeOrder.ascending(keys: keys)
            var next: Int32 = -1
            var previous: UInt64 = 0
            for row in order {
                let key = keys[Int(row)]
                if next < 0 || key != previous {
                    next += 1
                    previous = key
                    distinct.append(key)
                }
                codes[Int(row)] = next
            }
        }
        return (codes, distinct)
    }

    private static func requireFewerRowsThanInt32(_ n: Int) throws(CoreError) {
        guard n < Int(Int32.max) else {
            throw CoreError("too many rows (\(n)); at most \(Int32.max - 1) are supported")
        }
    }
}
