import Foundation

/// Which variance `stdErrLogSurv` carries.
public enum KaplanMeierVariance: String, Codable, Sendable {
    /// Greenwood's formula, Σ d / (n (n − d)): R's choice without weights or with whole-number weights.
    case greenwood
    /// The infinitesimal-jackknife (robust) variance, R's choice as soon as a case weight has a fraction.
    case robust
}

/// A Kaplan–Meier survival curve for right-censored data, matching R survival's `survfit(Surv(time, status) ~ 1)`.
///
/// Arrays hold one entry per distinct observed time (event or censoring), in increasing order, exactly
/// as survfit's `time`, `n.risk`, `n.event`, `n.censor`, `surv`, `std.err`, `lower` and `upper`.
/// Limits R reports as NA/NaN (S = 0 on the log scale, S ∈ {0, 1} on the log-log scale) are `nil`.
/// As survfit does by default (`timefix = TRUE`), times closer than √ε are merged into one (`TimeFix`).
public struct KaplanMeierCurve: Codable, Equatable, Sendable {
    /// Number of rows used.
    public var n: Int
    /// Total (weighted) number of events.
    public var events: Double
    public var time: [Double]
    public var nRisk: [Double]
    public var nEvent: [Double]
    public var nCensor: [Double]
    public var surv: [Double]
    /// Standard error of log S(t) (survfit's `$std.err`): Greenwood's, or with fractional weights the robust
    /// one divided by S (R then reports it on the S scale with `logse = FALSE`; 0 where S = 0). Infinite
    /// where Greenwood's variance is (the curve has dropped to 0).
    public var stdErrLogSurv: [Double]
    /// Pointwise confidence limits; `nil` where R reports NA.
    public var lower: [Double?]
    public var upper: [Double?]
    public var transform: ConfidenceTransform
    public var level: Double
    public var variance: KaplanMeierVariance

    /// Fits the Kaplan–Meier estimator.
    /// - Parameters:
    ///   - time: follow-up times, finite and ≥ 0 (events at time 0 are allowed, as in R).
    ///   - event: `true` for an event, `false` for a censored time.
    ///   - weights: optional case weights (finite, ≥ 0), as survfit's `weights=`.
    ///   - transform: the scale on which confidence limits are symmetric (R's `conf.type`).
    ///   - level: the confidence level (R's `conf.int`).
    /// - Throws: `CoreError` for no rows, mismatched lengths, negative/NaN/infinite times, bad weights or level.
    public static func fit(time: [Double], event: [Bool], weights: [Double]? = nil,
                           transform: ConfidenceTransform = .log, level: Double = 0.95) throws -> KaplanMeierCurve {
        try SurvivalInput.validate(time: time, event: event)
        if let weights { try SurvivalInput.validate(weights: weights, rows: time.count) }
        let z = try SurvivalInput.criticalValue(level: level)
        let order = TimeOrder.ascending(time)
        let table = RiskTable(time: time, event: event, weights: weights, order: order)
        return KaplanMeierCurve(table: table, rows: time.count, transform: transform, level: level, z: z)
    }

    /// The reverse Kaplan–Meier curve of follow-up: censorings are the events (R's
    /// `survfit(Surv(time, 1 - status) ~ 1)`). Its median is the median follow-up time.
    public static func reverse(time: [Double], event: [Bool], transform: ConfidenceTransform = .log,
                               level: Double = 0.95) throws -> KaplanMeierCurve {
        try fit(time: time, event: event.map { !$0 }, transform: transform, level: level)
    }

    init(table: RiskTable, rows: Int, transform: ConfidenceTransform, level: Double, z: Double) {
        let m = table.time.count
        n = rows
        time = table.time
        nRisk = table.nRisk
        nEvent = table.nEvent
        nCensor = table.nCensor
        events = table.nEvent.reduce(0, +)
        self.transform = transform
        self.level = level
        variance = table.hasFractionalWeights ? .robust : .greenwood
        surv = [Double](repeating: 1, count: m)
        stdErrLogSurv = [Double](repeating: 0, count: m)

        var s = 1.0
        var greenwood = 0.0
        // Robust variance of log S(t) as a sum of squared per-row influences; rows still at risk all share
        // the influence H(t) = Σ d / (n (n − d)), so the sum splits into a running part for rows that have
        // left and H(t)² times the squared weight still at risk.
        var cumulativeH = 0.0
        var leftInfluence = 0.0
        for j in 0..<m {
            let atRisk = table.nRisk[j], died = table.nEvent[j]
            let survivors = table.survivors[j]
            if died > 0 {
                s = survivors > 0 ? s * (survivors / atRisk) : 0
                greenwood = survivors > 0 ? greenwood + died / (atRisk * survivors) : .infinity
                if survivors > 0 { cumulativeH += died / (atRisk * survivors) }
            }
            surv[j] = s
            if variance == .greenwood {
                stdErrLogSurv[j] = greenwood.squareRoot()
            } else if s == 0 {
                stdErrLogSurv[j] = 0
            } else {
                let eventJump = cumulativeH - (died > 0 ? 1 / survivors : 0)
                leftInfluence += table.eventWeightSquares[j] * eventJump * eventJump
                    + table.censorWeightSquares[j] * cumulativeH * cumulativeH
                let v = leftInfluence + cumulativeH * cumulativeH * table.weightSquaresAfter[j]
                stdErrLogSurv[j] = v.squareRoot()
            }
        }
        var lo = [Double?](repeating: nil, count: m), up = [Double?](repeating: nil, count: m)
        for j in 0..<m {
            let limits = ConfidenceBand.limits(surv: surv[j], stdErrLog: stdErrLogSurv[j], transform: transform, z: z)
            lo[j] = limits.lower
            up[j] = limits.upper
        }
        lower = lo
        upper = up
    }
}

/// Per distinct time: the (weighted) numbers at risk, dying and censored, from one pass over the sorted rows.
struct RiskTable {
    var time: [Double] = []
    var nRisk: [Double] = []
    var nEvent: [Double] = []
    var nCensor: [Double] = []
    /// n − d, computed as the weight remaining after this time plus those censored at it, so that it is
    /// exactly 0 when everyone left dies (a difference of two sums might not be).
    var survivors: [Double] = []
    var hasFractionalWeights = false
    // Only filled for fractional weights (robust variance).
    var eventWeightSquares: [Double] = []
    var censorWeightSquares: [Double] = []
    var weightSquaresAfter: [Double] = []

    init(time t: [Double], event: [Bool], weights: [Double]?, order: [Int32]) {
        let fractional = weights?.contains { $0 != $0.rounded(.down) } ?? false
        hasFractionalWeights = fractional
        time.reserveCapacity(1024)
        t.withUnsafeBufferPointer { t in
            event.withUnsafeBufferPointer { e in
                order.withUnsafeBufferPointer { o in
                    var i = 0
                    let rows = o.count
                    while i < rows {
                        let current = t[Int(o[i])]
                        var d = 0.0, c = 0.0, d2 = 0.0, c2 = 0.0
                        while i < rows, t[Int(o[i])] == current {
                            let row = Int(o[i])
                            let w = weights?[row] ?? 1
                            if e[row] { d += w; d2 += w * w } else { c += w; c2 += w * w }
                            i += 1
                        }
                        time.append(current)
                        nEvent.append(d)
                        nCensor.append(c)
                        if fractional {
                            eventWeightSquares.append(d2)
                            censorWeightSquares.append(c2)
                        }
                    }
                }
            }
        }
        mergeNoiseTies()
        // Numbers at risk accumulate from the end so that they are exact sums, not differences.
        let m = time.count
        nRisk = [Double](repeating: 0, count: m)
        survivors = [Double](repeating: 0, count: m)
        if fractional { weightSquaresAfter = [Double](repeating: 0, count: m) }
        var after = 0.0, afterSquares = 0.0
        for j in stride(from: m - 1, through: 0, by: -1) {
            survivors[j] = after + nCensor[j]
            nRisk[j] = after + nCensor[j] + nEvent[j]
            after = nRisk[j]
            if fractional {
                weightSquaresAfter[j] = afterSquares
                afterSquares += eventWeightSquares[j] + censorWeightSquares[j]
            }
        }
    }

    /// Applies R's `aeqSurv` to the distinct times: groups of times closer than √ε become one time.
    private mutating func mergeNoiseTies() {
        guard let starts = TimeFix.groupStarts(distinctSorted: time) else { return }
        var merged = RiskTable(fractional: hasFractionalWeights)
        for j in time.indices {
            if starts[j] == j {
                merged.time.append(time[j])
                merged.nEvent.append(0)
                merged.nCensor.append(0)
                if hasFractionalWeights { merged.eventWeightSquares.append(0); merged.censorWeightSquares.append(0) }
            }
            let last = merged.time.count - 1
            merged.nEvent[last] += nEvent[j]
            merged.nCensor[last] += nCensor[j]
            if hasFractionalWeights {
                merged.eventWeightSquares[last] += eventWeightSquares[j]
                merged.censorWeightSquares[last] += censorWeightSquares[j]
            }
        }
        self = merged
    }

    private init(fractional: Bool) { hasFractionalWeights = fractional }
}
