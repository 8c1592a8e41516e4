import Foundation

// Harrell's concordance of a Cox model's linear predictor as summary.coxph reports it: R's concordancefit with
// timewt "n", reverse = TRUE (higher risk should mean shorter survival), predictor ties counting 1/2, pairs
// formed only within strata, and the infinitesimal-jackknife standard error. Subjects are visited from the
// longest time down while a `RankWeightTree` over the predictor's ranks holds the weight of everyone still at
// risk; a second, forward pass counts for each subject the deaths it was at risk for (its share of the
// influence). Each visit is O(log n), so the whole computation is O(n log n).

/// Concordance and its standard error.
struct CoxConcordanceResult {
    var concordance: Double
    var standardError: Double
}

enum CoxConcordance {
    /// - Parameters: the prepared data's order, ties and strata, with the weight and predictor at each
    ///   sorted position.
    static func compute(_ prepared: SurvivalPreparation, weight: [Double], predictor: [Double]) -> CoxConcordanceResult {
        let n = predictor.count
        guard n > 0, prepared.rows == n, weight.count == n else {
            return CoxConcordanceResult(concordance: .nan, standardError: .nan)
        }
        // Ranks of the predictor, exact ties sharing a rank (R matches on sort(unique(x))).
        let byPredictor = TimeOrder.ascending(predictor)
        var rank = [Int](repeating: 0, count: n)
        var distinct = 0
        for k in 0..<n {
            let i = Int(byPredictor[k])
            if k > 0 && predictor[i] != predictor[Int(byPredictor[k - 1])] { distinct += 1 }
            rank[i] = distinct
        }
        // The two passes share nothing they write, so a second core runs one while the first runs the other.
        let passes = ConcordancePasses(prepared: prepared, weight: weight, rank: rank, ranks: distinct + 1)
        defer { passes.deallocate() }
        DispatchQueue.concurrentPerform(iterations: 2) { pass in
            if pass == 0 { passes.backward() } else { passes.forward() }
        }

        let pairs = passes.concordant + passes.discordant + passes.tiedX
        guard pairs > 0 else { return CoxConcordanceResult(concordance: .nan, standardError: .nan) }
        let somers = (passes.concordant - passes.discordant) / pairs
        var variance = 0.0
        let deaths = passes.againstDeaths, atRisk = passes.againstAtRisk
        for i in 0..<n {
            // Per row, its influence on the three counts (R's imat columns 1–3), from both passes.
            let greater = deaths.greater[i] + atRisk.greater[i]
            let less = deaths.less[i] + atRisk.less[i]
            let equal = deaths.equal[i] + atRisk.equal[i]
            let dfbeta = weight[i] * ((greater - less) / pairs - (somers / pairs) * (greater + less + equal))
            variance += dfbeta * dfbeta
        }
        variance /= 4
        // reverse = TRUE: a larger linear predictor predicts a shorter time.
        return CoxConcordanceResult(concordance: 1 - (somers + 1) / 2, standardError: variance.squareRoot())
    }
}

/// Per row, weights split by predictor rank: greater, less and equal.
private struct RankSplitSums {
    let greater: UnsafeMutableBufferPointer<Double>
    let less: UnsafeMutableBufferPointer<Double>
    let equal: UnsafeMutableBufferPointer<Double>

    init(rows n: Int) {
        greater = .allocate(capacity: n)
        less = .allocate(capacity: n)
        equal = .allocate(capacity: n)
        greater.initialize(repeating: 0)
        less.initialize(repeating: 0)
        equal.initialize(repeating: 0)
    }

    func deallocate() {
        greater.deallocate()
        less.deallocate()
        equal.deallocate()
    }
}

/// The backward and the forward pass of the concordance, each with a tree and outputs of its own. Shared with
/// the thread running the other pass only through immutable inputs; the class is @unchecked Sendable for that.
private final class ConcordancePasses: @unchecked Sendable {
    let prepared: SurvivalPreparation
    let weight: [Double]
    let rank: [Int]
    let ranks: Int
    /// Backward pass: each death against everyone still at risk.
    private(set) var concordant = 0.0, discordant = 0.0, tiedX = 0.0
    let againstDeaths: RankSplitSums
    /// Forward pass: each row against the deaths it was at risk for.
    let againstAtRisk: RankSplitSums

    init(prepared: SurvivalPreparation, weight: [Double], rank: [Int], ranks: Int) {
        self.prepared = prepared
        self.weight = weight
        self.rank = rank
        self.ranks = ranks
        againstDeaths = RankSplitSums(rows: rank.count)
        againstAtRisk = RankSplitSums(rows: rank.count)
    }

    func deallocate() {
        againstDeaths.deallocate()
        againstAtRisk.deallocate()
    }

    /// From the last time to the first: each death against everyone still at risk (later times, and censored
    /// rows at its own time), split by predictor.
    func backward() {
        let isEvent = prepared.sortedEvent
        var tree = RankWeightTree(ranks: ranks)
        defer { tree.deallocate() }
        let out = againstDeaths
        var concordant = 0.0, discordant = 0.0, tiedX = 0.0
        for stratum in stride(from: prepared.strata - 1, through: 0, by: -1) {
            let rows = prepared.positions(ofStratum: stratum)
            guard !rows.isEmpty else { continue }
            for block in prepared.blocks(ofStratum: stratum).reversed() {
                let group = prepared.positions(ofBlock: block)
                for i in group where !isEvent[i] { tree.add(rank: rank[i], weight: weight[i]) }
                for i in group where isEvent[i] {
                    let s = tree.split(rank: rank[i])
                    concordant += weight[i] * s.greater
                    discordant += weight[i] * s.less
                    tiedX += weight[i] * s.equal
                    out.greater[i] += s.greater
                    out.less[i] += s.less
                    out.equal[i] += s.equal
                }
                for i in group where isEvent[i] { tree.add(rank: rank[i], weight: weight[i]) }
            }
            if stratum > 0 { empty(&tree, rows: rows, onlyEvents: false) }
        }
        self.concordant = concordant
        self.discordant = discordant
        self.tiedX = tiedX
    }

    /// From the first time to the last: each row against the deaths it was at risk for (earlier deaths, and
    /// for a censored row the deaths at its own time): the other half of its influence.
    func forward() {
        let isEvent = prepared.sortedEvent
        var tree = RankWeightTree(ranks: ranks)
        defer { tree.deallocate() }
        let out = againstAtRisk
        for stratum in stride(from: prepared.strata - 1, through: 0, by: -1) {
            let rows = prepared.positions(ofStratum: stratum)
            guard !rows.isEmpty else { continue }
            for block in prepared.blocks(ofStratum: stratum) {
                let group = prepared.positions(ofBlock: block)
                for i in group where isEvent[i] {
                    let d = tree.split(rank: rank[i])
                    out.greater[i] += d.less
                    out.less[i] += d.greater
                    out.equal[i] += d.equal
                }
                for i in group where isEvent[i] { tree.add(rank: rank[i], weight: weight[i]) }
                for i in group where !isEvent[i] {
                    let d = tree.split(rank: rank[i])
                    out.greater[i] += d.less
                    out.less[i] += d.greater
                    out.equal[i] += d.equal
                }
            }
            if stratum > 0 { empty(&tree, rows: rows, onlyEvents: true) }
        }
    }

    /// Empties the tree for the next stratum: whole, or rank by rank when the stratum touched little of it.
    private func empty(_ tree: inout RankWeightTree, rows: Range<Int>, onlyEvents: Bool) {
        if rows.count * 32 > tree.capacity {
            tree.reset()
        } else {
            let isEvent = prepared.sortedEvent
            for i in rows where !onlyEvents || isEvent[i] { tree.clear(rank: rank[i]) }
        }
    }
}
