import Foundation

/// R's robust variance for `coxph(..., cluster = id)`: each row's score residual times the model-based variance
/// (its dfbeta), summed within clusters, and the crossproduct of those sums. A subject's intervals then count as
/// one correlated unit, which is what recurrent events and split follow-up need.
enum CountingProcessSandwich {
    static func variance(likelihood: CountingProcessLikelihood, eta: [Double], naive: [Double], cluster: [Int]) throws(CoreError) -> [Double] {
        let residuals = try scoreResiduals(likelihood: likelihood, eta: eta)
        let n = likelihood.n, p = likelihood.p
        let clusters = (cluster.max() ?? 0) + 1
        var summed = [Double](repeating: 0, count: clusters * p)
        for i in 0..<n {
            for j in 0..<p {
                var dfbeta = 0.0
                for l in 0..<p { dfbeta += residuals[i * p + l] * naive[l * p + j] }
                summed[cluster[i] * p + j] += dfbeta
            }
        }
        var variance = [Double](repeating: 0, count: p * p)
        for c in 0..<clusters {
            for j in 0..<p { for l in 0..<p { variance[j * p + l] += summed[c * p + j] * summed[c * p + l] } }
        }
        return variance
    }

    /// Score residuals, row-major n×p, as R's agscore2: per row, the sum over the event times of its stratum
    /// inside its interval of dN·(x − x̄) − r·(x − x̄)·dΛ, with Efron's down-weighting of the tied deaths.
    /// agscore2 takes each event time's sums afresh over the rows at risk and lets each row collect its terms
    /// one event time at a time. With a diverging coefficient the risk weights and hazard jumps span many
    /// orders of magnitude, and neither running sums that subtract the rows leaving nor differences of
    /// cumulative hazards keep the small terms; range sums (`RangeSumTree`) give the same sums without
    /// agscore2's cost of a pass over the risk set per event time.
    static func scoreResiduals(likelihood: CountingProcessLikelihood, eta: [Double]) throws(CoreError) -> [Double] {
        let n = likelihood.n, p = likelihood.p, x = likelihood.x
        let start = likelihood.start, stop = likelihood.stop, event = likelihood.event
        let efron = likelihood.ties == .efron
        let risk = eta.map { exp($0) }
        var residual = [Double](repeating: 0, count: n * p)
        var key = [Int](repeating: 0, count: n)
        for s in likelihood.byStop.indices {
            // Rows by decreasing stop join the risk sums keyed by their rank in start, so that the rows at risk
            // at t are those joined so far with a key below the number of starts before t.
            let rows = likelihood.byStop[s].filter { likelihood.entersRiskSets[$0] }
            let byStart = rows.sorted { start[$0] < start[$1] }
            for (k, i) in byStart.enumerated() { key[i] = k }
            let starts = byStart.map { start[$0] }
            let times = likelihood.eventTimes[s]
            var atRisk = RangeSumTree(count: rows.count, width: 1 + p)
            // Per event time, keyed from the first: the hazard jump and the mean times the jump that each row
            // at risk and not dying there collects.
            var jumps = RangeSumTree(count: times.count, width: 1 + p)
            var added = 0
            for (visit, t) in times.enumerated() {
                try Interruption.checkpoint()
                var deaths: [Int] = []
                while added < rows.count && stop[rows[added]] >= t {
                    let i = rows[added]
                    added += 1
                    atRisk.add([risk[i]] + (0..<p).map { risk[i] * x[i * p + $0] }, at: key[i])
                    if event[i] && stop[i] == t { deaths.append(i) }
                }
                let sums = atRisk.sum(0..<countBelow(starts, t))
                let s0 = sums[0]
                var dying0 = 0.0, dying1 = [Double](repeating: 0, count: p)
                for i in deaths {
                    dying0 += risk[i]
                    for j in 0..<p { dying1[j] += risk[i] * x[i * p + j] }
                }
                let d = Double(deaths.count)
                var jump = 0.0, tiedJump = 0.0
                var meanJump = [Double](repeating: 0, count: p), tiedMeanJump = meanJump, meanOfMeans = meanJump
                // Efron: the k-th of the d tied deaths sees the tied rows at (1 − k/d) of their weight; Breslow (or a
                // single death) one step with the whole risk set, weighted by the d deaths.
                let steps = efron && deaths.count > 1 ? deaths.count : 1
                for k in 0..<steps {
                    let downWeight = steps > 1 ? Double(k) / d : 0
                    let denominator = s0 - downWeight * dying0
                    let hazard = (steps > 1 ? 1 : d) / denominator
                    jump += hazard
                    tiedJump += (1 - downWeight) * hazard
                    for j in 0..<p {
                        let mean = (sums[1 + j] - downWeight * dying1[j]) / denominator
                        meanJump[j] += mean * hazard
                        tiedMeanJump[j] += mean * (1 - downWeight) * hazard
                        meanOfMeans[j] += mean / Double(steps)
                    }
                }
                for i in deaths {
                    for j in 0..<p {
                        residual[i * p + j] += x[i * p + j] - meanOfMeans[j] - risk[i] * x[i * p + j] * tiedJump + risk[i] * tiedMeanJump[j]
                    }
                }
                jumps.add([jump] + meanJump, at: times.count - 1 - visit)
            }
            // Each row collects the jumps of the event times in (start, stop], its own death time excepted.
            let ascending = Array(times.reversed())
            for i in rows {
                let first = countAtOrBelow(ascending, start[i])
                let last = countAtOrBelow(ascending, stop[i]) - (event[i] ? 1 : 0)
                guard last > first else { continue }
                let collected = jumps.sum(first..<last)
                for j in 0..<p { residual[i * p + j] -= risk[i] * (x[i * p + j] * collected[0] - collected[1 + j]) }
            }
        }
        return residual
    }

    /// The number of values in ascending `sorted` below `t`.
    private static func countBelow(_ sorted: [Double], _ t: Double) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < t { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The number of values in ascending `sorted` at or below `t`.
    private static func countAtOrBelow(_ sorted: [Double], _ t: Double) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] <= t { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
