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
    /// Each event time's sums are taken afresh over the rows at risk, and each row collects its terms one time
    /// at a time, as agscore2 does: with a diverging coefficient the hazard jumps span many orders of
    /// magnitude, and neither running sums with rows subtracted nor differences of cumulative hazards keep the
    /// small terms of a row at risk only where the jumps are small.
    static func scoreResiduals(likelihood: CountingProcessLikelihood, eta: [Double]) throws(CoreError) -> [Double] {
        let n = likelihood.n, p = likelihood.p, x = likelihood.x
        let efron = likelihood.ties == .efron
        let risk = eta.map { exp($0) }
        var residual = [Double](repeating: 0, count: n * p)
        // The rows at risk, with each row's place in that list (−1 when out) so that leaving costs O(1).
        var active: [Int] = []
        var place = [Int](repeating: -1, count: n)
        for s in likelihood.byStop.indices {
            let down = likelihood.byStop[s], leaving = likelihood.byStart[s]
            active.removeAll(keepingCapacity: true)
            var added = 0, removed = 0
            for t in likelihood.eventTimes[s] {
                try Interruption.checkpoint()
                while removed < leaving.count && likelihood.start[leaving[removed]] >= t {
                    let i = leaving[removed]
                    removed += 1
                    guard place[i] >= 0 else { continue }
                    let last = active.removeLast()
                    if last != i {
                        active[place[i]] = last
                        place[last] = place[i]
                    }
                    place[i] = -1
                }
                while added < down.count && likelihood.stop[down[added]] >= t {
                    let i = down[added]
                    added += 1
                    guard likelihood.entersRiskSets[i] else { continue }
                    place[i] = active.count
                    active.append(i)
                }
                var s0 = 0.0, dying0 = 0.0
                var s1 = [Double](repeating: 0, count: p), dying1 = s1
                var deaths = 0
                for i in active {
                    s0 += risk[i]
                    for j in 0..<p { s1[j] += risk[i] * x[i * p + j] }
                    if likelihood.event[i] && likelihood.stop[i] == t {
                        deaths += 1
                        dying0 += risk[i]
                        for j in 0..<p { dying1[j] += risk[i] * x[i * p + j] }
                    }
                }
                let d = Double(deaths)
                if !efron || deaths < 2 {
                    let hazard = d / s0
                    let mean = s1.map { $0 / s0 }
                    for i in active {
                        let dies = likelihood.event[i] && likelihood.stop[i] == t
                        for j in 0..<p {
                            let centred = x[i * p + j] - mean[j]
                            residual[i * p + j] += (dies ? centred : 0) - centred * risk[i] * hazard
                        }
                    }
                } else {
                    // Efron: the k-th of the d tied deaths sees the tied rows at (1 − k/d) of their weight.
                    var hazardSum = 0.0, tiedHazardSum = 0.0
                    var meanHazard = [Double](repeating: 0, count: p), tiedMeanHazard = meanHazard, meanOfMeans = meanHazard
                    for k in 0..<deaths {
                        let downWeight = Double(k) / d
                        let denominator = s0 - downWeight * dying0
                        let hazard = 1 / denominator
                        hazardSum += hazard
                        tiedHazardSum += (1 - downWeight) * hazard
                        for j in 0..<p {
                            let mean = (s1[j] - downWeight * dying1[j]) / denominator
                            meanHazard[j] += mean * hazard
                            tiedMeanHazard[j] += mean * (1 - downWeight) * hazard
                            meanOfMeans[j] += mean / d
                        }
                    }
                    for i in active {
                        let r = risk[i]
                        if likelihood.event[i] && likelihood.stop[i] == t {
                            for j in 0..<p {
                                residual[i * p + j] += x[i * p + j] - meanOfMeans[j] - r * x[i * p + j] * tiedHazardSum + r * tiedMeanHazard[j]
                            }
                        } else {
                            for j in 0..<p { residual[i * p + j] -= r * (x[i * p + j] * hazardSum - meanHazard[j]) }
                        }
                    }
                }
            }
            for i in active { place[i] = -1 }
        }
        return residual
    }
}
