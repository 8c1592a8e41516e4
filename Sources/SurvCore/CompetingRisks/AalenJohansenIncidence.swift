// The estimator and variance of cmprsk's Fortran routine `cinc` (Gray, 2000), which `cuminc` calls once per
// group and cause. With S(t−) the all-cause Kaplan–Meier just before t, d₁ failures from the cause and d₂
// from the others among Y at risk, the cumulative incidence jumps by S(t−)·d₁/Y. Its variance is Aalen's
// (1978) asymptotic variance written as v₁ + F²·v₃ − 2F·v₂, three running sums over failure times, each
// term carrying the tie factor 1 − (d − 1)/(Y − 1). cmprsk updates the reported variance only where the
// curve jumps, so between jumps it keeps the value of the last one even when competing failures occur;
// doing the same keeps every reported number equal to cuminc's.

enum AalenJohansenIncidence {
    struct Curve {
        var steps: [CumulativeIncidenceStep]
        var events: Int
        var lastTime: Double
    }

    /// The curve of `cause` over the rows in `blocks` (one group's rows cut at tied times).
    static func estimate(blocks: TiedTimeBlocks, cause: [Int], of target: Int, transform: ConfidenceTransform,
                         z: Double) -> Curve {
        let n = blocks.order.count
        var survival = 1.0, incidence = 0.0
        var v1 = 0.0, v2 = 0.0, v3 = 0.0
        var steps: [CumulativeIncidenceStep] = []
        var events = 0
        for b in 0..<blocks.count {
            let atRisk = Double(n - blocks.start[b])
            var d1 = 0, d2 = 0
            for row in blocks.rows(b) where cause[row] != 0 {
                if cause[row] == target { d1 += 1 } else { d2 += 1 }
            }
            guard d1 + d2 > 0 else { continue }
            let next = survival * (atRisk - Double(d1 + d2)) / atRisk
            if d1 > 0 { incidence += survival * Double(d1) / atRisk }
            if d2 > 0 && next > 0 {
                let t6 = survival * survival * tieFactor(d2, atRisk) * Double(d2) / (atRisk * atRisk)
                let t3 = 1 / next, t4 = incidence / next
                v1 += t4 * t4 * t6
                v2 += t3 * t4 * t6
                v3 += t3 * t3 * t6
            }
            if d1 > 0 {
                let t6 = survival * survival * tieFactor(d1, atRisk) * Double(d1) / (atRisk * atRisk)
                let t3 = next > 0 ? 1 / next : 0
                let t4 = 1 + t3 * incidence
                v1 += t4 * t4 * t6
                v2 += t3 * t4 * t6
                v3 += t3 * t3 * t6
                let variance = v1 + incidence * incidence * v3 - 2 * incidence * v2
                let se = variance > 0 ? variance.squareRoot() : 0
                let limits = IncidenceInterval.limits(estimate: incidence, stdErr: se, transform: transform, z: z)
                steps.append(CumulativeIncidenceStep(time: blocks.time[b], nRisk: n - blocks.start[b], nEvent: d1,
                                                     estimate: incidence, variance: variance, stdErr: se,
                                                     lower: limits.lower, upper: limits.upper))
                events += d1
            }
            survival = next
        }
        return Curve(steps: steps, events: events, lastTime: blocks.time.last ?? 0)
    }

    /// 1 − (d − 1)/(Y − 1): the correction for d tied failures among Y at risk.
    private static func tieFactor(_ d: Int, _ atRisk: Double) -> Double {
        d > 1 ? 1 - Double(d - 1) / (atRisk - 1) : 1
    }
}
