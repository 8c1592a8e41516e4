// The robust variance crr reports (Fine and Gray 1999, section 3; cmprsk's Fortran `crrvv`): I⁻¹·Σ uᵢuᵢᵀ·I⁻¹,
// where row i's influence uᵢ = ηᵢ + ψᵢ has two parts. ηᵢ is its score residual: its own failure minus
// what each risk set it belongs to expected of it. ψᵢ is what estimating the censoring distribution G
// adds: at each censoring time u, q(u) sums the competing failures before u as they weight the risk sets
// from u on, and every row still followed in the censoring group at u carries −q(u)/Y(u)² of it (the row
// censored there also +q(u)/Y(u)). With censoring groups, each group has its own q, from its own competing
// failures and its own failures from the event (cmprsk ≥ 2.2-8's crrvv). crr forms these with loops over
// all pairs and triples of rows; here every inner sum is a running sum over time, so the variance costs
// one pass over the rows.

enum FineGraySandwich {
    /// Σ uᵢuᵢᵀ (row-major p×p) at the coefficients the risk sets were computed at.
    static func middle(_ data: FineGrayData, _ sets: FineGrayRiskSets) -> [Double] {
        let p = data.columns, count = data.blocks.count, groups = data.weights.groups
        let w = data.weights
        // Backward, per censoring group k: over failure blocks after b, Σ d·G_k(t−)/S0 and Σ d·G_k(t−)·x̄/S0
        // (for η of k's competing failures), and from b on the same sums over k's own failures only (for q).
        var after0 = [Double](repeating: 0, count: groups * count)
        var after1 = [Double](repeating: 0, count: groups * count * p)
        var own0 = [Double](repeating: 0, count: groups * count)
        var own1 = [Double](repeating: 0, count: groups * count * p)
        var run0 = [Double](repeating: 0, count: groups), run1 = [Double](repeating: 0, count: groups * p)
        var ownRun0 = [Double](repeating: 0, count: groups), ownRun1 = [Double](repeating: 0, count: groups * p)
        var eventsByGroup = [Int](repeating: 0, count: groups)
        for b in stride(from: count - 1, through: 0, by: -1) {
            for k in 0..<groups {
                after0[b * groups + k] = run0[k]
                for j in 0..<p { after1[(b * groups + k) * p + j] = run1[k * p + j] }
            }
            if data.events[b] > 0 {
                for k in 0..<groups { eventsByGroup[k] = 0 }
                for i in data.positions(b) where data.kind[i] == 1 { eventsByGroup[data.group[i]] += 1 }
                let share = 1 / sets.s0[b]
                for k in 0..<groups {
                    let g = share * w.before(group: k, block: b)
                    let all = g * Double(data.events[b]), mine = g * Double(eventsByGroup[k])
                    run0[k] += all
                    ownRun0[k] += mine
                    for j in 0..<p {
                        run1[k * p + j] += all * sets.mean[b * p + j]
                        ownRun1[k * p + j] += mine * sets.mean[b * p + j]
                    }
                }
            }
            for k in 0..<groups {
                own0[b * groups + k] = ownRun0[k]
                for j in 0..<p { own1[(b * groups + k) * p + j] = ownRun1[k * p + j] }
            }
        }

        var middle = [Double](repeating: 0, count: p * p)
        var upTo0 = 0.0, upTo1 = [Double](repeating: 0, count: p)        // Σ_{t_b ≤ t} d/S0, d·x̄/S0
        var earlier0 = [Double](repeating: 0, count: groups)             // competing failures before t, e/G(tᵢ−)
        var earlier1 = [Double](repeating: 0, count: groups * p)
        var censoringSum = [Double](repeating: 0, count: groups * p)     // −Σ q(u)/Y(u)² over censorings so far
        var q = [Double](repeating: 0, count: groups * p)
        var u = [Double](repeating: 0, count: p)
        for b in 0..<count {
            let d = Double(data.events[b])
            if data.events[b] > 0 {
                upTo0 += d / sets.s0[b]
                for j in 0..<p { upTo1[j] += d * sets.mean[b * p + j] / sets.s0[b] }
            }
            let range = data.positions(b)
            let censoredHere = range.contains { data.kind[$0] == 0 }
            if censoredHere {
                // q_k(t_b): group k's competing failures before t_b against its failures from the event from t_b on.
                for k in 0..<groups {
                    for j in 0..<p {
                        q[k * p + j] = earlier1[k * p + j] * own0[b * groups + k]
                            - earlier0[k] * own1[(b * groups + k) * p + j]
                    }
                }
                for i in range where data.kind[i] == 0 {
                    let k = data.group[i]
                    let y = Double(w.atRisk(group: k, block: b))
                    for j in 0..<p { censoringSum[k * p + j] -= q[k * p + j] / (y * y) }
                }
            }
            for i in range {
                let k = data.group[i]
                let e = sets.risk[i]
                let kind = data.kind[i]
                for j in 0..<p {
                    let xij = data.x[i * p + j]
                    var value = -e * (xij * upTo0 - upTo1[j]) + censoringSum[k * p + j]
                    if kind == 1 { value += xij - sets.mean[b * p + j] }
                    if kind == 0 { value += q[k * p + j] / Double(w.atRisk(group: k, block: b)) }
                    u[j] = value
                }
                if kind == 2 {
                    let scaled = e / w.before(group: k, block: b)
                    let a0 = after0[b * groups + k]
                    for j in 0..<p { u[j] -= scaled * (data.x[i * p + j] * a0 - after1[(b * groups + k) * p + j]) }
                }
                for j in 0..<p { for l in j..<p { middle[j * p + l] += u[j] * u[l] } }
            }
            for i in range where data.kind[i] == 2 {
                let k = data.group[i]
                let scaled = sets.risk[i] / w.before(group: k, block: b)
                earlier0[k] += scaled
                for j in 0..<p { earlier1[k * p + j] += scaled * data.x[i * p + j] }
            }
        }
        for j in 0..<p { for l in 0..<j { middle[j * p + l] = middle[l * p + j] } }
        return middle
    }
}
