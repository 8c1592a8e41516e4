// Fine and Gray keep a row that failed from a competing cause in the risk sets after its failure, weighted by
// how likely it would still have been uncensored: G(t−)/G(tᵢ−), with G the Kaplan–Meier estimate of the
// censoring distribution (censoring is the "event", failures of any cause are censored). crr fits G with
// `survfit` within each censoring group, and survfit ties times apart by rounding noise (its timefix, done
// here by `TimeFix` on the group's times), so G steps at the first time of each tied run. crr then reads G
// with `approx(method = "constant")` at the raw times shrunk by 100ε, t·(1 − 100ε), against knots just below
// 0 (G = 1), at G's steps, and just past the group's last time (G = 0). Everything else in crr compares the
// raw times exactly. Reading G the same way keeps the weights crr's, and with them the coefficients: just
// before a time (t·(1 − 100ε) misses a step at t itself), except at t = 0, where the reading includes a
// censoring at 0; 0 after the group's last time (so that group's competing failures leave the later risk
// sets of other groups' events); and, for a raw time inside a tied run but more than about 100ε above its
// first time, G after the run's step.

/// The censoring distribution of each censoring group, read just before each block of tied times.
struct CensoringWeights {
    let groups: Int
    let blocks: Int
    /// G_k(t_b−) at `[k * blocks + b]`.
    let before: [Double]
    /// Rows of group k still under follow-up at block b (time ≥ t_b), at `[k * blocks + b]`.
    let atRisk: [Int]

    /// - Parameters:
    ///   - censored: per row, whether it was censored.
    ///   - group: per row, a censoring group in 0..<groups.
    init(blocks: TiedTimeBlocks, censored: [Bool], group: [Int], groups: Int) {
        let count = blocks.count
        var remaining = [Int](repeating: 0, count: groups)
        for row in blocks.order { remaining[group[row]] += 1 }
        var atRisk = [Int](repeating: 0, count: groups * count)
        // Each group's distinct raw times, with the rows leaving and censored at each.
        var times = [[Double]](repeating: [], count: groups)
        var leaving = [[Int]](repeating: [], count: groups), lost = [[Int]](repeating: [], count: groups)
        for b in 0..<count {
            for k in 0..<groups { atRisk[k * count + b] = remaining[k] }
            for row in blocks.rows(b) {
                let k = group[row]
                if times[k].last != blocks.time[b] {
                    times[k].append(blocks.time[b])
                    leaving[k].append(0)
                    lost[k].append(0)
                }
                leaving[k][leaving[k].count - 1] += 1
                if censored[row] { lost[k][lost[k].count - 1] += 1 }
                remaining[k] -= 1
            }
        }
        var before = [Double](repeating: 1, count: groups * count)
        for k in 0..<groups {
            let curve = Self.censoringCurve(times: times[k], leaving: leaving[k], lost: lost[k])
            var knot = 0
            for b in 0..<count {
                before[k * count + b] = curve.read(at: blocks.time[b] * Self.shrink, from: &knot)
            }
        }
        self.groups = groups
        self.blocks = count
        self.before = before
        self.atRisk = atRisk
    }

    func before(group k: Int, block b: Int) -> Double { before[k * blocks + b] }
    func atRisk(group k: Int, block b: Int) -> Int { atRisk[k * blocks + b] }

    /// crr reads G at t·(1 − 100ε), with the factor rounded as R computes it.
    static let shrink = 1 - 100 * Double.ulpOfOne

    /// survfit's Kaplan–Meier estimate of one group's censoring on its tied times, as the knots crr passes to
    /// `approx`: (min(0, first) − 10ε, 1), each tied time with G there, (last·(1 + 10ε), 0).
    static func censoringCurve(times: [Double], leaving: [Int], lost: [Int]) -> StepReading {
        guard let first = times.first else { return StepReading(x: [], y: []) }
        let starts = TimeFix.groupStarts(distinctSorted: times)
        var x = [min(0, first) - 10 * Double.ulpOfOne], y = [1.0]
        var remaining = leaving.reduce(0, +)
        var survival = 1.0
        var j = 0
        while j < times.count {
            // One tied run: the distinct times that TimeFix maps to times[j].
            var out = 0, censored = 0, end = j
            while end < times.count, (starts?[end] ?? end) == j {
                out += leaving[end]
                censored += lost[end]
                end += 1
            }
            if censored > 0 { survival *= Double(remaining - censored) / Double(remaining) }
            x.append(times[j])
            y.append(survival)
            remaining -= out
            j = end
        }
        x.append(x[x.count - 1] * (1 + 10 * Double.ulpOfOne))
        y.append(0)
        return StepReading(x: x, y: y)
    }
}
