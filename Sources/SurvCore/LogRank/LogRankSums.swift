import Foundation

// The observed and expected events per group and their covariance, the sufficient statistics of every
// test in this folder. Same algorithm as R survival's survdiff (C routine survdiff2): within each
// stratum, walk the distinct times from the last to the first, accumulating the numbers at risk per group,
// and at each event time add the hypergeometric mean and covariance weighted by S(t−)^rho, S the pooled
// Kaplan–Meier curve of the stratum just before t. The prepared data already count the events and
// censorings per distinct time of each (stratum, group) cell, so the walk visits distinct times, not rows.

struct LogRankSums {
    var rowsPerGroup: [Int]
    var observed: [Double]
    var expected: [Double]
    /// groupCount × groupCount, row-major, summed over strata.
    var variance: [Double]
    var groupCount: Int

    /// Sums over rows given as arrays: each (stratum, group) combination becomes a stratum of the preparation.
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
        var codings = [group.map { Int32(truncatingIfNeeded: $0) }]
        var levelCounts = [k]
        if let strata {
            guard strata.count == n else {
                throw CoreError("strata has \(strata.count) values but there are \(n) rows")
            }
            let labels = try StratumCodes(labels: strata)
            codings.insert(labels.codes, at: 0)
            levelCounts.insert(labels.count, at: 0)
        }
        // The log-rank stratum varies slowest, so each one's cells are contiguous.
        let cells = try StratumCodes(combining: codings, levelCounts: levelCounts)
        let prepared = try SurvivalPreparation(time: time, event: event, strata: cells)
        let cellGroup = cells.levels[cells.levels.count - 1].map { Int($0) }
        let cellStratum = strata == nil ? [Int](repeating: 0, count: cells.count) : cells.levels[0].map { Int($0) }
        return compute(prepared, cellGroup: cellGroup, cellStratum: cellStratum, groupCount: k, rho: rho)
    }

    /// Sums comparing the strata of prepared data as the groups.
    static func compute(_ prepared: SurvivalPreparation, rho: Double) throws -> LogRankSums {
        try prepared.requireNonNegativeTimes()
        let k = prepared.strata
        guard k >= 2 else {
            throw CoreError("a comparison needs at least two groups, got \(k)")
        }
        guard rho.isFinite else { throw CoreError("rho must be a finite number, got \(rho)") }
        return compute(prepared, cellGroup: Array(0..<k), cellStratum: [Int](repeating: 0, count: k), groupCount: k, rho: rho)
    }

    /// - Parameters: `cellGroup` and `cellStratum` give each prepared stratum (cell) its group and its
    ///   log-rank stratum; the cells of one log-rank stratum are contiguous.
    private static func compute(_ prepared: SurvivalPreparation, cellGroup: [Int], cellStratum: [Int],
                                groupCount k: Int, rho: Double) -> LogRankSums {
        var sums = LogRankSums(rowsPerGroup: [Int](repeating: 0, count: k),
                               observed: [Double](repeating: 0, count: k),
                               expected: [Double](repeating: 0, count: k),
                               variance: [Double](repeating: 0, count: k * k), groupCount: k)
        for cell in 0..<prepared.strata { sums.rowsPerGroup[cellGroup[cell]] += prepared.rows(inStratum: cell) }
        // The cell owning each block, to find its group.
        var blockGroup = [Int](repeating: 0, count: prepared.blockTime.count)
        for cell in 0..<prepared.strata {
            for b in prepared.blocks(ofStratum: cell) { blockGroup[b] = cellGroup[cell] }
        }
        var risk = [Double](repeating: 0, count: k)
        var timeStarts: [Int] = []
        var leftSurvival: [Double] = []
        var firstCell = 0
        while firstCell < prepared.strata {
            var endCell = firstCell + 1
            while endCell < prepared.strata && cellStratum[endCell] == cellStratum[firstCell] { endCell += 1 }
            let cells = firstCell..<endCell
            firstCell = endCell
            let blocks = prepared.blocksInTimeOrder(strata: cells)
            var total = 0.0
            for cell in cells { total += Double(prepared.rows(inStratum: cell)) }
            guard total > 0 else { continue }

            // Forward: the distinct times (runs of blocks at one time) and the pooled Kaplan–Meier curve just
            // before each.
            timeStarts.removeAll(keepingCapacity: true)
            leftSurvival.removeAll(keepingCapacity: true)
            var km = 1.0
            var atRisk = total
            var i = 0
            while i < blocks.count {
                let current = prepared.blockTime[Int(blocks[i])]
                timeStarts.append(i)
                leftSurvival.append(km)
                var deaths = 0.0, leaving = 0.0
                while i < blocks.count, prepared.blockTime[Int(blocks[i])] == current {
                    let b = Int(blocks[i])
                    deaths += prepared.blockEvents[b]
                    leaving += prepared.blockEvents[b] + prepared.blockCensored[b]
                    i += 1
                }
                km *= (atRisk - deaths) / atRisk
                atRisk -= leaving
            }
            // Backward: numbers at risk per group grow as earlier times are reached.
            for r in 0..<k { risk[r] = 0 }
            var atRiskFromHere = 0.0
            var timeEnd = blocks.count
            for t in stride(from: timeStarts.count - 1, through: 0, by: -1) {
                let timeStart = timeStarts[t]
                let weight = rho == 0 ? 1 : pow(leftSurvival[t], rho)
                var deaths = 0.0
                for j in timeStart..<timeEnd {
                    let b = Int(blocks[j])
                    let g = blockGroup[b]
                    let dead = prepared.blockEvents[b]
                    risk[g] += dead + prepared.blockCensored[b]
                    atRiskFromHere += dead + prepared.blockCensored[b]
                    deaths += dead
                    sums.observed[g] += weight * dead
                }
                timeEnd = timeStart
                guard deaths > 0 else { continue }
                let atRisk = atRiskFromHere
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
        return sums
    }
}
