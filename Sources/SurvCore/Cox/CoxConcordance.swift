// Harrell's concordance of a Cox model's linear predictor as summary.coxph reports it: R's concordancefit with
// timewt "n", reverse = TRUE (higher risk should mean shorter survival), predictor ties counting 1/2, pairs
// formed only within strata, and the infinitesimal-jackknife standard error. Subjects are visited from the
// longest time down while a (two-level) Fenwick tree over the predictor's ranks holds the weight of everyone still at
// risk; a second, forward pass counts for each subject the deaths it was at risk for (its share of the
// influence). Each visit is O(log n), so the whole computation is O(n log n).

/// Concordance and its standard error.
struct CoxConcordanceResult {
    var concordance: Double
    var standardError: Double
}

/// A weighted rank histogram with O(log m) prefix sums: the weight below, at and above a given rank.
///
/// Two-level Fenwick tree: ranks are grouped in blocks of 64, a small Fenwick tree over block totals (8 bytes
/// per block, so it stays in cache even for millions of ranks) locates the block, and a 64-entry Fenwick tree
/// inside the block (512 contiguous bytes) finishes the sum. A flat tree over a million ranks would touch a
/// scattered cache line at almost every step; this layout keeps each query to one compact region.
private struct RankWeightTree {
    private static let blockBits = 6
    private static let blockSize = 1 << blockBits
    /// Fenwick sums over block totals, 1-based.
    private let top: UnsafeMutableBufferPointer<Double>
    /// Per block, a 1-based 64-entry Fenwick tree stored at [block·64 + k − 1].
    private let inner: UnsafeMutableBufferPointer<Double>
    private(set) var total = 0.0

    init(ranks: Int) {
        let blocks = (ranks >> Self.blockBits) + 1
        top = .allocate(capacity: blocks + 1)
        top.initialize(repeating: 0)
        inner = .allocate(capacity: blocks * Self.blockSize)
        inner.initialize(repeating: 0)
    }

    func deallocate() {
        top.deallocate()
        inner.deallocate()
    }

    @inline(__always)
    mutating func add(rank: Int, weight: Double) {
        total += weight
        let block = rank >> Self.blockBits
        let base = block << Self.blockBits
        var k = (rank & (Self.blockSize - 1)) + 1
        while k <= Self.blockSize {
            inner[base + k - 1] += weight
            k += k & -k
        }
        var i = block + 1
        let m = top.count
        while i < m {
            top[i] += weight
            i += i & -i
        }
    }

    /// Weights with a strictly greater rank, strictly smaller, and equal.
    @inline(__always)
    func split(rank: Int) -> (greater: Double, less: Double, equal: Double) {
        let block = rank >> Self.blockBits
        let base = block << Self.blockBits
        let k = (rank & (Self.blockSize - 1)) + 1
        // Within the block: the walk for ranks below passes through k − lowbit(k); the part before that is
        // what entry k holds besides the weight at this rank.
        let stop = k - (k & -k)
        var partial = 0.0
        var j = k - 1
        while j > stop {
            partial += inner[base + j - 1]
            j -= j & -j
        }
        var below = partial
        while j > 0 {
            below += inner[base + j - 1]
            j -= j & -j
        }
        let equal = inner[base + k - 1] - partial
        var i = block
        while i > 0 {
            below += top[i]
            i -= i & -i
        }
        return (total - below - equal, below, equal)
    }

    /// Storage size: above a few percent of it, zeroing everything is cheaper than undoing ranks one by one.
    var capacity: Int { top.count + inner.count }

    mutating func reset() {
        top.update(repeating: 0)
        inner.update(repeating: 0)
        total = 0
    }

    /// Empties the entries a rank touched (exactly, without subtracting), ready for the next stratum.
    mutating func clear(rank: Int) {
        let block = rank >> Self.blockBits
        let base = block << Self.blockBits
        var k = (rank & (Self.blockSize - 1)) + 1
        while k <= Self.blockSize {
            inner[base + k - 1] = 0
            k += k & -k
        }
        var i = block + 1
        let m = top.count
        while i < m {
            top[i] = 0
            i += i & -i
        }
        total = 0
    }
}

enum CoxConcordance {
    /// - Parameters: the prepared data's order, ties and strata, with the weight and predictor at each
    ///   sorted position.
    static func compute(_ prepared: SurvivalPreparation, weight: [Double], predictor: [Double]) -> CoxConcordanceResult {
        let n = predictor.count
        guard n > 0 else { return CoxConcordanceResult(concordance: .nan, standardError: .nan) }
        let isEvent = prepared.sortedEvent
        // Ranks of the predictor, exact ties sharing a rank (R matches on sort(unique(x))).
        let byPredictor = TimeOrder.ascending(predictor)
        var rank = [Int](repeating: 0, count: n)
        var distinct = 0
        for k in 0..<n {
            let i = Int(byPredictor[k])
            if k > 0 && predictor[i] != predictor[Int(byPredictor[k - 1])] { distinct += 1 }
            rank[i] = distinct
        }
        var tree = RankWeightTree(ranks: distinct + 1)
        defer { tree.deallocate() }

        var concordant = 0.0, discordant = 0.0, tiedX = 0.0
        // Per-row influence on the three counts (R's imat columns 1–3).
        var influence0 = [Double](repeating: 0, count: n)
        var influence1 = influence0, influence2 = influence0

        for stratum in stride(from: prepared.strata - 1, through: 0, by: -1) {
            let rows = prepared.positions(ofStratum: stratum)
            let blocks = prepared.blocks(ofStratum: stratum)
            guard !rows.isEmpty else { continue }

            // Backward in time: each death against everyone still at risk (later times, and censored rows at
            // its own time), split by predictor.
            for block in blocks.reversed() {
                let group = prepared.positions(ofBlock: block)
                for i in group where !isEvent[i] { tree.add(rank: rank[i], weight: weight[i]) }
                for i in group where isEvent[i] {
                    let s = tree.split(rank: rank[i])
                    concordant += weight[i] * s.greater
                    discordant += weight[i] * s.less
                    tiedX += weight[i] * s.equal
                    influence0[i] += s.greater
                    influence1[i] += s.less
                    influence2[i] += s.equal
                }
                for i in group where isEvent[i] { tree.add(rank: rank[i], weight: weight[i]) }
            }
            if rows.count * 32 > tree.capacity {
                tree.reset()
            } else {
                for i in rows { tree.clear(rank: rank[i]) }
            }

            // Forward in time: each row against the deaths it was at risk for (earlier deaths, and for a
            // censored row the deaths at its own time): the other half of its influence.
            for block in blocks {
                let group = prepared.positions(ofBlock: block)
                for i in group where isEvent[i] {
                    let d = tree.split(rank: rank[i])
                    influence0[i] += d.less
                    influence1[i] += d.greater
                    influence2[i] += d.equal
                }
                for i in group where isEvent[i] { tree.add(rank: rank[i], weight: weight[i]) }
                for i in group where !isEvent[i] {
                    let d = tree.split(rank: rank[i])
                    influence0[i] += d.less
                    influence1[i] += d.greater
                    influence2[i] += d.equal
                }
            }
            if stratum > 0 {
                if rows.count * 32 > tree.capacity {
                    tree.reset()
                } else {
                    for i in rows where isEvent[i] { tree.clear(rank: rank[i]) }
                }
            }
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
