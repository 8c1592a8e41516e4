import Foundation

// One backward pass over the sorted data gives the partial log-likelihood, its gradient and the information
// matrix at a coefficient vector (R's coxfit6_iter). Risk-set sums are running totals, so the pass is
// O(n·p²). Efron's correction for a group of d tied events is a sum over d fractional risk sets; every term
// is a combination of the same few sums with scalar weights, so it is folded into O(d + p²) per group.

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
        let n = data.rows, p = data.columns
        // Risk-weighted cross-products are accumulated as full p×p squares: twice the arithmetic of the
        // triangle, but contiguous rows that vectorise, which is faster for the p of clinical models.
        let packed = p * p
        var loglik = 0.0
        var u = [Double](repeating: 0, count: p)
        var imatPacked = [Double](repeating: 0, count: packed)
        // Risk-set sums for subjects strictly later (a, cmat, denom) and for the current tied deaths (a2, cmat2, denom2).
        var a = [Double](repeating: 0, count: p), a2 = a
        var cmat = [Double](repeating: 0, count: packed), cmat2 = cmat
        var denom = 0.0
        let efron = ties == .efron
        var interrupted = false
        var groupsSincePoll = 0

        data.x.withUnsafeBufferPointer { x in
        data.time.withUnsafeBufferPointer { time in
        data.weight.withUnsafeBufferPointer { weight in
        data.isEvent.withUnsafeBufferPointer { isEvent in
        data.lastInStratum.withUnsafeBufferPointer { lastInStratum in
        beta.withUnsafeBufferPointer { b in
        u.withUnsafeMutableBufferPointer { u in
        imatPacked.withUnsafeMutableBufferPointer { imat in
        a.withUnsafeMutableBufferPointer { a in
        a2.withUnsafeMutableBufferPointer { a2 in
        cmat.withUnsafeMutableBufferPointer { cmat in
        cmat2.withUnsafeMutableBufferPointer { cmat2 in
            // Validated input has n ≥ 1 and p ≥ 1, so these exist; without them there is nothing to sum.
            guard let xBase = x.baseAddress, let c = cmat.baseAddress, let c2 = cmat2.baseAddress else { return }
            var person = n - 1
            while person >= 0 {
                groupsSincePoll += 1
                if groupsSincePoll >= groupsBetweenPolls {
                    groupsSincePoll = 0
                    if Interruption.isRequested() {
                        interrupted = true
                        return
                    }
                }
                if lastInStratum[person] {
                    denom = 0
                    for i in 0..<p { a[i] = 0 }
                    for i in 0..<packed { cmat[i] = 0 }
                }
                let groupTime = time[person]
                var deaths = 0
                var deadWeight = 0.0
                var denom2 = 0.0
                while person >= 0 && time[person] == groupTime {
                    // Pointer arithmetic without overflow checks lets the inner loops vectorise.
                    let xRow = xBase.advanced(by: person &* p)
                    var zbeta = 0.0
                    for i in 0..<p { zbeta += b[i] * xRow[i] }
                    let w = weight[person]
                    let risk = exp(zbeta) * w
                    if isEvent[person] {
                        deaths += 1
                        deadWeight += w
                        denom2 += risk
                        loglik += w * zbeta
                        for i in 0..<p {
                            let xi = xRow[i]
                            u[i] += w * xi
                            let rx = risk * xi
                            a2[i] += rx
                            let target = c2.advanced(by: i &* p)
                            for j in 0..<p { target[j] += rx * xRow[j] }
                        }
                    } else {
                        denom += risk
                        for i in 0..<p {
                            let rx = risk * xRow[i]
                            a[i] += rx
                            let target = c.advanced(by: i &* p)
                            for j in 0..<p { target[j] += rx * xRow[j] }
                        }
                    }
                    person -= 1
                    if person >= 0 && lastInStratum[person] { break }   // ties never cross strata
                }
                guard deaths > 0 else { continue }

                // Fractional risk sets: the tied deaths enter with fraction f_k, k = 1..d (Efron), or all at
                // once with weight deadWeight (Breslow, or a single death).
                let steps = (efron && deaths > 1) ? deaths : 1
                let stepWeight = deadWeight / Double(steps)
                var s1 = 0.0, sf = 0.0, t0 = 0.0, t1 = 0.0, t2 = 0.0, logSum = 0.0
                for k in 1...steps {
                    let f = Double(k) / Double(steps)
                    let d = denom + denom2 * f
                    let inv = 1 / d
                    logSum += log(d)
                    s1 += inv
                    sf += f * inv
                    t0 += inv * inv
                    t1 += f * inv * inv
                    t2 += f * f * inv * inv
                }
                loglik -= stepWeight * logSum
                for i in 0..<p {
                    u[i] -= stepWeight * (a[i] * s1 + a2[i] * sf)
                    for j in 0...i {
                        let k = i * p + j
                        let outer = a[i] * a[j] * t0 + (a[i] * a2[j] + a2[i] * a[j]) * t1 + a2[i] * a2[j] * t2
                        imat[k] += stepWeight * (cmat[k] * s1 + cmat2[k] * sf - outer)
                    }
                }
                denom += denom2
                for i in 0..<p { a[i] += a2[i]; a2[i] = 0 }
                for i in 0..<packed { cmat[i] += cmat2[i]; cmat2[i] = 0 }
            }
        }}}}}}}}}}}}
        if interrupted { throw CoreError.interrupted }

        var information = [Double](repeating: 0, count: p * p)
        for i in 0..<p {
            for j in 0...i {
                information[i * p + j] = imatPacked[i * p + j]
                information[j * p + i] = imatPacked[i * p + j]
            }
        }
        return CoxLikelihoodEvaluation(loglik: loglik, score: u, information: information)
    }
}
