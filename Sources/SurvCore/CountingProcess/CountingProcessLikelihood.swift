import Foundation

/// The Cox partial likelihood over (start, stop] intervals, as R's agfit4: within each stratum, event times are
/// visited from the last to the first, rows join the risk sums when their stop is reached and leave when their
/// start is, so one pass costs O(n·p²) after sorting, however the intervals overlap.
struct CountingProcessLikelihood {
    /// Centred covariates, row-major n×p.
    let x: [Double]
    let n: Int
    let p: Int
    let start: [Double]
    let stop: [Double]
    let event: [Bool]
    let ties: TiesMethod
    /// Per stratum: row indices by decreasing stop (events before censorings at a tie), and by decreasing start.
    let byStop: [[Int]]
    let byStart: [[Int]]
    /// Per stratum: its distinct event times, from the last to the first.
    let eventTimes: [[Double]]
    /// Whether a row's interval holds an event time of its stratum: only such rows are ever at risk.
    let entersRiskSets: [Bool]

    struct Value {
        var loglik: Double
        var score: [Double]
        /// Information, row-major p×p.
        var information: [Double]
        var isFinite: Bool { loglik.isFinite && score.allSatisfy(\.isFinite) && information.allSatisfy(\.isFinite) }
    }

    init(input: CountingProcessCoxInput, means: [Double]) {
        n = input.stop.count
        p = input.covariates.count
        var x = [Double](repeating: 0, count: n * p)
        for j in 0..<p { for i in 0..<n { x[i * p + j] = input.covariates[j][i] - means[j] } }
        self.x = x
        start = input.start
        stop = input.stop
        event = input.event
        ties = input.ties
        var groups: [[Int]] = []
        if let strata = input.strata {
            groups = [[Int]](repeating: [], count: (strata.max() ?? 0) + 1)
            for i in 0..<n { groups[strata[i]].append(i) }
            groups.removeAll { $0.isEmpty }
        } else {
            groups = [Array(0..<n)]
        }
        let (stop, start, event) = (input.stop, input.start, input.event)
        byStop = groups.map { rows in rows.sorted { stop[$0] != stop[$1] ? stop[$0] > stop[$1] : (event[$0] && !event[$1]) } }
        byStart = groups.map { rows in rows.sorted { start[$0] > start[$1] } }
        let times = groups.map { rows in Array(Set(rows.filter { event[$0] }.map { stop[$0] })).sorted(by: >) }
        eventTimes = times
        var enters = [Bool](repeating: false, count: n)
        for (s, rows) in groups.enumerated() {
            let ascending = Array(times[s].reversed())
            for i in rows {
                // The first event time after the start, if any, must be at or before the stop.
                var lo = 0, hi = ascending.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if ascending[mid] <= start[i] { lo = mid + 1 } else { hi = mid }
                }
                enters[i] = lo < ascending.count && ascending[lo] <= stop[i]
            }
        }
        entersRiskSets = enters
    }

    /// Visits each distinct event time of each stratum with the risk set's sums and the tied events' rows.
    /// As R's agfit4 does it: event times from the last to the first, rows whose start is at or after the time
    /// leave the sums first, then rows whose stop is at or after it join; rows whose interval holds no event time
    /// of their stratum never enter. When the last row leaves, the sums restart from exact zeros instead of
    /// keeping what subtracting every row left behind: after a stretch with no one at risk (gaps, delayed entry),
    /// that rounding residue would otherwise be all that separates the next risk set's rows from one another,
    /// and it can pass for information about a coefficient that has none left there.
    /// - Parameter body: (stratum, time, rows dying at it, risk sums), sums over r·1, r·x and r·xx' of the rows
    ///   at risk, r = exp(η).
    func forEachEventTime(eta: [Double], _ body: (Int, Double, [Int], RiskSums) throws(CoreError) -> Void) throws(CoreError) {
        for s in byStop.indices {
            let down = byStop[s], leaving = byStart[s]
            var sums = RiskSums(p: p)
            var added = 0, removed = 0, atRisk = 0
            for t in eventTimes[s] {
                while removed < leaving.count && start[leaving[removed]] >= t {
                    let i = leaving[removed]
                    removed += 1
                    guard entersRiskSets[i] else { continue }
                    atRisk -= 1
                    if atRisk == 0 { sums = RiskSums(p: p) } else { sums.add(row: i, weight: -exp(eta[i]), x: x) }
                }
                var deaths: [Int] = []
                while added < down.count && stop[down[added]] >= t {
                    let i = down[added]
                    added += 1
                    guard entersRiskSets[i] else { continue }
                    atRisk += 1
                    sums.add(row: i, weight: exp(eta[i]), x: x)
                    if event[i] && stop[i] == t { deaths.append(i) }
                }
                try body(s, t, deaths, sums)
            }
        }
    }

    func evaluate(beta: [Double]) throws(CoreError) -> Value {
        try Interruption.checkpoint()
        let eta = linearPredictor(beta)
        var loglik = 0.0
        var score = [Double](repeating: 0, count: p), information = [Double](repeating: 0, count: p * p)
        try forEachEventTime(eta: eta) { _, _, deaths, sums in
            let d = Double(deaths.count)
            var dying = RiskSums(p: p)
            for i in deaths {
                dying.add(row: i, weight: exp(eta[i]), x: x)
                loglik += eta[i]
                for j in 0..<p { score[j] += x[i * p + j] }
            }
            for k in 0..<deaths.count {
                // Efron: the k-th of the tied deaths sees the tied rows at (1 − k/d) of their weight.
                let f = ties == .efron ? Double(k) / d : 0
                let denominator = sums.s0 - f * dying.s0
                loglik -= log(denominator)
                var mean = [Double](repeating: 0, count: p)
                for j in 0..<p { mean[j] = (sums.s1[j] - f * dying.s1[j]) / denominator }
                for j in 0..<p {
                    score[j] -= mean[j]
                    for l in 0..<p {
                        information[j * p + l] += (sums.s2[j * p + l] - f * dying.s2[j * p + l]) / denominator - mean[j] * mean[l]
                    }
                }
            }
        }
        return Value(loglik: loglik, score: score, information: information)
    }

    func linearPredictor(_ beta: [Double]) -> [Double] {
        var eta = [Double](repeating: 0, count: n)
        for i in 0..<n {
            var e = 0.0
            for j in 0..<p { e += beta[j] * x[i * p + j] }
            eta[i] = e
        }
        return eta
    }
}

/// Σr, Σr·x and Σr·xx' over a set of rows.
struct RiskSums {
    var s0 = 0.0
    var s1: [Double]
    var s2: [Double]
    let p: Int

    init(p: Int) {
        self.p = p
        s1 = [Double](repeating: 0, count: p)
        s2 = [Double](repeating: 0, count: p * p)
    }

    mutating func add(row i: Int, weight r: Double, x: [Double]) {
        s0 += r
        for j in 0..<p {
            let xj = x[i * p + j]
            s1[j] += r * xj
            for l in 0..<p { s2[j * p + l] += r * xj * x[i * p + l] }
        }
    }
}
