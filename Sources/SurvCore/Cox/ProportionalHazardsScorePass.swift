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
    /// Schoenfeld residuals, one row of p per event, events ordered by stratum then time.
    private(set) var schoenfeld: [[Double]]
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
        let order = (0..<n).sorted { a, b in
            if stratumCode[a] != stratumCode[b] { return stratumCode[a] < stratumCode[b] }
            if time[a] != time[b] { return time[a] < time[b] }
            return a < b
        }

        // Covariates of the kept columns, recentred by their plain mean for numerical stability.
        var x = [[Double]](repeating: [], count: p)
        for (c, j) in kept.enumerated() {
            let column = input.covariates[j]
            let mean = column.reduce(0, +) / Double(n)
            x[c] = column.map { $0 - mean }
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
        var schoen = [[Double]](repeating: [Double](repeating: 0, count: p), count: eventOrder.count)
        var a = [Double](repeating: 0, count: p), a2 = a
        var cmat = [Double](repeating: 0, count: p * p), cmat2 = cmat
        var denom = 0.0
        var nextEvent = eventOrder.count
        let efron = fit.ties == .efron
        var ip = n - 1
        var currentStratum = -1
        while ip >= 0 {
            var person = order[ip]
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
                if time[person] != groupTime || stratumCode[person] != currentStratum { break }
                let risk = exp(eta[person]) * weight[person]
                if event[person] {
                    deaths += 1
                    deadWeight += weight[person]
                    denom2 += risk
                    nextEvent -= 1
                    for i in 0..<p {
                        let xi = x[i][person]
                        schoen[nextEvent][i] = xi
                        u[i] += weight[person] * xi
                        u[i + p] += timeWeight * weight[person] * xi
                        a2[i] += risk * xi
                        for j in 0...i { cmat2[i * p + j] += risk * xi * x[j][person] }
                    }
                } else {
                    denom += risk
                    for i in 0..<p {
                        let xi = x[i][person]
                        a[i] += risk * xi
                        for j in 0...i { cmat[i * p + j] += risk * xi * x[j][person] }
                    }
                }
                ip -= 1
            }
            guard deaths > 0 else { continue }
            if !efron {
                denom += denom2
                for i in 0..<p {
                    a[i] += a2[i]
                    let mean = a[i] / denom
                    u[i] -= deadWeight * mean
                    u[i + p] -= timeWeight * deadWeight * mean
                    for j in 0...i {
                        cmat[i * p + j] += cmat2[i * p + j]
                        let t = deadWeight * (cmat[i * p + j] - mean * a[j]) / denom
                        imat[j * q + i] += t
                        imat[j * q + i + p] += t * timeWeight
                        imat[(j + p) * q + i + p] += t * timeWeight * timeWeight
                    }
                    for e in nextEvent..<(nextEvent + deaths) { schoen[e][i] -= mean }
                }
            } else {
                let d = Double(deaths)
                let average = deadWeight / d
                for i in 0..<p {
                    var meanOfMeans = 0.0
                    for k in 0..<deaths {
                        let f = Double(k + 1) / d
                        meanOfMeans += (a[i] + a2[i] * f) / (denom + denom2 * f)
                    }
                    for e in nextEvent..<(nextEvent + deaths) { schoen[e][i] -= meanOfMeans / d }
                }
                for _ in 0..<deaths {
                    denom += denom2 / d
                    for i in 0..<p {
                        a[i] += a2[i] / d
                        let mean = a[i] / denom
                        u[i] -= average * mean
                        u[i + p] -= timeWeight * average * mean
                        for j in 0...i {
                            cmat[i * p + j] += cmat2[i * p + j] / d
                            let t = average * (cmat[i * p + j] - mean * a[j]) / denom
                            imat[j * q + i] += t
                            imat[j * q + i + p] += timeWeight * t
                            imat[(j + p) * q + i + p] += timeWeight * timeWeight * t
                        }
                    }
                }
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
