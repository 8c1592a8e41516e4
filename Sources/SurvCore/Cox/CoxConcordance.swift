// Harrell's concordance of a Cox model's linear predictor as summary.coxph reports it: R's concordancefit with
// timewt "n", reverse = TRUE (higher risk should mean shorter survival), predictor ties counting 1/2, pairs
// formed only within strata, and the infinitesimal-jackknife standard error. Subjects are visited from the
// longest time down while a Fenwick tree over the predictor's ranks holds the weight of everyone still at
// risk; a second, forward pass counts for each subject the deaths it was at risk for (its share of the
// influence). Each visit is O(log n), so the whole computation is O(n log n).

/// Concordance and its standard error.
struct CoxConcordanceResult {
    var concordance: Double
    var standardError: Double
}

/// A weighted rank histogram with O(log m) prefix sums: the weight below, at and above a given rank.
/// Only the Fenwick sums are stored (8 bytes per rank, so the tree stays cache-resident as long as possible);
/// the weight at a rank falls out of the same walk that gives the weight below it.
private struct RankWeightTree {
    /// Fenwick sums, 1-based: tree[i] covers ranks (i − lowbit(i), i] in 1-based terms.
    private let tree: UnsafeMutableBufferPointer<Double>
    private(set) var total = 0.0

    init(ranks: Int) {
        tree = .allocate(capacity: ranks + 1)
        tree.initialize(repeating: 0)
    }

    func deallocate() { tree.deallocate() }

    @inline(__always)
    mutating func add(rank: Int, weight: Double) {
        total += weight
        var i = rank + 1
        let m = tree.count
        while i < m {
            tree[i] += weight
            i += i & -i
        }
    }

    /// Weights with a strictly greater rank, strictly smaller, and equal.
    @inline(__always)
    func split(rank: Int) -> (greater: Double, less: Double, equal: Double) {
        let i = rank + 1
        let stop = i - (i & -i)
        // The walk for the prefix below passes through `stop`; the part before it is what tree[i] holds
        // besides the weight at this rank.
        var below = 0.0, partial = 0.0
        var j = i - 1
        while j > stop {
            partial += tree[j]
            j -= j & -j
        }
        below = partial
        while j > 0 {
            below += tree[j]
            j -= j & -j
        }
        let equal = tree[i] - partial
        return (total - below - equal, below, equal)
    }

    /// Empties the entries a rank touched (exactly, without subtracting), ready for the next stratum.
    mutating func clear(rank: Int) {
        var i = rank + 1
        let m = tree.count
        while i < m {
            tree[i] = 0
            i += i & -i
        }
        total = 0
    }
}

enum CoxConcordance {
    /// - Parameters: rows sorted by stratum then time (as `CoxSortedData`), with the predictor in that order.
    static func compute(time: [Double], isEvent: [Bool], stratum: [Int], weight: [Double],
                        predictor: [Double]) -> CoxConcordanceResult {
        let n = time.count
        guard n > 0 else { return CoxConcordanceResult(concordance: .nan, standardError: .nan) }
        // Ranks of the predictor, exact ties sharing a rank (R matches on sort(unique(x))).
        let byPredictor = StableRadixOrder.order(predictor.map(StableRadixOrder.key))
        var rank = [Int](repeating: 0, count: n)
        var distinct = 0
        for k in 0..<n {
            let i = byPredictor[k]
            if k > 0 && predictor[i] != predictor[byPredictor[k - 1]] { distinct += 1 }
            rank[i] = distinct
        }
        var tree = RankWeightTree(ranks: distinct + 1)
        defer { tree.deallocate() }

        var concordant = 0.0, discordant = 0.0, tiedX = 0.0
        // Per-row influence on the three counts (R's imat columns 1–3).
        var influence0 = [Double](repeating: 0, count: n)
        var influence1 = influence0, influence2 = influence0

        var stratumEnd = n
        while stratumEnd > 0 {
            var stratumStart = stratumEnd - 1
            while stratumStart > 0 && stratum[stratumStart - 1] == stratum[stratumEnd - 1] { stratumStart -= 1 }

            // Backward in time: each death against everyone still at risk (later times, and censored rows at
            // its own time), split by predictor.
            var groupEnd = stratumEnd
            while groupEnd > stratumStart {
                var groupStart = groupEnd - 1
                while groupStart > stratumStart && time[groupStart - 1] == time[groupEnd - 1] { groupStart -= 1 }
                for i in groupStart..<groupEnd where !isEvent[i] { tree.add(rank: rank[i], weight: weight[i]) }
                for i in groupStart..<groupEnd where isEvent[i] {
                    let s = tree.split(rank: rank[i])
                    concordant += weight[i] * s.greater
                    discordant += weight[i] * s.less
                    tiedX += weight[i] * s.equal
                    influence0[i] += s.greater
                    influence1[i] += s.less
                    influence2[i] += s.equal
                }
                for i in groupStart..<groupEnd where isEvent[i] { tree.add(rank: rank[i], weight: weight[i]) }
                groupEnd = groupStart
            }
            for i in stratumStart..<stratumEnd { tree.clear(rank: rank[i]) }

            // Forward in time: each row against the deaths it was at risk for (earlier deaths, and for a
            // censored row the deaths at its own time): the other half of its influence.
            var groupStart = stratumStart
            while groupStart < stratumEnd {
                var groupEnd = groupStart + 1
                while groupEnd < stratumEnd && time[groupEnd] == time[groupStart] { groupEnd += 1 }
                for i in groupStart..<groupEnd where isEvent[i] {
                    let d = tree.split(rank: rank[i])
                    influence0[i] += d.less
                    influence1[i] += d.greater
                    influence2[i] += d.equal
                }
                for i in groupStart..<groupEnd where isEvent[i] { tree.add(rank: rank[i], weight: weight[i]) }
                for i in groupStart..<groupEnd where !isEvent[i] {
                    let d = tree.split(rank: rank[i])
                    influence0[i] += d.less
                    influence1[i] += d.greater
                    influence2[i] += d.equal
                }
                groupStart = groupEnd
            }
            for i in stratumStart..<stratumEnd where isEvent[i] { tree.clear(rank: rank[i]) }
            stratumEnd = stratumStart
        }

        let pairs = concordant + discordant + tiedX
        guard pairs > 0 else { return CoxConcordanceResult(concordance: .nan, standardError: .nan) }
        let somers = (concordant - discordant) / pairs
        var variance = 0.0
        for i in 0..<n {
            let dfbeta = weight[i] * ((influence0[i] - influence1[i]) / pairs
                                      - (somers / pairs) * (influence0[i] + influence1[i] + influence2[i]))
            variance += dfbeta * dfbeta
        }
        variance /= 4
        // reverse = TRUE: a larger linear predictor predicts a shorter time.
        return CoxConcordanceResult(concordance: 1 - (somers + 1) / 2, standardError: variance.squareRoot())
    }
}
