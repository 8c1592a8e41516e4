import Foundation

// The running risk-set sums of a backward pass over one stratum's times, shared by the likelihood pass (R's
// coxfit6_iter) and the proportional-hazards score pass (R's zph1): for the rows after the current time, and
// apart for the current time's tied deaths, Σ r, Σ r·x and Σ r·x·x' (r the risk score exp(x'β) times the
// weight). Efron's correction for d tied deaths is a sum over d fractional risk sets; every term of the
// likelihood, the score and the information is a combination of these sums with a few scalar weights, so a tie
// group costs O(d + p²) instead of O(d·p²). Cross-products are kept as full p×p squares: twice the arithmetic
// of a triangle, but contiguous rows that vectorise, which is faster for the p of clinical models.

/// Efron's (or Breslow's) scalar weights for one group of tied deaths.
struct TiedDeathWeights {
    /// The number of fractional risk sets (d for Efron with d > 1 tied deaths, else 1).
    let steps: Int
    /// The deaths' total weight divided among the steps.
    let stepWeight: Double
    /// Σ_k 1/D_k, Σ_k f_k/D_k, Σ_k 1/D_k², Σ_k f_k/D_k², Σ_k f_k²/D_k² and Σ_k log D_k, where
    /// D_k = denom + f_k·tiedDenom and f_k = k / steps.
    let s1, sf, t0, t1, t2, logSum: Double
}

/// Risk-set sums with storage of their own (freed by `deallocate`), so the passes' inner loops run on raw pointers.
struct RiskSetSums {
    let columns: Int
    private(set) var denom = 0.0
    private(set) var tiedDenom = 0.0
    private(set) var deaths = 0
    private(set) var deadWeight = 0.0
    private let a: UnsafeMutablePointer<Double>
    private let tiedA: UnsafeMutablePointer<Double>
    private let cmat: UnsafeMutablePointer<Double>
    private let tiedCmat: UnsafeMutablePointer<Double>

    init(columns p: Int) {
        columns = p
        a = .allocate(capacity: max(p, 1))
        tiedA = .allocate(capacity: max(p, 1))
        cmat = .allocate(capacity: max(p * p, 1))
        tiedCmat = .allocate(capacity: max(p * p, 1))
        a.initialize(repeating: 0, count: max(p, 1))
        tiedA.initialize(repeating: 0, count: max(p, 1))
        cmat.initialize(repeating: 0, count: max(p * p, 1))
        tiedCmat.initialize(repeating: 0, count: max(p * p, 1))
    }

    func deallocate() {
        a.deallocate()
        tiedA.deallocate()
        cmat.deallocate()
        tiedCmat.deallocate()
    }

    /// Empties the sums: a new stratum's risk sets share no one with the previous one's.
    mutating func startStratum() {
        denom = 0
        a.update(repeating: 0, count: columns)
        cmat.update(repeating: 0, count: columns * columns)
    }

    /// Adds a row (its p covariates at `x`) at the current time: to the tied deaths if it is an event.
    @inline(__always)
    mutating func add(_ x: UnsafePointer<Double>, risk: Double, weight: Double, isEvent: Bool) {
        let p = columns
        let sum: UnsafeMutablePointer<Double>, cross: UnsafeMutablePointer<Double>
        if isEvent {
            deaths += 1
            deadWeight += weight
            tiedDenom += risk
            sum = tiedA
            cross = tiedCmat
        } else {
            denom += risk
            sum = a
            cross = cmat
        }
        for i in 0..<p {
            let rx = risk * x[i]
            sum[i] += rx
            let target = cross.advanced(by: i &* p)
            for j in 0..<p { target[j] += rx * x[j] }
        }
    }

    /// The weights of the current time's tied deaths.
    func tiedDeathWeights(efron: Bool) -> TiedDeathWeights {
        let steps = (efron && deaths > 1) ? deaths : 1
        var s1 = 0.0, sf = 0.0, t0 = 0.0, t1 = 0.0, t2 = 0.0, logSum = 0.0
        for k in 1...steps {
            let f = Double(k) / Double(steps)
            let d = denom + tiedDenom * f
            let inv = 1 / d
            logSum += log(d)
            s1 += inv
            sf += f * inv
            t0 += inv * inv
            t1 += f * inv * inv
            t2 += f * f * inv * inv
        }
        return TiedDeathWeights(steps: steps, stepWeight: deadWeight / Double(steps),
                                s1: s1, sf: sf, t0: t0, t1: t1, t2: t2, logSum: logSum)
    }

    /// Σ_k of the k-th fractional risk set's weighted mean of covariate i (divide by `steps` for their mean).
    @inline(__always)
    func meanSum(_ i: Int, _ w: TiedDeathWeights) -> Double {
        a[i] * w.s1 + tiedA[i] * w.sf
    }

    /// Σ_k of the k-th fractional risk set's covariance of covariates i and j (times `stepWeight`, the
    /// information it contributes).
    @inline(__always)
    func covarianceSum(_ i: Int, _ j: Int, _ w: TiedDeathWeights) -> Double {
        let outer = a[i] * a[j] * w.t0 + (a[i] * tiedA[j] + tiedA[i] * a[j]) * w.t1 + tiedA[i] * tiedA[j] * w.t2
        let k = i * columns + j
        return cmat[k] * w.s1 + tiedCmat[k] * w.sf - outer
    }

    /// Moves the current time's deaths into the risk set of the earlier times.
    mutating func closeTime() {
        denom += tiedDenom
        tiedDenom = 0
        deaths = 0
        deadWeight = 0
        for i in 0..<columns {
            a[i] += tiedA[i]
            tiedA[i] = 0
        }
        for k in 0..<(columns * columns) {
            cmat[k] += tiedCmat[k]
            tiedCmat[k] = 0
        }
    }
}
