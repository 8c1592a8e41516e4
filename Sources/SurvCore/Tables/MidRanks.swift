/// Ranks with ties given their average rank (R's `rank`, ties.method = "average"), plus the tie
/// sizes that the rank tests' variance corrections need. One sort, then a linear pass.
struct MidRanks {
    /// rank of values[i], 1-based.
    let ranks: [Double]
    /// Σ (t³ - t) over groups of t tied values.
    let tieCorrection: Double
    /// Whether any two values are equal.
    var hasTies: Bool { tieCorrection > 0 }

    /// Requires finite values (checked by the callers).
    init(_ values: [Double]) {
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = [Double](repeating: 0, count: values.count)
        var correction = 0.0
        var start = 0
        while start < order.count {
            var end = start + 1
            while end < order.count && values[order[end]] == values[order[start]] { end += 1 }
            // Positions start..<end share ranks start+1 ... end.
            let average = Double(start + 1 + end) / 2
            for k in start..<end { ranks[order[k]] = average }
            let t = Double(end - start)
            correction += t * t * t - t
            start = end
        }
        self.ranks = ranks
        self.tieCorrection = correction
    }
}
