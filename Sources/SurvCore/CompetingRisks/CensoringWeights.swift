// Fine and Gray keep a row that failed from a competing cause in the risk sets after its failure, weighted by
// how likely it would still have been uncensored: G(t−)/G(tᵢ−), with G the Kaplan–Meier estimate of the
// censoring distribution (censoring is the "event", failures of any cause are censored). crr fits G with
// survfit within each censoring group and reads it just before each time, at t·(1 − 100ε); at t = 0 that
// reading includes a censoring at 0 itself, and after the group's last follow-up time it reads 0 (so that
// group's competing failures leave the later risk sets of other groups' events). Both are kept here so that
// the weights are crr's.

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
        var survival = [Double](repeating: 1, count: groups)
        var before = [Double](repeating: 1, count: groups * count)
        var atRisk = [Int](repeating: 0, count: groups * count)
        var leaving = [Int](repeating: 0, count: groups), lost = [Int](repeating: 0, count: groups)
        for b in 0..<count {
            for k in 0..<groups {
                before[k * count + b] = remaining[k] > 0 ? survival[k] : 0
                atRisk[k * count + b] = remaining[k]
                leaving[k] = 0
                lost[k] = 0
            }
            for row in blocks.rows(b) {
                leaving[group[row]] += 1
                if censored[row] { lost[group[row]] += 1 }
            }
            for k in 0..<groups where remaining[k] > 0 && lost[k] > 0 {
                survival[k] *= Double(remaining[k] - lost[k]) / Double(remaining[k])
            }
            if blocks.time[b] == 0 {
                for k in 0..<groups { before[k * count + b] = survival[k] }
            }
            for k in 0..<groups { remaining[k] -= leaving[k] }
        }
        self.groups = groups
        self.blocks = count
        self.before = before
        self.atRisk = atRisk
    }

    func before(group k: Int, block b: Int) -> Double { before[k * blocks + b] }
    func atRisk(group k: Int, block b: Int) -> Int { atRisk[k * blocks + b] }
}
