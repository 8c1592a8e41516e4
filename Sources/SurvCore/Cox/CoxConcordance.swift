// Harrell's concordance of a Cox model's linear predictor as summary.coxph reports it: R's concordancefit with
// timewt "n", reverse = TRUE (higher risk should mean shorter survival), predictor ties counting 1/2, pairs
// formed only within strata, and the infinitesimal-jackknife standard error. Subjects are visited from the
// longest time down while a Fenwick tree over the predictor's ranks holds the weight of everyone still at
// risk and of the deaths seen so far; each visit is O(log n), so the whole computation is O(n log n).

/// Concordance and its standard error.
struct CoxConcordanceResult {
    var concordance: Double
    var standardError: Double
}

/// Two weighted rank histograms (at risk, deaths) with O(log m) prefix sums, interleaved so that the two
/// queries made for one subject share cache lines.
private struct RankWeightTrees {
    /// Fenwick sums: [2·i] at risk, [2·i + 1] deaths, for i in 1...m.
    private var tree: [Double]
    /// Weight exactly at each rank: [2·r] at risk, [2·r + 1] deaths.
    private var node: [Double]
    private(set) var totalAtRisk = 0.0
    private(set) var totalDeaths = 0.0
    private let size: Int

    init(ranks: Int) {
        size = ranks
        tree = [Double](repeating: 0, count: 2 * (ranks + 1))
        node = [Double](repeating: 0, count: 2 * ranks)
    }

    /// `lane` 0 = at risk, 1 = deaths.
    @inline(__always)
    mutating func add(rank: Int, weight: Double, lane: Int) {
        node[2 * rank + lane] += weight
        if lane == 0 { totalAtRisk += weight } else { totalDeaths += weight }
        var i = rank + 1
        tree.withUnsafeMutableBufferPointer { t in
            while i <= size {
                t[2 * i + lane] += weight
                i += i & -i
            }
        }
    }

    /// Weights with a strictly greater rank, strictly smaller, and equal, in one lane.
    @inline(__always)
    func split(rank: Int, lane: Int) -> (greater: Double, less: Double, equal: Double) {
        var below = 0.0
        var i = rank
        tree.withUnsafeBufferPointer { t in
            while i > 0 {
                below += t[2 * i + lane]
                i -= i & -i
            }
        }
        let equal = node[2 * rank + lane]
        let total = lane == 0 ? totalAtRisk : totalDeaths
        return (total - below - equal, below, equal)
    }

    /// Empties the entries a rank touched (exactly, without subtracting), ready for the next stratum.
    mutating func clear(rank: Int) {
        node[2 * rank] = 0
        node[2 * rank + 1] = 0
        var i = rank + 1
        while i <= size {
            tree[2 * i] = 0
            tree[2 * i + 1] = 0
            i += i & -i
        }
        totalAtRisk = 0
        totalDeaths = 0
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
        var trees = RankWeightTrees(ranks: distinct + 1)

        var concordant = 0.0, discordant = 0.0, tiedX = 0.0
        // Per-row influence on the three counts (R's imat columns 1–3).
        var influence0 = [Double](repeating: 0, count: n)
        var influence1 = influence0, influence2 = influence0

        var stratumEnd = n
        while stratumEnd > 0 {
            var stratumStart = stratumEnd - 1
            while stratumStart > 0 && stratum[stratumStart - 1] == stratum[stratumEnd - 1] { stratumStart -= 1 }
            // Walk time groups from the latest down.
            var groupEnd = stratumEnd
            while groupEnd > stratumStart {
                var groupStart = groupEnd - 1
                while groupStart > stratumStart && time[groupStart - 1] == time[groupEnd - 1] { groupStart -= 1 }
                // Censored rows at this time are at risk for its deaths: they enter first.
                for i in groupStart..<groupEnd where !isEvent[i] {
                    let d = trees.split(rank: rank[i], lane: 1)
                    influence0[i] -= d.less
                    influence1[i] -= d.greater
                    influence2[i] -= d.equal
                    trees.add(rank: rank[i], weight: weight[i], lane: 0)
                }
                // Each death is compared with everyone at risk after it, then the tied deaths enter together.
                var anyDeath = false
                for i in groupStart..<groupEnd where isEvent[i] {
                    anyDeath = true
                    let s = trees.split(rank: rank[i], lane: 0)
                    concordant += weight[i] * s.greater
                    discordant += weight[i] * s.less
                    tiedX += weight[i] * s.equal
                    influence0[i] += s.greater
                    influence1[i] += s.less
                    influence2[i] += s.equal
                    trees.add(rank: rank[i], weight: weight[i], lane: 1)
                }
                if anyDeath {
                    for i in groupStart..<groupEnd where isEvent[i] {
                        let d = trees.split(rank: rank[i], lane: 1)
                        influence0[i] -= d.less
                        influence1[i] -= d.greater
                        influence2[i] -= d.equal
                        trees.add(rank: rank[i], weight: weight[i], lane: 0)
                    }
                }
                groupEnd = groupStart
            }
            // Deaths earlier than each row, split by predictor: the rest of its influence.
            for i in stratumStart..<stratumEnd {
                let d = trees.split(rank: rank[i], lane: 1)
                influence0[i] += d.less
                influence1[i] += d.greater
                influence2[i] += d.equal
            }
            if stratumStart > 0 {
                for i in stratumStart..<stratumEnd { trees.clear(rank: rank[i]) }
            }
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
