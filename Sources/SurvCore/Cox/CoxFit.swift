import Foundation

/// One estimated coefficient of a Cox model, as a row of R's `summary.coxph` table.
public struct CoxCoefficient: Codable, Equatable, Sendable {
    /// The design column's name.
    public var name: String
    /// Index of the design column in `CoxModelInput.covariates`.
    public var column: Int
    public var coef: Double
    /// Standard error from the inverse information (model-based, not robust).
    public var se: Double
    public var z: Double
    /// Two-sided Wald p-value.
    public var p: Double
    /// Hazard ratio exp(coef) and its confidence interval exp(coef ± z·se).
    public var hr: Double
    public var hrLower: Double
    public var hrUpper: Double
    /// With `cluster()`: the sandwich standard error, which then gives `z`, `p` and the interval, as in R.
    public var robustSE: Double? = nil
}

/// A fitted Cox proportional-hazards model: R's `coxph` with what `summary.coxph` prints.
public struct CoxFit: Codable, Equatable, Sendable {
    /// Observations and events used.
    public var n: Int
    public var events: Int
    public var ties: TiesMethod
    /// Confidence level of the hazard-ratio intervals.
    public var level: Double
    /// The estimable coefficients, in design-column order; dropped columns are absent.
    public var coefficients: [CoxCoefficient]
    /// Variance matrix of `coefficients` (row-major nested arrays, same order).
    public var variance: [[Double]]
    /// Partial log-likelihood with all coefficients 0, and at the estimate.
    public var loglikNull: Double
    public var loglik: Double
    /// Likelihood-ratio, Wald and score (log-rank) tests of all coefficients being 0.
    public var lrTest: ChiSquareStatistic
    public var waldTest: ChiSquareStatistic
    public var scoreTest: ChiSquareStatistic
    /// Harrell's concordance of the linear predictor as `summary.coxph` reports it, and its standard error.
    public var concordance: Double
    public var concordanceStdErr: Double
    /// Newton–Raphson iterations as R counts them (iter.max + 1 when the limit was hit).
    public var iterations: Int
    public var converged: Bool
    public var warnings: [CoreWarning]
    /// Names of design columns dropped as redundant (R reports their coefficients as NA).
    public var droppedColumns: [String]
    /// Linear predictor per observation in input order, centred at the weighted covariate means (R's
    /// `linear.predictors`); needed by the proportional-hazards test.
    public var linearPredictor: [Double]
    /// Weighted means that centre the linear predictor (0 for columns coded within {-1, 0, 1}, as in R).
    public var means: [Double]

    /// Fits the model by Newton–Raphson exactly as R's `coxph.fit` (survival 3.5.3) does.
    /// - Parameters:
    ///   - level: confidence level of the hazard-ratio intervals.
    ///   - maxIterations: R's `iter.max`.
    ///   - tolerance: R's `eps`: stop when |1 − loglik_old / loglik| ≤ tolerance.
    ///   - prepared: `input.prepared()`, when the caller keeps it to reuse (for the PH test, or the next model
    ///     on the same rows); made here otherwise.
    public static func fit(_ input: CoxModelInput, prepared: SurvivalPreparation? = nil, level: Double = 0.95,
                           maxIterations: Int = 20, tolerance: Double = 1e-9) throws -> CoxFit {
        try input.validate()
        guard level > 0 && level < 1 else { throw CoreError("confidence level must be between 0 and 1") }
        guard maxIterations >= 0 else { throw CoreError("maxIterations must be ≥ 0") }
        // One row is its own only risk set: the likelihood is flat and any coefficient "fits" (R fails later, in
        // the concordance); refuse plainly rather than report an estimate.
        guard input.time.count >= 2 else {
            throw CoreError("a Cox model needs at least 2 rows, and only \(input.time.count) is left",
                            hint: "check the filter and the rows dropped for missing values")
        }
        var data = CoxSortedData(input, prepared: try input.prepared(reusing: prepared))
        try Interruption.checkpoint()
        let raw = try CoxNewtonRaphson.run(data, ties: input.ties, maxIterations: maxIterations, tolerance: tolerance)
        data.releaseMatrix()
        try Interruption.checkpoint()
        return try assemble(input: input, data: data, raw: raw, level: level, maxIterations: maxIterations,
                            tolerance: tolerance)
    }

    private static func assemble(input: CoxModelInput, data: CoxSortedData, raw: CoxNewtonRaphson.Result,
                                 level: Double, maxIterations: Int, tolerance: Double) throws -> CoxFit {
        let n = data.rows, p = data.columns
        var warnings: [CoreWarning] = []
        let events = input.event.lazy.filter { $0 }.count
        if p > events {
            warnings.append(CoreWarning(code: "few_events",
                                        message: "\(p) covariate columns but only \(events) events"))
        }
        // Linear predictor in input order, centred as R centres it.
        var centre = 0.0
        for j in 0..<p { centre += raw.beta[j] * data.means[j] }
        var lp = [Double](repeating: 0, count: n)
        for j in 0..<p where raw.beta[j] != 0 {
            let b = raw.beta[j]
            let column = input.covariates[j]
            for i in 0..<n { lp[i] += b * column[i] }
        }
        for i in 0..<n { lp[i] -= centre }

        // Redundant columns: R flags them by a zero diagonal in the variance when the rank is short.
        let rankShort = raw.rank < p
        let singular = (0..<p).map { rankShort && raw.variance[$0 * p + $0] == 0 }
        // A variance of exactly 0 that the rank did not flag comes from a likelihood with no information about
        // the column (when no event has anyone else at risk, Newton runs out of iterations on a flat likelihood).
        // R prints se 0 and a zero-width interval there, which reads as certainty; the column is dropped instead.
        let uninformative = (0..<p).map { !singular[$0] && !(raw.variance[$0 * p + $0] > 0) }
        let kept = (0..<p).filter { !singular[$0] && !uninformative[$0] }
        let dropped = (0..<p).filter { singular[$0] || uninformative[$0] }.map { input.columnNames[$0] }
        for j in 0..<p where singular[j] {
            warnings.append(CoreWarning(code: "collinear_term",
                                        message: "X matrix deemed to be singular; \(input.columnNames[j]) is dropped (coefficient NA in R)"))
        }
        for j in 0..<p where uninformative[j] {
            warnings.append(CoreWarning(code: "no_information",
                                        message: "the data carry no information about \(input.columnNames[j]); it is dropped"))
        }
        guard !kept.isEmpty else {
            throw CoreError("no coefficient can be estimated: in the rows used, no event has another row at risk with a different value of any term",
                            hint: "check the filter; a Cox model compares each event with the rows still at risk")
        }

        // R's check for coefficients drifting to infinity (coxph.fit): the one-step change u·V that the
        // converged likelihood would still ask for, compared with the coefficient itself.
        var waldValid = true
        if maxIterations > 1 {
            var infs = [Double](repeating: 0, count: p)
            for j in 0..<p {
                var s = 0.0
                for i in 0..<p { s += raw.score[i] * raw.variance[i * p + j] }
                infs[j] = abs(s)
            }
            if !raw.converged {
                warnings.append(CoreWarning(code: "not_converged",
                                            message: "Ran out of iterations and did not converge; estimates are from the last iteration"))
                if (lp.max() ?? 0) > 500 || infs.contains(where: { !$0.isFinite }) {
                    warnings.append(CoreWarning(code: "infinite_coefficient",
                                                message: "one or more coefficients may be infinite"))
                    waldValid = false
                }
            } else {
                let toleranceInf = tolerance.squareRoot()
                let flagged = (0..<p).filter { j in
                    !raw.score[j].isFinite || (infs[j] > tolerance && infs[j] > toleranceInf * abs(raw.beta[j]))
                }
                if !flagged.isEmpty {
                    let names = flagged.map { input.columnNames[$0] }.joined(separator: ", ")
                    warnings.append(CoreWarning(code: "infinite_coefficient",
                                                message: "Loglik converged before variable \(names); coefficient may be infinite"))
                    waldValid = false
                }
            }
        }

        let q = Normal.quantile((1 + level) / 2)
        var coefficients: [CoxCoefficient] = []
        for j in kept {
            let b = raw.beta[j]
            let se = max(raw.variance[j * p + j], 0).squareRoot()
            let z = b / se
            let pValue = z.isNaN ? 1 : ChiSquared.sf(z * z, df: 1)
            coefficients.append(CoxCoefficient(name: input.columnNames[j], column: j, coef: b, se: se, z: z,
                                               p: pValue, hr: exp(b), hrLower: exp(b - q * se), hrUpper: exp(b + q * se)))
        }
        let variance = kept.map { i in kept.map { j in raw.variance[i * p + j] } }
        let df = Double(kept.count)

        // Wald test over the estimable coefficients (R's coxph.wtest with toler.chol).
        let k = kept.count
        var flatVariance = [Double](repeating: 0, count: k * k)
        for (a, i) in kept.enumerated() { for (b, j) in kept.enumerated() { flatVariance[a * k + b] = raw.variance[i * p + j] } }
        let keptBeta = kept.map { raw.beta[$0] }
        let solved = PivotingCholesky(symmetric: flatVariance, size: k).solve(keptBeta)
        var wald = 0.0
        for a in 0..<k { wald += keptBeta[a] * solved[a] }
        if !waldValid {
            warnings.append(CoreWarning(code: "wald_invalid",
                                        message: "the Wald test is unreliable when a coefficient may be infinite; use the likelihood-ratio or score test"))
        }

        let concordance = CoxConcordance.compute(data.prepared, weight: data.weight,
                                                 predictor: CoxSortedData.scatter(lp, to: data.position))
        if !concordance.concordance.isFinite {
            warnings.append(CoreWarning(code: "concordance_undefined",
                                        message: "no comparable pairs: concordance is undefined"))
        }
        return CoxFit(n: n, events: events, ties: input.ties, level: level, coefficients: coefficients,
                      variance: variance, loglikNull: raw.loglikInitial, loglik: raw.loglik,
                      lrTest: ChiSquareStatistic(chisq: 2 * (raw.loglik - raw.loglikInitial), df: df),
                      waldTest: ChiSquareStatistic(chisq: wald, df: df),
                      scoreTest: ChiSquareStatistic(chisq: raw.scoreTest, df: df),
                      concordance: concordance.concordance, concordanceStdErr: concordance.standardError,
                      iterations: raw.iterations, converged: raw.converged, warnings: warnings,
                      droppedColumns: dropped, linearPredictor: lp, means: data.means)
    }
}
