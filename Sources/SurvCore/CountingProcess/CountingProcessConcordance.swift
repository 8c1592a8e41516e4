// Harrell's concordance of a Cox model on (start, stop] intervals, as `summary.coxph` reports it: each event
// is compared with the rows at risk at its time in its stratum (rows dying at the same time are tied on time
// and left out); a higher linear predictor for the one who dies is concordant, equal predictors count half.
// Its standard error is R's infinitesimal jackknife (concordancefit): each row's share of the concordant,
// discordant and tied pairs gives its influence on Somers' d, summed within clusters when the model has
// `cluster()`, as coxph passes its clusters on.
//
// As R's concordance5 does it, in O(n log n): within a stratum the stop times are visited from the last to
// the first; a row joins a `RankWeightTree` of the risk set over the predictor's ranks at its stop, and leaves
// it once the visit reaches its start, so each event is split against the rows at risk in O(log n). A second
// tree holds the events already visited (those after the current time). A row at risk is in a pair with each
// event in (start, stop] (in (start, stop) for a row that dies, its own time's deaths being tied with it),
// which is the events after its start less the events after its stop: it reads the second tree once when it
// joins and once when it leaves, and the difference is its side of the pairs. Every weight is a whole count,
// so these sums and differences are exact.

enum CountingProcessConcordance {
    static func compute(likelihood: CountingProcessLikelihood, eta: [Double],
                        cluster: [Int]?) throws(CoreError) -> (concordance: Double, standardError: Double) {
        let n = likelihood.n
        // A predictor that is not a number has no rank (and is in no pair R could form).
        guard n > 0, eta.count == n, !eta.contains(where: \.isNaN) else { return (.nan, .nan) }
        let (rank, distinct) = PredictorRanks.of(eta)
        let influence = ConcordanceInfluence(rows: n)
        defer { influence.deallocate() }
        var atRisk = RankWeightTree(ranks: distinct)
        defer { atRisk.deallocate() }
        var eventsAfter = RankWeightTree(ranks: distinct)
        defer { eventsAfter.deallocate() }

        var pairs = PairCounts()
        for s in likelihood.byStop.indices {
            try countPairs(likelihood, stratum: s, rank: rank, atRisk: &atRisk, eventsAfter: &eventsAfter,
                           influence: influence, pairs: &pairs)
            // Every row that joined the risk set has left it (whole counts: exactly zero again); the events'
            // tree is emptied for the next stratum.
            let rows = likelihood.byStop[s]
            if rows.count * 32 > eventsAfter.capacity {
                eventsAfter.reset()
            } else {
                for i in rows where likelihood.event[i] { eventsAfter.clear(rank: Int(rank[i])) }
            }
        }

        let total = pairs.concordant + pairs.discordant + pairs.tied
        guard total > 0 else { return (.nan, .nan) }
        let somers = (pairs.concordant - pairs.discordant) / total
        // Concordant pairs are those whose row at risk has the smaller predictor.
        func dfbeta(_ k: Int) -> Double {
            let less = influence.less[k], greater = influence.greater[k], equal = influence.equal[k]
            return (less - greater) / total - (somers / total) * (less + greater + equal)
        }
        var variance = 0.0
        if let cluster, cluster.count == n {
            var sums = [Double](repeating: 0, count: (cluster.max() ?? 0) + 1)
            for k in 0..<n { sums[cluster[k]] += dfbeta(k) }
            for sum in sums { variance += sum * sum }
        } else {
            for k in 0..<n {
                let d = dfbeta(k)
                variance += d * d
            }
        }
        return ((somers + 1) / 2, (variance / 4).squareRoot())
    }

    private struct PairCounts {
        var concordant = 0.0, discordant = 0.0, tied = 0.0
    }

    /// One stratum, its stop times from the last to the first.
    private static func countPairs(_ likelihood: CountingProcessLikelihood, stratum s: Int, rank: [Int32],
                                   atRisk: inout RankWeightTree, eventsAfter: inout RankWeightTree,
                                   influence: ConcordanceInfluence, pairs: inout PairCounts) throws(CoreError) {
        let (start, stop, event) = (likelihood.start, likelihood.stop, likelihood.event)
        let down = likelihood.byStop[s], leaving = likelihood.byStart[s]
        // A row at risk against the events in the tree: those with the smaller predictor make pairs in which
        // the row at risk has the greater one. Added when the row leaves, taken off when it joins.
        func pairWithEvents(_ j: Int, sign: Double) {
            let e = eventsAfter.split(rank: Int(rank[j]))
            influence.greater[j] += sign * e.less
            influence.less[j] += sign * e.greater
            influence.equal[j] += sign * e.equal
        }
        var removed = 0
        var first = 0
        var sinceCheckpoint = 0
        while first < down.count {
            let t = stop[down[first]]
            var end = first + 1
            while end < down.count && stop[down[end]] == t { end += 1 }
            sinceCheckpoint += end - first
            if sinceCheckpoint >= 1 << 14 {
                try Interruption.checkpoint()
                sinceCheckpoint = 0
            }
            // Rows starting at or after t are not at risk at t: the events after their start are exactly those
            // visited so far (no stop time lies between t and the previous one).
            while removed < leaving.count && start[leaving[removed]] >= t {
                let j = leaving[removed]
                removed += 1
                pairWithEvents(j, sign: 1)
                atRisk.add(rank: Int(rank[j]), weight: -1)
            }
            let group = down[first..<end]
            // A row censored at t is at risk for the deaths at t: it takes off only the events after t.
            for j in group where !event[j] {
                pairWithEvents(j, sign: -1)
                atRisk.add(rank: Int(rank[j]), weight: 1)
            }
            // Each death against the rows at risk, without the other deaths at t (tied on time).
            for i in group where event[i] {
                let r = atRisk.split(rank: Int(rank[i]))
                pairs.concordant += r.less
                pairs.discordant += r.greater
                pairs.tied += r.equal
                influence.greater[i] += r.greater
                influence.less[i] += r.less
                influence.equal[i] += r.equal
            }
            for i in group where event[i] {
                atRisk.add(rank: Int(rank[i]), weight: 1)
                eventsAfter.add(rank: Int(rank[i]), weight: 1)
            }
            // A row dying at t is in no pair with the deaths at t: it takes off the events at or after t.
            for j in group where event[j] { pairWithEvents(j, sign: -1) }
            first = end
        }
        // The rows still at risk started before the stratum's first stop: every event of it is after their start.
        while removed < leaving.count {
            let j = leaving[removed]
            removed += 1
            pairWithEvents(j, sign: 1)
            atRisk.add(rank: Int(rank[j]), weight: -1)
        }
    }
}
