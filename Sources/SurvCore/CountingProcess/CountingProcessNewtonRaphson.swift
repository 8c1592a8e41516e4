import Foundation

// Newton–Raphson for the Cox partial likelihood over (start, stop] intervals with R's agfit4 control flow
// (survival 3.5.3), which differs from coxfit6's for one-row data in ways that decide what is reported on hard
// data: the rank of the information at beta = 0 is the model's rank, and a later iterate whose information
// has another rank counts as a failed step (it is halved back, like a drop in the log-likelihood); convergence
// is only accepted on a full Newton step; out of iterations, the last iterate is kept unless it is worse than
// the best one, and the variance is the generalised inverse of the information there. The singularity
// decisions are made on R's scaled covariates: a column not coded within {-1, 0, 1} is divided by its mean
// absolute distance from the value of the first row agfit4 visits, since the Cholesky tolerance is relative
// to the largest diagonal element and so depends on that scale.
//
// Which columns are redundant is read off the factorisation at beta = 0. A redundancy there is structural (a
// column, or a combination of columns, constant within every risk set stays so at any beta), and R reports as
// NA the columns its last factorisation zeroes, which are the same ones whenever that factorisation is sound.
// Where a coefficient diverges it is not: the information's entries shrink to the size of their rounding
// error, R's last factorisation may find full rank by accident, and it then reports a redundant column with a
// coefficient of 0 and an arbitrary SE. The variance here is the inverse of the information over the other
// columns.

enum CountingProcessNewtonRaphson {
    struct Result {
        /// Coefficients on the original covariate scale.
        var beta: [Double]
        /// Score at the final coefficients, on the original scale.
        var score: [Double]
        /// Generalised inverse of the information at the final coefficients, row-major p×p, on the original
        /// scale: rows and columns the final factorisation judged redundant are 0.
        var variance: [Double]
        var loglikInitial: Double
        var loglik: Double
        var scoreTest: Double
        /// Rank of the information at beta = 0 (R's `flag[1]`).
        var rank: Int
        /// The columns the factorisation at beta = 0 judged redundant (none when the rank is full).
        var redundant: [Bool]
        /// As agreg.fit reports them: the iteration that converged, or the limit.
        var iterations: Int
        var converged: Bool
    }

    static func run(_ likelihood: CountingProcessLikelihood, columns: [[Double]], maxIterations: Int,
                    tolerance: Double) throws(CoreError) -> Result {
        let p = likelihood.p
        let scale = scales(likelihood, columns: columns)

        // The information and score in R's scaled coordinates, S·I·S and S·u.
        func factor(_ value: CountingProcessLikelihood.Value) -> PivotingCholesky {
            var scaled = value.information
            for j in 0..<p { for l in 0..<p { scaled[j * p + l] *= scale[j] * scale[l] } }
            return PivotingCholesky(symmetric: scaled, size: p)
        }
        func newtonStep(_ value: CountingProcessLikelihood.Value, _ factored: PivotingCholesky) -> [Double] {
            let solved = factored.solve((0..<p).map { value.score[$0] * scale[$0] })
            return (0..<p).map { solved[$0] * scale[$0] }
        }
        func finite(_ value: CountingProcessLikelihood.Value) -> Bool {
            value.loglik.isFinite && (0..<p).allSatisfy { value.information[$0 * p + $0].isFinite }
        }

        var beta = [Double](repeating: 0, count: p)
        var current = try likelihood.evaluate(beta: beta)
        var factored = factor(current)
        let loglikInitial = current.loglik
        let rank = factored.rank
        let redundant = (0..<p).map { rank < p && factored.isSingular($0) }
        let firstStep = newtonStep(current, factored)
        var scoreTest = 0.0
        for j in 0..<p { scoreTest += current.score[j] * firstStep[j] }

        var iterations = 0, converged = false
        if maxIterations > 0 && loglikInitial.isFinite {
            var best = loglikInitial
            var previous = beta
            beta = (0..<p).map { beta[$0] + firstStep[$0] }
            var halving = 0.0
            for iteration in 1...maxIterations {
                iterations = iteration
                current = try likelihood.evaluate(beta: beta)
                factored = factor(current)
                let failed = !finite(current) || factored.rank != rank
                if !failed && halving == 0 && abs(1 - best / current.loglik) <= tolerance {
                    converged = true
                    break
                }
                if iteration == maxIterations {
                    // Out of iterations: a last iterate worse than the best one (beyond rounding) is abandoned
                    // for the best, whose information is computed again.
                    if maxIterations > 1 && (current.loglik - best) / abs(best) < -tolerance {
                        beta = previous
                        current = try likelihood.evaluate(beta: beta)
                        factored = factor(current)
                    }
                    break
                }
                if failed || current.loglik < best {
                    // Not improving: pull the trial point back towards the last good one, harder each time.
                    halving += 1
                    for j in 0..<p { beta[j] = (previous[j] * halving + beta[j]) / (halving + 1) }
                } else {
                    halving = 0
                    best = current.loglik
                    let step = newtonStep(current, factored)
                    previous = beta
                    for j in 0..<p { beta[j] += step[j] }
                }
            }
        }
        var variance = [Double](repeating: 0, count: p * p)
        if redundant.contains(true) {
            let kept = (0..<p).filter { !redundant[$0] }
            let k = kept.count
            var information = [Double](repeating: 0, count: k * k)
            for (a, j) in kept.enumerated() {
                for (b, l) in kept.enumerated() { information[a * k + b] = current.information[j * p + l] * scale[j] * scale[l] }
            }
            let inverse = PivotingCholesky(symmetric: information, size: k).inverse()
            for (a, j) in kept.enumerated() { for (b, l) in kept.enumerated() { variance[j * p + l] = inverse[a * k + b] } }
        } else {
            variance = factored.inverse()
        }
        for j in 0..<p { for l in 0..<p { variance[j * p + l] *= scale[j] * scale[l] } }
        return Result(beta: beta, score: current.score, variance: variance, loglikInitial: loglikInitial,
                      loglik: current.loglik, scoreTest: scoreTest, rank: rank, redundant: redundant, iterations: iterations,
                      converged: converged)
    }

    /// agfit4's scale of each column: 1 for a column coded within {-1, 0, 1}; otherwise 1 / the mean of |x − x₀|
    /// over the rows that are ever at risk, x₀ the value of the first of them it visits (lowest stratum, latest
    /// stop, then row order), or 1 when that mean is 0.
    static func scales(_ likelihood: CountingProcessLikelihood, columns: [[Double]]) -> [Double] {
        var first: Int?
        for rows in likelihood.byStop {
            let entering = rows.filter { likelihood.entersRiskSets[$0] }
            guard let latest = entering.map({ likelihood.stop[$0] }).max() else { continue }
            first = entering.filter { likelihood.stop[$0] == latest }.min()
            break
        }
        let used = (0..<likelihood.n).filter { likelihood.entersRiskSets[$0] }
        return columns.map { column in
            guard let first, !column.allSatisfy({ $0 == 0 || $0 == 1 || $0 == -1 }) else { return 1 }
            let origin = column[first]
            let spread = used.reduce(0.0) { $0 + abs(column[$1] - origin) }
            return spread > 0 ? Double(used.count) / spread : 1
        }
    }
}
