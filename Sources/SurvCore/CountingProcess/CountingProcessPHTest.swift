import Foundation

// cox.zph on a (start, stop] fit (R's zph2): the same score test and scaled Schoenfeld residuals as for
// right-censored data, with the risk set at each event time made of the intervals that contain it. Time is
// the interval's stop: the km transform is the Kaplan–Meier curve of the intervals (delayed entry
// included), rank ranks every row's stop, identity is the stop itself.

extension ProportionalHazardsTest {
    /// Tests the fitted (start, stop] model `fit` of `input` for non-proportional hazards, as
    /// `cox.zph(coxph(Surv(start, stop, event) ~ ...))`. A `cluster()` does not enter: cox.zph uses the
    /// model-based information, not the sandwich.
    public static func compute(countingProcess input: CountingProcessCoxInput, fit: CoxFit,
                               transform: PHTimeTransform = .km) throws -> ProportionalHazardsTest {
        try input.validate()
        let n = input.stop.count
        guard fit.linearPredictor.count == n else {
            throw CoreError("the fit was made on \(fit.linearPredictor.count) rows, the data has \(n)")
        }
        guard !fit.coefficients.isEmpty else { throw CoreError("the model has no estimable coefficients to test") }
        guard fit.coefficients.allSatisfy({ $0.column >= 0 && $0.column < input.covariates.count }) else {
            throw CoreError("the fit refers to design columns the data does not have")
        }
        guard input.event.contains(true) else { throw CoreError("the Cox model has no events") }
        let transformed = try countingProcessTimes(input, transform: transform)
        try Interruption.checkpoint()
        let pass = try CountingProcessScorePass.run(input: input, fit: fit, transformedTime: transformed)
        return try assemble(terms: input.resolvedTerms, strata: input.strata, fit: fit, pass: pass, transform: transform,
                            transformed: transformed)
    }

    /// g(t) per row at its stop time, before centring, as cox.zph computes it from `y[, 2]`.
    static func countingProcessTimes(_ input: CountingProcessCoxInput, transform: PHTimeTransform) throws -> [Double] {
        let stop = input.stop
        switch transform {
        case .identity:
            return stop
        case .log:
            guard stop.allSatisfy({ $0 > 0 }) else {
                throw CoreError("the log transform needs all times > 0", hint: "use transform km or rank")
            }
            return stop.map { Foundation.log($0) }
        case .rank:
            // R's rank(): ties get the average of the ranks they span.
            let order = stop.indices.sorted { stop[$0] < stop[$1] }
            var result = [Double](repeating: 0, count: stop.count)
            var i = 0
            while i < order.count {
                var j = i
                while j < order.count && stop[order[j]] == stop[order[i]] { j += 1 }
                let rank = Double(i + 1 + j) / 2
                for k in i..<j { result[order[k]] = rank }
                i = j
            }
            return result
        case .km:
            // 1 − S(t−) of the intervals' Kaplan–Meier curve, strata pooled (survfitKM on the whole response).
            let curve = try KaplanMeierCurve.fit(start: input.start, stop: stop, event: input.event)
            return stop.map { t in
                var low = 0, high = curve.time.count   // count of curve times < t
                while low < high {
                    let mid = (low + high) / 2
                    if curve.time[mid] < t { low = mid + 1 } else { high = mid }
                }
                return low == 0 ? 0 : 1 - curve.surv[low - 1]
            }
        }
    }
}

/// The score, information and Schoenfeld residuals of the model extended by g(t)·x, at the fitted
/// coefficients, over (start, stop] risk sets: R's zph2, on the likelihood's own pass over event times.
enum CountingProcessScorePass {
    static func run(input: CountingProcessCoxInput, fit: CoxFit, transformedTime: [Double]) throws -> ProportionalHazardsScorePass {
        let n = input.stop.count
        let kept = fit.coefficients.map(\.column)
        let p = kept.count
        // Dense strata in code order (R's factor levels), so the pass visits them as stratum 0, 1, …
        let levels = Array(Set(input.strata ?? [0])).sorted()
        let dense = input.strata.map { codes in codes.map { code in levels.firstIndex(of: code) ?? 0 } }
        let strataCount = levels.count
        let columns = kept.map { input.covariates[$0] }
        // Recentred by the plain means for numerical stability, as zph2 does; nothing below depends on it.
        let means = columns.map { $0.reduce(0, +) / Double(n) }
        let reduced = CountingProcessCoxInput(start: input.start, stop: input.stop, event: input.event, covariates: columns,
                                              columnNames: kept.map { input.columnNames[$0] }, strata: dense, ties: fit.ties)
        let likelihood = CountingProcessLikelihood(input: reduced, means: means)
        let x = likelihood.x

        var used = [[Int]](repeating: [Int](repeating: 0, count: p), count: strataCount)
        for s in 0..<strataCount {
            let rows = likelihood.byStop[s]
            guard let first = rows.first else { continue }
            let deaths = rows.lazy.filter { input.event[$0] }.count
            for c in 0..<p where rows.contains(where: { columns[c][$0] != columns[c][first] }) { used[s][c] = deaths }
        }

        var eventCount = 0, eventSum = 0.0
        for i in 0..<n where input.event[i] {
            eventCount += 1
            eventSum += transformedTime[i]
        }
        let centre = eventSum / Double(max(eventCount, 1))

        // Risk scores; shifted only if exp() would overflow (ratios within a risk set are unchanged).
        var eta = fit.linearPredictor
        let limit = Foundation.log(Double.greatestFiniteMagnitude)
        if let top = eta.max(), top > limit { eta = eta.map { $0 + limit - (1 + top) } }

        let q = 2 * p
        var u = [Double](repeating: 0, count: q)
        var imat = [Double](repeating: 0, count: q * q)
        // One residual per event, with what orders it: R lists them by stratum, then time, then row from last to first.
        var events: [(stratum: Int, time: Double, row: Int, residual: [Double])] = []
        events.reserveCapacity(eventCount)
        let efron = fit.ties == .efron
        try likelihood.forEachEventTime(eta: eta) { (s: Int, t: Double, deaths: [Int], sums: RiskSums) throws(CoreError) in
            let timeWeight = transformedTime[deaths[0]] - centre
            let d = deaths.count
            var dying = RiskSums(p: p)
            for i in deaths {
                dying.add(row: i, weight: exp(eta[i]), x: x)
                for j in 0..<p {
                    u[j] += x[i * p + j]
                    u[j + p] += timeWeight * x[i * p + j]
                }
            }
            // Efron: the k-th of the tied deaths sees the tied rows at (1 − k/d) of their weight; Breslow (or a
            // single death) one step with the whole risk set, weighted by the d deaths.
            let steps = efron && d > 1 ? d : 1
            let stepWeight = efron && d > 1 ? 1.0 : Double(d)
            var meanOfMeans = [Double](repeating: 0, count: p)
            for k in 0..<steps {
                let f = efron && d > 1 ? Double(k) / Double(d) : 0
                let denominator = sums.s0 - f * dying.s0
                var mean = [Double](repeating: 0, count: p)
                for j in 0..<p {
                    mean[j] = (sums.s1[j] - f * dying.s1[j]) / denominator
                    meanOfMeans[j] += mean[j] / Double(steps)
                    u[j] -= stepWeight * mean[j]
                    u[j + p] -= stepWeight * timeWeight * mean[j]
                }
                for j in 0..<p {
                    for l in 0...j {
                        let second: Double = (sums.s2[j * p + l] - f * dying.s2[j * p + l]) / denominator
                        let v: Double = stepWeight * (second - mean[j] * mean[l])
                        let plain: Int = l * q + j, mixed: Int = plain + p, timed: Int = (l + p) * q + j + p
                        imat[plain] += v
                        imat[mixed] += timeWeight * v
                        imat[timed] += timeWeight * timeWeight * v
                    }
                }
            }
            for i in deaths {
                var residual = [Double](repeating: 0, count: p)
                for j in 0..<p { residual[j] = x[i * p + j] - meanOfMeans[j] }
                events.append((stratum: s, time: t, row: i, residual: residual))
            }
            try Interruption.checkpoint()
        }
        for i in 0..<p {
            for j in 0..<i {
                imat[i * q + j] = imat[j * q + i]
                imat[i * q + j + p] = imat[j * q + i + p]
                imat[(i + p) * q + j + p] = imat[(j + p) * q + i + p]
            }
        }
        for i in 0..<p { for j in 0..<p { imat[(i + p) * q + j] = imat[j * q + i + p] } }

        events.sort { a, b in
            if a.stratum != b.stratum { return a.stratum < b.stratum }
            if a.time != b.time { return a.time < b.time }
            return a.row > b.row
        }
        return ProportionalHazardsScorePass(columns: p, score: u, information: imat,
                                            schoenfeld: events.flatMap(\.residual), eventRows: events.map(\.row),
                                            eventTimes: events.map(\.time), eventStratum: events.map(\.stratum),
                                            used: used, strataCount: strataCount)
    }
}
