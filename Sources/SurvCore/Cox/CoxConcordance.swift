// Harrell's concordance of a Cox model's linear predictor as summary.coxph reports it: R's concordancefit with
// timewt "n", reverse = TRUE (higher risk should mean shorter survival), predictor ties counting 1/2, pairs
// formed only within strata, and the infinitesimal-jackknife standard error. Subjects are visited from the
// longest time down while two Fenwick trees over the predictor's ranks hold the weight of everyone still at
// risk and of the deaths seen so far; each visit is O(log n), so the whole computation is O(n log n).

/// Concordance and its standard error.
struct CoxConcordanceResult {
    var concordance: Double
    var standardError: Double
}

/// Weighted counts per rank with O(log m) prefix sums: the weight below, at and above a given rank.
private struct RankWeightTree {
    private var tree: [Double]
    private var node: [Double]
    private(set) var total = 0.0

    init(ranks: Int) {
        tree = [Double](repeating: 0, count: ranks + 1)
        node = [Double](repeating: 0, count: ranks)
    }

    mutating func add(rank: Int, weight: Double) {
        node[rank] += weight
        total += weight
        var i = rank + 1
        while i < tree.count {
            tree[i] += weight
            i += i & -i
        }
    }

    /// Weights with a strictly greater rank, strictly smaller, and equal.
    func split(rank: Int) -> (greater: Double, less: Double, equal: Double) {
        var below = 0.0
        var i = rank
        while i > 0 {
            below += tree[i]
            i -= i & -i
        }
        let equal = node[rank]
        return (total - below - equal, below, equal)
    }
}

enum CoxConcordance {
    static func compute(time: [Double], event: [Bool], predictor: [Double], strata: [Int]?,
                        weights: [Double]?) -> CoxConcordanceResult {
        let n = time.count
        guard n > 0 else { return CoxConcordanceResult(concordance: .nan, standardError: .nan) }
        // Ranks of the predictor, exact ties sharing a rank (R matches on sort(unique(x))).
        let byPredictor = (0..<n).sorted { predictor[$0] < predictor[$1] }
        var rank = [Int](repeating: 0, count: n)
        var distinct = 0
        for (k, i) in byPredictor.enumerated() {
            if k > 0 && predictor[i] != predictor[byPredictor[k - 1]] { distinct += 1 }
            rank[i] = distinct
        }
        let rankCount = distinct + 1
        let w = weights ?? [Double](repeating: 1, count: n)

        // R's sort order within a stratum: time descending, censored before deaths, then predictor ascending.
        let order = (0..<n).sorted { a, b in
            let sa = strata?[a] ?? 0, sb = strata?[b] ?? 0
            if sa != sb { return sa < sb }
            if time[a] != time[b] { return time[a] > time[b] }
            if event[a] != event[b] { return !event[a] }
            return predictor[a] < predictor[b]
        }

        var concordant = 0.0, discordant = 0.0, tiedX = 0.0
        // Per-subject influence on the three counts (R's imat columns 1–3).
        var influence0 = [Double](repeating: 0, count: n)
        var influence1 = influence0, influence2 = influence0

        var start = 0
        while start < n {
            var end = start + 1
            let stratum = strata?[order[start]] ?? 0
            while end < n && (strata?[order[end]] ?? 0) == stratum { end += 1 }
            var atRisk = RankWeightTree(ranks: rankCount)
            var deaths = RankWeightTree(ranks: rankCount)
            var i = start
            while i < end {
                let ii = order[i]
                if !event[ii] {
                    let d = deaths.split(rank: rank[ii])
                    influence0[ii] -= d.less
                    influence1[ii] -= d.greater
                    influence2[ii] -= d.equal
                    atRisk.add(rank: rank[ii], weight: w[ii])
                    i += 1
                    continue
                }
                // A group of deaths tied in time: compare each with everyone later, then add them together.
                var j = i
                while j < end && time[order[j]] == time[ii] {
                    let jj = order[j]
                    let s = atRisk.split(rank: rank[jj])
                    concordant += w[jj] * s.greater
                    discordant += w[jj] * s.less
                    tiedX += w[jj] * s.equal
                    influence0[jj] += s.greater
                    influence1[jj] += s.less
                    influence2[jj] += s.equal
                    deaths.add(rank: rank[jj], weight: w[jj])
                    j += 1
                }
                for k in i..<j {
                    let kk = order[k]
                    let d = deaths.split(rank: rank[kk])
                    influence0[kk] -= d.less
                    influence1[kk] -= d.greater
                    influence2[kk] -= d.equal
                    atRisk.add(rank: rank[kk], weight: w[kk])
                }
                i = j
            }
            for k in start..<end {
                let kk = order[k]
                let d = deaths.split(rank: rank[kk])
                influence0[kk] += d.less
                influence1[kk] += d.greater
                influence2[kk] += d.equal
            }
            start = end
        }

        let pairs = concordant + discordant + tiedX
        guard pairs > 0 else { return CoxConcordanceResult(concordance: .nan, standardError: .nan) }
        let somers = (concordant - discordant) / pairs
        var variance = 0.0
        for i in 0..<n {
            let dfbeta = w[i] * ((influence0[i] - influence1[i]) / pairs
                                 - (somers / pairs) * (influence0[i] + influence1[i] + influence2[i]))
            variance += dfbeta * dfbeta
        }
        variance /= 4
        // reverse = TRUE: a larger linear predictor predicts a shorter time.
        return CoxConcordanceResult(concordance: 1 - (somers + 1) / 2, standardError: variance.squareRoot())
    }
}
