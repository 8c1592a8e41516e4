import Foundation

// At a failure time t from the event, Fine and Gray's risk set holds every row still under follow-up
// (weight exp(x·β)) and every row that failed earlier from a competing cause (weight exp(x·β)·G(t−)/G(tᵢ−)).
// crr sums that set afresh at each failure time, O(n²). Both parts are running sums over time instead:
// the rows still followed are a suffix of the sorted rows, and the earlier competing failures a prefix
// whose weights share the factor G(t−) of their censoring group; so one pass each way gives every sum.

/// The weighted sums over each risk set at a coefficient vector.
struct FineGrayRiskSets {
    /// exp(x·β) per sorted position.
    let risk: [Double]
    /// Per block: Σ weight (meaningful where the block has failures from the event).
    let s0: [Double]
    /// Per block: the weighted mean of the covariates over the risk set, at `[b * columns + j]`.
    let mean: [Double]

    init(_ data: FineGrayData, beta: [Double]) {
        let n = data.rows, p = data.columns, count = data.blocks.count, groups = data.weights.groups
        var risk = [Double](repeating: 0, count: n)
        var s0 = [Double](repeating: 0, count: count)
        var mean = [Double](repeating: 0, count: count * p)
        // Unchecked buffers: these loops run n·p times per likelihood evaluation.
        data.x.withUnsafeBufferPointer { x in
        data.kind.withUnsafeBufferPointer { kind in
        data.group.withUnsafeBufferPointer { group in
        data.blocks.start.withUnsafeBufferPointer { start in
        risk.withUnsafeMutableBufferPointer { risk in
        s0.withUnsafeMutableBufferPointer { s0 in
        mean.withUnsafeMutableBufferPointer { s1 in
            @inline(__always) func weight(_ i: Int) -> Double {
                var eta = 0.0
                for j in 0..<p { eta += x[i * p + j] * beta[j] }
                return exp(eta)
            }
            // Forward: earlier competing failures, per censoring group, each divided by its own G(tᵢ−).
            // Their sums at a failure block are kept in s0 and s1 (which holds Σ weight·x until the end).
            var competing0 = [Double](repeating: 0, count: groups)
            var competing1 = [Double](repeating: 0, count: groups * p)
            for b in 0..<count {
                if data.events[b] > 0 {
                    for k in 0..<groups where competing0[k] != 0 {
                        let g = data.weights.before(group: k, block: b)
                        s0[b] += g * competing0[k]
                        for j in 0..<p { s1[b * p + j] += g * competing1[k * p + j] }
                    }
                }
                for i in start[b]..<start[b + 1] where kind[i] == 2 {
                    let k = group[i]
                    risk[i] = weight(i)
                    let w = risk[i] / data.weights.before(group: k, block: b)
                    competing0[k] += w
                    for j in 0..<p { competing1[k * p + j] += w * x[i * p + j] }
                }
            }
            // Backward: rows still under follow-up (each row's exp(x·β) computed as it is first met, so that x
            // is read about once per evaluation).
            var atRisk0 = 0.0
            var atRisk1 = [Double](repeating: 0, count: p)
            for b in stride(from: count - 1, through: 0, by: -1) {
                for i in start[b]..<start[b + 1] {
                    let e = kind[i] == 2 ? risk[i] : weight(i)
                    risk[i] = e
                    atRisk0 += e
                    for j in 0..<p { atRisk1[j] += e * x[i * p + j] }
                }
                if data.events[b] > 0 {
                    s0[b] += atRisk0
                    for j in 0..<p { s1[b * p + j] = (s1[b * p + j] + atRisk1[j]) / s0[b] }
                }
            }
        }}}}}}}
        self.risk = risk
        self.s0 = s0
        self.mean = mean
    }
}
