// Newton–Raphson for the Cox partial likelihood with R's coxfit6 control flow: the score test from the first
// evaluation at beta = 0, step-halving whenever the log-likelihood drops or overflows, convergence on the
// relative change of the log-likelihood, and the same singularity rule for the information matrix. Following
// it step for step is what makes iteration counts and warnings agree with R, not just the estimates.

enum CoxNewtonRaphson {
    struct Result {
        /// Coefficients on the original covariate scale (a dropped column keeps 0).
        var beta: [Double]
        /// Score at the final coefficients, on the original scale.
        var score: [Double]
        /// Inverse information on the original scale, row-major p×p (zero rows for dropped columns).
        var variance: [Double]
        var loglikInitial: Double
        var loglik: Double
        var scoreTest: Double
        /// Rank of the information matrix at the last factorisation.
        var rank: Int
        var iterations: Int
        var converged: Bool
    }

    /// Polls `Interruption` before each likelihood pass, and each pass polls it as it goes (each costs n·p²
    /// for p coefficients), so that a large model stops soon after Ctrl-C.
    static func run(_ data: CoxSortedData, ties: TiesMethod, maxIterations: Int, tolerance: Double) throws(CoreError) -> Result {
        let p = data.columns
        var beta = [Double](repeating: 0, count: p)
        var current = try CoxPartialLikelihood.evaluate(data, beta: beta, ties: ties)
        let loglikInitial = current.loglik
        var factor = PivotingCholesky(symmetric: current.information, size: p)
        let firstStep = factor.solve(current.score)
        var scoreTest = 0.0
        for i in 0..<p { scoreTest += current.score[i] * firstStep[i] }

        func finishWith(beta: [Double], score: [Double], workingVariance: [Double], rank: Int, loglik: Double,
                    iterations: Int, converged: Bool) -> Result {
            var variance = workingVariance
            var b = beta, u = score
            for i in 0..<p {
                b[i] *= data.scale[i]
                u[i] /= data.scale[i]
                for j in 0..<p { variance[i * p + j] *= data.scale[i] * data.scale[j] }
            }
            return Result(beta: b, score: u, variance: variance, loglikInitial: loglikInitial, loglik: loglik,
                          scoreTest: scoreTest, rank: rank, iterations: iterations, converged: converged)
        }

        func finish(beta: [Double], score: [Double], factor: PivotingCholesky, loglik: Double,
                    iterations: Int, converged: Bool) -> Result {
            finishWith(beta: beta, score: score, workingVariance: factor.inverse(), rank: factor.rank,
                   loglik: loglik, iterations: iterations, converged: converged)
        }
        if maxIterations == 0 || !loglikInitial.isFinite {
            return finish(beta: beta, score: current.score, factor: factor, loglik: loglikInitial,
                          iterations: 0, converged: false)
        }

        var bestLoglik = loglikInitial
        var newBeta = (0..<p).map { beta[$0] + firstStep[$0] }
        var halving = 0.0
        for iteration in 1...maxIterations {
            try Interruption.checkpoint()
            current = try CoxPartialLikelihood.evaluate(data, beta: newBeta, ties: ties)
            factor = PivotingCholesky(symmetric: current.information, size: p)
            let finite = current.isFinite
            if finite && abs(1 - bestLoglik / current.loglik) <= tolerance {
                return finish(beta: newBeta, score: current.score, factor: factor, loglik: current.loglik,
                              iterations: iteration, converged: true)
            }
            if !finite || current.loglik < bestLoglik {
                // Not improving: pull the trial point back towards the last good one, harder each time.
                halving += 1
                for i in 0..<p { newBeta[i] = (newBeta[i] + halving * beta[i]) / (halving + 1) }
            } else {
                halving = 0
                bestLoglik = current.loglik
                let step = factor.solve(current.score)
                for i in 0..<p {
                    beta[i] = newBeta[i]
                    newBeta[i] += step[i]
                }
            }
        }

        // Out of iterations: report the last good iterate. R recomputes the score and information there but
        // inverts the information without refactoring it, which leaves only the reciprocal diagonal; the
        // variance reported matches that.
        if maxIterations > 1 {
            try Interruption.checkpoint()
            let last = try CoxPartialLikelihood.evaluate(data, beta: beta, ties: ties)
            var reciprocalDiagonal = [Double](repeating: 0, count: p * p)
            for i in 0..<p where last.information[i * p + i] > 0 {
                reciprocalDiagonal[i * p + i] = 1 / last.information[i * p + i]
            }
            // R marks a non-converged fit as full rank: no column is dropped.
            return finishWith(beta: beta, score: last.score, workingVariance: reciprocalDiagonal, rank: p,
                          loglik: last.loglik, iterations: maxIterations + 1, converged: false)
        }
        return finishWith(beta: beta, score: current.score, workingVariance: factor.inverse(), rank: p,
                      loglik: bestLoglik, iterations: maxIterations + 1, converged: false)
    }
}
