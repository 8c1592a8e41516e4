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

    /// Score residuals, row-major n×p: per row, Σ over the event times it is at risk of
    /// dN·(x − x̄) − r·(x − x̄)·dΛ, with Efron's down-weighting of the tied deaths.
    static func scoreResiduals(likelihood: CountingProcessLikelihood, eta: [Double]) throws(CoreError) -> [Double] {
        let n = likelihood.n, p = likelihood.p, x = likelihood.x
        var residual = [Double](repeating: 0, count: n * p)
        // Per stratum, event times ascending with the running hazard Σ1/D and Σx̄/D, read by binary search at
        // each row's start and stop.
        var strataTimes = [[Double]](repeating: [], count: likelihood.byStop.count)
        var strataHazard = [[Double]](repeating: [], count: likelihood.byStop.count)
        var strataXHazard = [[[Double]]](repeating: [], count: likelihood.byStop.count)
        try likelihood.forEachEventTime(eta: eta) { s, t, deaths, sums in
            let d = Double(deaths.count)
            var dying = RiskSums(p: p)
            for i in deaths { dying.add(row: i, weight: exp(eta[i]), x: x) }
            var hazard = 0.0, tiedHazard = 0.0
            var xHazard = [Double](repeating: 0, count: p), tiedXHazard = [Double](repeating: 0, count: p)
            var meanOfMeans = [Double](repeating: 0, count: p)
            for k in 0..<deaths.count {
                let f = likelihood.ties == .efron ? Double(k) / d : 0
                let denominator = sums.s0 - f * dying.s0
                hazard += 1 / denominator
                tiedHazard += f / denominator
                for j in 0..<p {
                    let mean = (sums.s1[j] - f * dying.s1[j]) / denominator
                    xHazard[j] += mean / denominator
                    tiedXHazard[j] += f * mean / denominator
                    meanOfMeans[j] += mean / d
                }
            }
            for i in deaths {
                let r = exp(eta[i])
                for j in 0..<p {
                    residual[i * p + j] += x[i * p + j] - meanOfMeans[j] + r * (x[i * p + j] * tiedHazard - tiedXHazard[j])
                }
            }
            // Visited from the last time to the first: stored reversed, turned around below.
            strataTimes[s].append(t)
            strataHazard[s].append(hazard)
            strataXHazard[s].append(xHazard)
        }
        for s in strataTimes.indices {
            let times = Array(strataTimes[s].reversed())
            var cumulative = [0.0], xCumulative = [[Double](repeating: 0, count: p)]
            for (h, xh) in zip(strataHazard[s].reversed(), strataXHazard[s].reversed()) {
                cumulative.append((cumulative.last ?? 0) + h)
                let previous = xCumulative[xCumulative.count - 1]
                xCumulative.append((0..<p).map { previous[$0] + xh[$0] })
            }
            // Number of event times ≤ u.
            func upTo(_ u: Double) -> Int {
                var lo = 0, hi = times.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if times[mid] <= u { lo = mid + 1 } else { hi = mid }
                }
                return lo
            }
            for i in likelihood.byStop[s] {
                let a = upTo(likelihood.start[i]), b = upTo(likelihood.stop[i])
                guard b > a else { continue }
                let r = exp(eta[i])
                for j in 0..<p {
                    residual[i * p + j] -= r * (x[i * p + j] * (cumulative[b] - cumulative[a]) - (xCumulative[b][j] - xCumulative[a][j]))
                }
            }
        }
        return residual
    }
}
