import Foundation

// The observed and expected events per group and their covariance, the sufficient statistics of every
// test in this folder. Same algorithm as R survival's survdiff (C routine survdiff2): within each
// stratum, walk the distinct times from the last to the first, accumulating the numbers at risk per group,
// and at each event time add the hypergeometric mean and covariance weighted by S(t−)^rho, S the pooled
// Kaplan–Meier curve of the stratum just before t.

struct LogRankSums {
    var rowsPerGroup: [Int]
    var observed: [Double]
    var expected: [Double]
    /// groupCount × groupCount, row-major, summed over strata.
    var variance: [Double]
    var groupCount: Int

    static func compute(time: [Double], event: [Bool], group: [Int], groupCount k: Int,
                        strata: [Int]?, rho: Double) throws -> LogRankSums {
        try SurvivalInput.validate(time: time, event: event)
        let n = time.count
        guard k >= 2 else {
            throw CoreError("a comparison needs at least two groups, got \(k)")
        }
        guard group.count == n else {
            throw CoreError("group has \(group.count) values but there are \(n) rows")
        }
        for (i, g) in group.enumerated() where !(0..<k).contains(g) {
            throw CoreError("group code \(g) in row \(i + 1) is outside 0..<\(k)")
        }
        guard rho.isFinite else { throw CoreError("rho must be a finite number, got \(rho)") }

        // Rows ordered by stratum, then time: one radix sort by time and a stable counting pass by stratum.
        let byTime = TimeOrder.ascending(time)
        // survdiff merges times that differ only by rounding noise before comparing them.
        let time = TimeFix.fixedTimes(time, order: byTime) ?? time
        var order = byTime
        var stratumBounds = [0, n]
        if let strata {
            guard strata.count == n else {
                throw CoreError("strata has \(strata.count) values but there are \(n) rows")
            }
            let (dense, stratumCount) = denseCodes(strata)
            var starts = [Int](repeating: 0, count: stratumCount + 1)
            for i in 0..<n { starts[dense[i] + 1] += 1 }
            for s in 0..<stratumCount { starts[s + 1] += starts[s] }
            stratumBounds = starts
            var next = starts
            for row in byTime {
                let s = dense[Int(row)]
                order[next[s]] = row
                next[s] += 1
            }
        }

        var sums = LogRankSums(rowsPerGroup: [Int](repeating: 0, count: k),
                               observed: [Double](repeating: 0, count: k),
                               expected: [Double](repeating: 0, count: k),
                               variance: [Double](repeating: 0, count: k * k), groupCount: k)
        for g in group { sums.rowsPerGroup[g] += 1 }
        var risk = [Double](repeating: 0, count: k)
        var blockStarts: [Int] = []
        var leftSurvival: [Double] = []
        time.withUnsafeBufferPointer { t in
            event.withUnsafeBufferPointer { e in
                group.withUnsafeBufferPointer { g in
                    order.withUnsafeBufferPointer { o in
                        for s in 0..<(stratumBounds.count - 1) {
                            let start = stratumBounds[s], end = stratumBounds[s + 1]
                            guard start < end else { continue }
                            // Forward: distinct-time blocks and the pooled Kaplan–Meier curve just before each.
                            blockStarts.removeAll(keepingCapacity: true)
                            leftSurvival.removeAll(keepingCapacity: true)
                            var km = 1.0
                            var i = start
                            while i < end {
                                let current = t[Int(o[i])]
                                blockStarts.append(i)
                                leftSurvival.append(km)
                                var deaths = 0.0
                                let atRisk = Double(end - i)
                                while i < end, t[Int(o[i])] == current {
                                    if e[Int(o[i])] { deaths += 1 }
                                    i += 1
                                }
                                km *= (atRisk - deaths) / atRisk
                            }
                            // Backward: numbers at risk per group grow as earlier times are reached.
                            for r in 0..<k { risk[r] = 0 }
                            var blockEnd = end
                            for b in stride(from: blockStarts.count - 1, through: 0, by: -1) {
                                let blockStart = blockStarts[b]
                                let weight = rho == 0 ? 1 : pow(leftSurvival[b], rho)
                                var deaths = 0.0
                                for j in blockStart..<blockEnd {
                                    let row = Int(o[j])
                                    let gr = g[row]
                                    risk[gr] += 1
                                    if e[row] {
                                        deaths += 1
                                        sums.observed[gr] += weight
                                    }
                                }
                                blockEnd = blockStart
                                guard deaths > 0 else { continue }
                                let atRisk = Double(end - blockStart)
                                for r in 0..<k { sums.expected[r] += weight * deaths * risk[r] / atRisk }
                                // A lone subject at risk carries no variance.
                                guard atRisk > 1 else { continue }
                                let factor = weight * weight * deaths * (atRisk - deaths) / (atRisk * (atRisk - 1))
                                for r in 0..<k {
                                    let tmp = factor * risk[r]
                                    guard tmp != 0 else { continue }
                                    sums.variance[r * k + r] += tmp
                                    for c in 0..<k { sums.variance[r * k + c] -= tmp * risk[c] / atRisk }
                                }
                            }
                        }
                    }
                }
            }
        }
        return sums
    }
}

/// Stratum labels renumbered 0..<count in order of first appearance. Labels in a compact range (the usual
/// 0..<k codes) go through an array; anything else through a dictionary.
private func denseCodes(_ labels: [Int]) -> (codes: [Int], count: Int) {
    var codes = [Int](repeating: 0, count: labels.count)
    guard let lo = labels.min(), let hi = labels.max() else { return (codes, 0) }
    var count = 0
    let (span, overflow) = hi.subtractingReportingOverflow(lo)
    if !overflow, span < max(labels.count, 1 << 16) {
        var table = [Int](repeating: -1, count: span + 1)
        for (i, label) in labels.enumerated() {
            let slot = label - lo
            if table[slot] < 0 { table[slot] = count; count += 1 }
            codes[i] = table[slot]
        }
    } else {
        var table: [Int: Int] = [:]
        for (i, label) in labels.enumerated() {
            if let c = table[label] { codes[i] = c } else { table[label] = count; codes[i] = count; count += 1 }
        }
    }
    return (codes, count)
}

enum LinearSolve {
    /// Solves A x = b by Gaussian elimination with partial pivoting (A is m × m, row-major);
    /// `nil` when A is singular to working precision.
    static func solve(_ a: [Double], _ b: [Double]) -> [Double]? {
        let m = b.count
        guard a.count == m * m else { return nil }
        var a = a, x = b
        let scale = a.map(abs).max() ?? 0
        guard scale > 0 else { return nil }
        for col in 0..<m {
            var pivot = col
            for r in (col + 1)..<max(col + 1, m) where abs(a[r * m + col]) > abs(a[pivot * m + col]) { pivot = r }
            guard abs(a[pivot * m + col]) > scale * 1e-13 else { return nil }
            if pivot != col {
                for c in 0..<m { a.swapAt(col * m + c, pivot * m + c) }
                x.swapAt(col, pivot)
            }
            let p = a[col * m + col]
            for r in (col + 1)..<max(col + 1, m) {
                let f = a[r * m + col] / p
                guard f != 0 else { continue }
                for c in col..<m { a[r * m + c] -= f * a[col * m + c] }
                x[r] -= f * x[col]
            }
        }
        for col in stride(from: m - 1, through: 0, by: -1) {
            var v = x[col]
            for c in (col + 1)..<max(col + 1, m) { v -= a[col * m + c] * x[c] }
            x[col] = v / a[col * m + col]
        }
        return x
    }
}
