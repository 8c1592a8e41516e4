import Foundation

// One backward pass over the sorted data gives the partial log-likelihood, its gradient and the information
// matrix at a coefficient vector (R's coxfit6_iter). Risk-set sums are running totals (`RiskSetSums`), so
// the pass is O(n·p²).

/// Partial log-likelihood, score vector and information matrix at one coefficient vector.
struct CoxLikelihoodEvaluation {
    var loglik: Double
    /// Gradient, length p.
    var score: [Double]
    /// Negative Hessian, row-major p×p, symmetric.
    var information: [Double]

    /// Whether any part overflowed (R then treats the step as failed and halves it).
    var isFinite: Bool {
        loglik.isFinite && score.allSatisfy(\.isFinite) && information.allSatisfy(\.isFinite)
    }
}

enum CoxPartialLikelihood {
    static let groupsBetweenPolls = 256

    /// One pass costs n·p² and may take many seconds for a large model: it polls `Interruption` every
    /// `groupsBetweenPolls` distinct times, so Ctrl-C stops it mid-pass.
    static func evaluate(_ data: CoxSortedData, beta: [Double], ties: TiesMethod) throws(CoreError) -> CoxLikelihoodEvaluation {
        let p = data.columns
        let prepared = data.prepared
        var loglik = 0.0
        var u = [Double](repeating: 0, count: p)
        var imat = [Double](repeating: 0, count: p * p)
        var sums = RiskSetSums(columns: p)
        defer { sums.deallocate() }
        let efron = ties == .efron
        var interrupted = false
        var groupsSincePoll = 0

        data.x.withUnsafeBufferPointer { x in
        data.weight.withUnsafeBufferPointer { weight in
        prepared.sortedEvent.withUnsafeBufferPointer { isEvent in
        beta.withUnsafeBufferPointer { b in
        u.withUnsafeMutableBufferPointer { u in
        imat.withUnsafeMutableBufferPointer { imat in
            // Validated input has n ≥ 1 and p ≥ 1, so this exists; without it there is nothing to sum.
            guard let xBase = x.baseAddress else { return }
            // From the last time to the first, as risk sets grow backwards in time.
            for stratum in stride(from: prepared.strata - 1, through: 0, by: -1) {
                sums.startStratum()
                for block in prepared.blocks(ofStratum: stratum).reversed() {
                    groupsSincePoll += 1
                    if groupsSincePoll >= groupsBetweenPolls {
                        groupsSincePoll = 0
                        if Interruption.isRequested() {
                            interrupted = true
                            return
                        }
                    }
                    for person in prepared.positions(ofBlock: block).reversed() {
                        // Pointer arithmetic without overflow checks lets the inner loops vectorise.
                        let xRow = xBase.advanced(by: person &* p)
                        var zbeta = 0.0
                        for i in 0..<p { zbeta += b[i] * xRow[i] }
                        let w = weight[person]
                        let event = isEvent[person]
                        if event {
                            loglik += w * zbeta
                            for i in 0..<p { u[i] += w * xRow[i] }
                        }
                        sums.add(xRow, risk: exp(zbeta) * w, weight: w, isEvent: event)
                    }
                    guard sums.deaths > 0 else { continue }
                    let tied = sums.tiedDeathWeights(efron: efron)
                    loglik -= tied.stepWeight * tied.logSum
                    for i in 0..<p {
                        u[i] -= tied.stepWeight * sums.meanSum(i, tied)
                        for j in 0...i { imat[i * p + j] += tied.stepWeight * sums.covarianceSum(i, j, tied) }
                    }
                    sums.closeTime()
                }
            }
        }}}}}}
        if interrupted { throw CoreError.interrupted }

        var information = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0...i {
                information[i * p + j] = imat[i * p + j]
                information[j * p + i] = imat[i * p + j]
            }
        }
        return CoxLikelihoodEvaluation(loglik: loglik, score: u, information: information)
    }
}
