import Foundation

// crr minimises the negative log pseudo-likelihood, so its "loglik" and "score" are reported with the sign
// flipped; these are kept in crr's minimising sign until the fit reports them.

/// The negative log pseudo-likelihood of a Fine–Gray model, with its gradient and Hessian when asked.
struct FineGrayLikelihood {
    /// −log L(β).
    let value: Double
    /// −U(β), the gradient of `value`; empty when derivatives were not asked for.
    let gradient: [Double]
    /// The information matrix, the Hessian of `value`, row-major; empty when not asked for.
    let information: [Double]
    let riskSets: FineGrayRiskSets

    init(_ data: FineGrayData, beta: [Double], derivatives: Bool) {
        let p = data.columns, count = data.blocks.count
        let sets = FineGrayRiskSets(data, beta: beta)
        var value = 0.0
        for b in 0..<count where data.events[b] > 0 { value += Double(data.events[b]) * log(sets.s0[b]) }
        for j in 0..<p { value -= data.eventSum[j] * beta[j] }
        riskSets = sets
        self.value = value
        guard derivatives else {
            gradient = []
            information = []
            return
        }
        var gradient = data.eventSum.map { -$0 }
        for b in 0..<count where data.events[b] > 0 {
            let d = Double(data.events[b])
            for j in 0..<p { gradient[j] += d * sets.mean[b * p + j] }
        }
        self.gradient = gradient
        information = Self.information(data, sets)
    }

    /// Σ_b d_b·(S2_b/S0_b − x̄_b·x̄_bᵀ). Each row's x·xᵀ enters S2 of many risk sets; summing its weights over
    /// those sets first (a running sum of d_b/S0_b for the sets it is followed in, and of d_b·G(t_b−)/S0_b
    /// for the sets after its competing failure) makes the whole matrix one pass over the rows.
    private static func information(_ data: FineGrayData, _ sets: FineGrayRiskSets) -> [Double] {
        let p = data.columns, count = data.blocks.count, groups = data.weights.groups
        var info = [Double](repeating: 0, count: p * p)
        // Backward: Σ over later failure blocks of d·G_k(t−)/S0, per censoring group.
        var later = [Double](repeating: 0, count: groups)
        var laterByBlock = [Double](repeating: 0, count: groups * count)
        for b in stride(from: count - 1, through: 0, by: -1) {
            for k in 0..<groups { laterByBlock[b * groups + k] = later[k] }
            if data.events[b] > 0 {
                let share = Double(data.events[b]) / sets.s0[b]
                for k in 0..<groups { later[k] += share * data.weights.before(group: k, block: b) }
            }
        }
        var followed = 0.0
        data.x.withUnsafeBufferPointer { x in
        info.withUnsafeMutableBufferPointer { info in
            for b in 0..<count {
                if data.events[b] > 0 {
                    let d = Double(data.events[b])
                    followed += d / sets.s0[b]
                    for j in 0..<p {
                        let mj = sets.mean[b * p + j]
                        for l in j..<p { info[j * p + l] -= d * mj * sets.mean[b * p + l] }
                    }
                }
                for i in data.positions(b) {
                    var w = sets.risk[i] * followed
                    if data.kind[i] == 2 {
                        let k = data.group[i]
                        w += sets.risk[i] / data.weights.before(group: k, block: b) * laterByBlock[b * groups + k]
                    }
                    guard w != 0 else { continue }
                    let row = i * p
                    for j in 0..<p {
                        let wx = w * x[row + j]
                        for l in j..<p { info[j * p + l] += wx * x[row + l] }
                    }
                }
            }
        }}
        for j in 0..<p { for l in 0..<j { info[j * p + l] = info[l * p + j] } }
        return info
    }
}
