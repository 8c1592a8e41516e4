import Foundation

// The one-step computation behind cox.zph (R's zph1): at the fitted coefficients, the score for the extended
// model with covariates x and g(t)·x, its full 2p×2p information matrix, and the Schoenfeld residuals.
// One backward pass over the data sorted by stratum then time, with running risk-set sums.

struct ProportionalHazardsScorePass {
    /// Number of estimable design columns p.
    let columns: Int
    /// Score of the extended model, length 2p (the first p are ~0 at the fitted coefficients).
    private(set) var score: [Double]
    /// Information of the extended model, row-major 2p×2p.
    private(set) var information: [Double]
    /// Schoenfeld residuals, row-major: p values per event, events ordered by stratum then time.
    private(set) var schoenfeld: [Double]
    /// Original row of each event, in the same order.
    let eventRows: [Int]
    /// Dense stratum index (0-based, ordered by label) of each event.
    let eventStratum: [Int]
    /// Per stratum and column: the stratum's event count if the column varies within it, else 0.
    let used: [[Int]]
    let strataCount: Int

    init(input: CoxModelInput, fit: CoxFit, transformedTime: [Double]) {
        let n = input.time.count
        let kept = fit.coefficients.map(\.column)
        let p = kept.count
        columns = p
        let time = input.time, event = input.event
        let weight = input.weights ?? [Double](repeating: 1, count: n)

        // Dense stratum codes in label order, as R's as.integer(factor(strata)) - 1.
        var stratumCode = [Int](repeating: 0, count: n)
        var strataCount = 1
        if let strata = input.strata {
            let labels = Array(Set(strata)).sorted()
            let code = Dictionary(uniqueKeysWithValues: labels.enumerated().map { ($0.element, $0.offset) })
            stratumCode = strata.map { code[$0] ?? 0 }
            strataCount = labels.count
        }
        self.strataCount = strataCount
        // Stable order by (stratum, time), as R's order(istrat, time).
        let order = StableRadixOrder.order(primary: stratumCode, groups: strataCount,
                                           then: time.map(StableRadixOrder.key))

        // Covariates of the kept columns in sorted row-major order, recentred by their plain mean for
        // numerical stability (as zph1 does).
        var x = [Double](repeating: 0, count: n * p)
        for (c, j) in kept.enumerated() {
            let column = input.covariates[j]
            let mean = column.reduce(0, +) / Double(n)
            for i in 0..<n { x[i * p + c] = column[order[i]] - mean }
        }

        var used = [[Int]](repeating: [Int](repeating: 0, count: p), count: strataCount)
        var start = 0
        while start < n {
            var end = start
            var deaths = 0
            let s = stratumCode[order[start]]
            while end < n && stratumCode[order[end]] == s {
                if event[order[end]] { deaths += 1 }
                end += 1
            }
            for c in 0..<p {
                let first = input.covariates[kept[c]][order[start]]
                if (start..<end).contains(where: { input.covariates[kept[c]][order[$0]] != first }) { used[s][c] = deaths }
            }
            start = end
        }
        self.used = used

        // g(t) centred at its mean over the events.
        let eventTransformed = (0..<n).filter { event[$0] }.map { transformedTime[$0] }
        let centre = eventTransformed.reduce(0, +) / Double(max(eventTransformed.count, 1))
        let g = transformedTime.map { $0 - centre }

        // Risk scores; shifted only if exp() would overflow (ratios within a risk set are unchanged).
        var eta = fit.linearPredictor
        let limit = Foundation.log(Double.greatestFiniteMagnitude)
        if let top = eta.max(), top > limit {
            let shift = limit - (1 + top)
            eta = eta.map { $0 + shift }
        }

        let q = 2 * p
        var u = [Double](repeating: 0, count: q)
        var imat = [Double](repeating: 0, count: q * q)
        let eventOrder = order.filter { event[$0] }
        var schoen = [Double](repeating: 0, count: eventOrder.count * p)
        var a = [Double](repeating: 0, count: p), a2 = a
        var cmat = [Double](repeating: 0, count: p * p), cmat2 = cmat
        var denom = 0.0
        var nextEvent = eventOrder.count
        let efron = fit.ties == .efron
        var ip = n - 1
        var currentStratum = -1
        while ip >= 0 {
            var person = order[ip]
            var row = ip
            if stratumCode[person] != currentStratum {
                currentStratum = stratumCode[person]
                denom = 0
                for i in 0..<p { a[i] = 0 }
                for i in 0..<(p * p) { cmat[i] = 0 }
            }
            let groupTime = time[person]
            let timeWeight = g[person]
            var deaths = 0
            var deadWeight = 0.0
            var denom2 = 0.0
            while ip >= 0 {
                person = order[ip]
                row = ip * p
                if time[person] != groupTime || stratumCode[person] != currentStratum { break }
                let risk = exp(eta[person]) * weight[person]
                if event[person] {
                    deaths += 1
                    deadWeight += weight[person]
                    denom2 += risk
                    nextEvent -= 1
                    for i in 0..<p {
                        let xi = x[row + i]
                        schoen[nextEvent * p + i] = xi
                        u[i] += weight[person] * xi
                        u[i + p] += timeWeight * weight[person] * xi
                        a2[i] += risk * xi
                        for j in 0...i { cmat2[i * p + j] += risk * xi * x[row + j] }
                    }
                } else {
                    denom += risk
                    for i in 0..<p {
                        let xi = x[row + i]
                        a[i] += risk * xi
                        for j in 0...i { cmat[i * p + j] += risk * xi * x[row + j] }
                    }
                }
                ip -= 1
            }
            guard deaths > 0 else { continue }
            // Fractional risk sets (Efron: the tied deaths enter with fractions f_k = k/d; Breslow: all at
            // once). Every quantity is a sum over k of the same risk-set sums with scalar weights, so the sums
            // over k are formed once and the group costs O(d + p²) instead of O(d·p²).
            let steps = efron ? deaths : 1
            let stepWeight = deadWeight / Double(steps)
            var s1 = 0.0, sf = 0.0, t0 = 0.0, t1 = 0.0, t2 = 0.0
            for k in 1...steps {
                let f = Double(k) / Double(steps)
                let inv = 1 / (denom + denom2 * f)
                s1 += inv
                sf += f * inv
                t0 += inv * inv
                t1 += f * inv * inv
                t2 += f * f * inv * inv
            }
            for i in 0..<p {
                let meanSum = a[i] * s1 + a2[i] * sf
                // Schoenfeld residual: the event's covariate minus the mean of the fractional risk-set means.
                let meanOfMeans = meanSum / Double(steps)
                for e in nextEvent..<(nextEvent + deaths) { schoen[e * p + i] -= meanOfMeans }
                u[i] -= stepWeight * meanSum
                u[i + p] -= timeWeight * stepWeight * meanSum
                for j in 0...i {
                    let outer = a[i] * a[j] * t0 + (a[i] * a2[j] + a2[i] * a[j]) * t1 + a2[i] * a2[j] * t2
                    let t = stepWeight * (cmat[i * p + j] * s1 + cmat2[i * p + j] * sf - outer)
                    imat[j * q + i] += t
                    imat[j * q + i + p] += timeWeight * t
                    imat[(j + p) * q + i + p] += timeWeight * timeWeight * t
                }
            }
            denom += denom2
            for i in 0..<p {
                a[i] += a2[i]
                for j in 0...i { cmat[i * p + j] += cmat2[i * p + j] }
            }
            for i in 0..<p { a2[i] = 0 }
            for i in 0..<(p * p) { cmat2[i] = 0 }
        }
        // Fill the symmetric blocks from the computed upper parts.
        for i in 0..<p {
            for j in 0..<i {
                imat[i * q + j] = imat[j * q + i]
                imat[i * q + j + p] = imat[j * q + i + p]
                imat[(i + p) * q + j + p] = imat[(j + p) * q + i + p]
            }
        }
        for i in 0..<p { for j in 0..<p { imat[(i + p) * q + j] = imat[j * q + i + p] } }
        score = u
        information = imat
        schoenfeld = schoen
        eventRows = eventOrder
        eventStratum = eventOrder.map { stratumCode[$0] }
    }
}
