import Foundation

/// Fits a Cox model on (start, stop] intervals with R's agreg.fit control flow (Newton–Raphson, step halving,
/// convergence on the relative change of the log-likelihood), and with clusters adds R's sandwich variance.
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
        var beta = [Double](repeating: 0, count: p)
        var current = try likelihood.evaluate(beta: beta)
        let loglikNull = current.loglik
        var factor = PivotingCholesky(symmetric: current.information, size: p)
        let firstStep = factor.solve(current.score)
        var scoreTest = 0.0
        for j in 0..<p { scoreTest += current.score[j] * firstStep[j] }

        var best = current.loglik, converged = false, iterations = 0
        var trial = (0..<p).map { beta[$0] + firstStep[$0] }
        var halving = 0.0
        if maxIterations > 0 && loglikNull.isFinite {
            for iteration in 1...maxIterations {
                iterations = iteration
                let next = try likelihood.evaluate(beta: trial)
                if next.isFinite && abs(1 - best / next.loglik) <= tolerance {
                    beta = trial
                    current = next
                    converged = true
                    break
                }
                if !next.isFinite || next.loglik < best {
                    halving += 1
                    for j in 0..<p { trial[j] = (trial[j] + halving * beta[j]) / (halving + 1) }
                } else {
                    halving = 0
                    best = next.loglik
                    current = next
                    let step = PivotingCholesky(symmetric: next.information, size: p).solve(next.score)
                    for j in 0..<p {
                        beta[j] = trial[j]
                        trial[j] += step[j]
                    }
                }
            }
            if !converged {
                iterations = maxIterations + 1
                current = try likelihood.evaluate(beta: beta)
            }
        }
        factor = PivotingCholesky(symmetric: current.information, size: p)
        let naive = factor.inverse()
        var warnings: [CoreWarning] = []
        if !converged {
            warnings.append(CoreWarning(code: "not_converged",
                                        message: "Ran out of iterations and did not converge; estimates are from the last iteration"))
        }
        let kept = (0..<p).filter { !factor.isSingular($0) && naive[$0 * p + $0] > 0 }
        for j in 0..<p where !kept.contains(j) {
            warnings.append(CoreWarning(code: "collinear_term",
                                        message: "X matrix deemed to be singular; \(input.columnNames[j]) is dropped (coefficient NA in R)"))
        }
        guard !kept.isEmpty else {
            throw CoreError("no coefficient can be estimated: in the rows used, no event has another row at risk with a different value of any term")
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
            // With clusters R reports z, p and the interval from the robust standard error.
            let used = variance[j * p + j].squareRoot()
            let z = b / used
            var coefficient = CoxCoefficient(name: input.columnNames[j], column: j, coef: b, se: se, z: z,
                                             p: z.isNaN ? 1 : ChiSquared.sf(z * z, df: 1), hr: exp(b),
                                             hrLower: exp(b - q * used), hrUpper: exp(b + q * used))
            if robust != nil { coefficient.robustSE = used }
            coefficients.append(coefficient)
        }
        let k = kept.count
        var flat = [Double](repeating: 0, count: k * k)
        for (a, i) in kept.enumerated() { for (c, j) in kept.enumerated() { flat[a * k + c] = variance[i * p + j] } }
        let keptBeta = kept.map { beta[$0] }
        let solved = PivotingCholesky(symmetric: flat, size: k).solve(keptBeta)
        var wald = 0.0
        for a in 0..<k { wald += keptBeta[a] * solved[a] }
        let df = Double(k)
        let concordance = try CountingProcessConcordance.compute(likelihood: likelihood, eta: eta, cluster: input.cluster)
        return CoxFit(n: n, events: input.event.lazy.filter { $0 }.count, ties: input.ties, level: level,
                      coefficients: coefficients, variance: kept.map { i in kept.map { j in variance[i * p + j] } },
                      loglikNull: loglikNull, loglik: current.loglik,
                      lrTest: ChiSquareStatistic(chisq: 2 * (current.loglik - loglikNull), df: df),
                      waldTest: ChiSquareStatistic(chisq: wald, df: df),
                      scoreTest: ChiSquareStatistic(chisq: scoreTest, df: df),
                      concordance: concordance.concordance, concordanceStdErr: concordance.standardError,
                      iterations: iterations, converged: converged, warnings: warnings,
                      droppedColumns: (0..<p).filter { !kept.contains($0) }.map { input.columnNames[$0] },
                      linearPredictor: eta, means: means)
    }
}
