import Foundation

/// Fits a Cox model on (start, stop] intervals as R's agreg.fit does (CountingProcessNewtonRaphson), with its rules
/// for redundant columns and infinite coefficients, and with clusters adds R's sandwich variance.
extension CoxFit {
    public static func fit(countingProcess input: CountingProcessCoxInput, level: Double = 0.95,
                           maxIterations: Int = 20, tolerance: Double = 1e-9) throws -> CoxFit {
        try input.validate()
        guard level > 0 && level < 1 else { throw CoreError("confidence level must be between 0 and 1") }
        let n = input.stop.count, p = input.covariates.count
        guard n >= 2 else {
            throw CoreError("a Cox model needs at least 2 rows, and only \(n) is left",
                            hint: "check the filter and the rows dropped for missing values")
        }
        // R centres every column but those coded within {-1, 0, 1}.
        let means = input.covariates.map { column -> Double in
            column.allSatisfy { $0 == 0 || $0 == 1 || $0 == -1 } ? 0 : column.reduce(0, +) / Double(n)
        }
        let likelihood = CountingProcessLikelihood(input: input, means: means)
        let raw = try CountingProcessNewtonRaphson.run(likelihood, columns: input.covariates,
                                                       maxIterations: maxIterations, tolerance: tolerance)
        let beta = raw.beta, naive = raw.variance
        let (loglikNull, converged, iterations) = (raw.loglikInitial, raw.converged, raw.iterations)
        var warnings: [CoreWarning] = []
        // agreg.fit: a column is NA only when the information at beta = 0 was short of full rank, and then the
        // columns its factorisation there set aside (R reads them off its last factorisation, which agrees
        // whenever that one is sound: CountingProcessNewtonRaphson). With full rank at 0, every column keeps
        // its estimate, even when the fit runs out of iterations.
        let singular = raw.redundant
        // R keeps a column whose variance the last iterate's information left at 0 (a fit out of iterations whose
        // last step lost rank) and prints an SE of 0, a zero-width interval that reads as certainty; the column
        // is dropped instead, as one-row fits drop a column the data carry no information about.
        let vanished = (0..<p).map { !singular[$0] && !(naive[$0 * p + $0] > 0) }
        let kept = (0..<p).filter { !singular[$0] && !vanished[$0] }
        for j in 0..<p where singular[j] {
            warnings.append(CoreWarning(code: "collinear_term",
                                        message: "X matrix deemed to be singular; \(input.columnNames[j]) is dropped (coefficient NA in R)"))
        }
        for j in 0..<p where vanished[j] {
            warnings.append(CoreWarning(code: "no_information",
                                        message: "at the last iterate the data carry no information about \(input.columnNames[j]); it is dropped (R reports an SE of 0)"))
        }
        guard !kept.isEmpty else {
            throw CoreError("no coefficient can be estimated: in the rows used, no event has another row at risk with a different value of any term")
        }
        if !converged {
            warnings.append(CoreWarning(code: "not_converged",
                                        message: "Ran out of iterations and did not converge; estimates are from the last iteration"))
        }
        // agreg.fit's check for coefficients drifting to infinity, made on converged fits only: the Newton step
        // u·V that the converged likelihood would still take, against the coefficient's own size.
        if maxIterations > 1 && converged {
            let toleranceInf = tolerance.squareRoot()
            let flagged = (0..<p).filter { j in
                var step = 0.0
                for i in 0..<p { step += raw.score[i] * naive[i * p + j] }
                return !raw.score[j].isFinite || abs(step) > toleranceInf * (1 + abs(beta[j]))
            }
            if !flagged.isEmpty {
                let names = flagged.map { input.columnNames[$0] }.joined(separator: ", ")
                warnings.append(CoreWarning(code: "infinite_coefficient",
                                            message: "Loglik converged before variable \(names); coefficient may be infinite"))
                warnings.append(CoreWarning(code: "wald_invalid",
                                            message: "the Wald test is unreliable when a coefficient may be infinite; use the likelihood-ratio or score test"))
            }
        }
        let eta = likelihood.linearPredictor(beta)
        var robust: [Double]?
        if let cluster = input.cluster {
            robust = try CountingProcessSandwich.variance(likelihood: likelihood, eta: eta, naive: naive, cluster: cluster)
        }
        let variance = robust ?? naive
        let q = Normal.quantile((1 + level) / 2)
        var coefficients: [CoxCoefficient] = []
        for j in kept {
            let b = beta[j]
            let se = naive[j * p + j].squareRoot()
            // With clusters R reports z, p and the interval from the robust standard error; a robust SE of 0
            // with a coefficient of 0 leaves z undefined, and so p (R prints NaN).
            let used = variance[j * p + j].squareRoot()
            let z = b / used
            var coefficient = CoxCoefficient(name: input.columnNames[j], column: j, coef: b, se: se, z: z,
                                             p: z.isNaN ? .nan : ChiSquared.sf(z * z, df: 1), hr: exp(b),
                                             hrLower: exp(b - q * used), hrUpper: exp(b + q * used))
            if robust != nil { coefficient.robustSE = used }
            coefficients.append(coefficient)
        }
        let k = kept.count
        var flat = [Double](repeating: 0, count: k * k)
        for (a, i) in kept.enumerated() { for (c, j) in kept.enumerated() { flat[a * k + c] = variance[i * p + j] } }
        let keptBeta = kept.map { beta[$0] }
        // coxph.wtest: one coefficient is b²/v as it stands, so a robust variance of 0 gives no test (0/0, or an
        // infinite one) rather than 0; more go through the tolerant Cholesky, which sets a null direction aside.
        var wald = 0.0
        if k == 1 {
            wald = keptBeta[0] * keptBeta[0] / flat[0]
        } else {
            let solved = PivotingCholesky(symmetric: flat, size: k).solve(keptBeta)
            for a in 0..<k { wald += keptBeta[a] * solved[a] }
        }
        let df = Double(k)
        let concordance = try CountingProcessConcordance.compute(likelihood: likelihood, eta: eta, cluster: input.cluster)
        return CoxFit(n: n, events: input.event.lazy.filter { $0 }.count, ties: input.ties, level: level,
                      coefficients: coefficients, variance: kept.map { i in kept.map { j in variance[i * p + j] } },
                      loglikNull: loglikNull, loglik: raw.loglik,
                      lrTest: ChiSquareStatistic(chisq: 2 * (raw.loglik - loglikNull), df: df),
                      waldTest: ChiSquareStatistic(chisq: wald, df: df),
                      scoreTest: ChiSquareStatistic(chisq: raw.scoreTest, df: df),
                      concordance: concordance.concordance, concordanceStdErr: concordance.standardError,
                      iterations: iterations, converged: converged, warnings: warnings,
                      droppedColumns: (0..<p).filter { !kept.contains($0) }.map { input.columnNames[$0] },
                      linearPredictor: eta, means: means)
    }
}
