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
        let (rank, distinct) = PredictorRanks.of(predictor)
        let influence = ConcordanceInfluence(rows: n)
        defer { influence.deallocate() }
        var tree = RankWeightTree(ranks: distinct)
        defer { tree.deallocate() }
        let pairs = countPairs(prepared, weight: weight, rank: rank, tree: &tree, influence: influence)
        countDeathsAtRisk(prepared, weight: weight, rank: rank, tree: &tree, influence: influence)

        let total = pairs.concordant + pairs.discordant + pairs.tied
        guard total > 0 else { return CoxConcordanceResult(concordance: .nan, standardError: .nan) }
        let somers = (pairs.concordant - pairs.discordant) / total
        var variance = 0.0
        for i in 0..<n {
            let greater = influence.greater[i], less = influence.less[i], equal = influence.equal[i]
            let dfbeta = weight[i] * ((greater - less) / total - (somers / total) * (greater + less + equal))
            variance += dfbeta * dfbeta
        }
        variance /= 4
        // reverse = TRUE: a larger linear predictor predicts a shorter time.
        return CoxConcordanceResult(concordance: 1 - (somers + 1) / 2, standardError: variance.squareRoot())
    }

    /// From the last time to the first: each death against everyone still at risk (later times, and censored
    /// rows at its own time), split by predictor. Returns the weighted pair counts.
    private static func countPairs(_ prepared: SurvivalPreparation, weight: [Double], rank: [Int32],
                                   tree: inout RankWeightTree, influence: ConcordanceInfluence)
        -> (concordant: Double, discordant: Double, tied: Double) {
        let isEvent = prepared.sortedEvent
        var concordant = 0.0, discordant = 0.0, tied = 0.0
        for stratum in stride(from: prepared.strata - 1, through: 0, by: -1) {
            for block in prepared.blocks(ofStratum: stratum).reversed() {
                let group = prepared.positions(ofBlock: block)
                for i in group where !isEvent[i] { tree.add(rank: Int(rank[i]), weight: weight[i]) }
                for i in group where isEvent[i] {
                    let s = tree.split(rank: Int(rank[i]))
                    concordant += weight[i] * s.greater
                    discordant += weight[i] * s.less
                    tied += weight[i] * s.equal
                    influence.greater[i] += s.greater
                    influence.less[i] += s.less
                    influence.equal[i] += s.equal
                }
                for i in group where isEvent[i] { tree.add(rank: Int(rank[i]), weight: weight[i]) }
            }
            empty(&tree, prepared.positions(ofStratum: stratum), rank: rank) { _ in true }
        }
        return (concordant, discordant, tied)
    }

    /// From the first time to the last: each row against the deaths it was at risk for (earlier deaths, and
    /// for a censored row the deaths at its own time): the other half of its influence.
    private static func countDeathsAtRisk(_ prepared: SurvivalPreparation, weight: [Double], rank: [Int32],
                                          tree: inout RankWeightTree, influence: ConcordanceInfluence) {
        let isEvent = prepared.sortedEvent
        for stratum in stride(from: prepared.strata - 1, through: 0, by: -1) {
            for block in prepared.blocks(ofStratum: stratum) {
                let group = prepared.positions(ofBlock: block)
                for i in group where isEvent[i] {
                    let d = tree.split(rank: Int(rank[i]))
                    influence.greater[i] += d.less
                    influence.less[i] += d.greater
                    influence.equal[i] += d.equal
                }
                for i in group where isEvent[i] { tree.add(rank: Int(rank[i]), weight: weight[i]) }
                for i in group where !isEvent[i] {
                    let d = tree.split(rank: Int(rank[i]))
                    influence.greater[i] += d.less
                    influence.less[i] += d.greater
                    influence.equal[i] += d.equal
                }
            }
            empty(&tree, prepared.positions(ofStratum: stratum), rank: rank) { isEvent[$0] }
        }
    }

    /// Empties the tree for the next stratum: whole, or rank by rank (the rows `added` put in) when the
    /// stratum touched little of it.
    private static func empty(_ tree: inout RankWeightTree, _ rows: Range<Int>, rank: [Int32], added: (Int) -> Bool) {
        if rows.count * 32 > tree.capacity {
            tree.reset()
        } else {
            for i in rows where added(i) { tree.clear(rank: Int(rank[i])) }
        }
    }
}
