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
/// As survfit does by default (`timefix = TRUE`), times closer than √ε are merged into one (`SurvivalPreparation`).
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
        let prepared = try SurvivalPreparation(time: time, event: event, weights: weights)
        return try fit(prepared, stratum: 0, transform: transform, level: level)
    }

    /// The curve of one stratum of prepared data (R's `survfit(Surv(time, status) ~ strata)`, one curve of it).
    /// - Parameter reverse: the reverse curve of follow-up instead (see `reverse`).
    /// - Throws: `CoreError` for an empty or unknown stratum, a negative time, or a bad level.
    public static func fit(_ prepared: SurvivalPreparation, stratum: Int, reverse: Bool = false,
                           transform: ConfidenceTransform = .log, level: Double = 0.95) throws -> KaplanMeierCurve {
        try prepared.requireNonNegativeTimes()
        guard (0..<prepared.strata).contains(stratum), prepared.rows(inStratum: stratum) > 0 else {
            throw CoreError("no rows to analyse", hint: "the stratum is empty")
        }
        let z = try SurvivalInput.criticalValue(level: level)
        let table = RiskTable(prepared, stratum: stratum, reverse: reverse)
        return KaplanMeierCurve(table: table, rows: prepared.rows(inStratum: stratum), transform: transform, level: level, z: z)
    }

    /// The reverse Kaplan–Meier curve of follow-up: censorings are the events (R's
    /// `survfit(Surv(time, 1 - status) ~ 1)`). Its median is the median follow-up time.
    public static func reverse(time: [Double], event: [Bool], transform: ConfidenceTransform = .log,
                               level: Double = 0.95) throws -> KaplanMeierCurve {
        try SurvivalInput.validate(time: time, event: event)
        let prepared = try SurvivalPreparation(time: time, event: event)
        return try fit(prepared, stratum: 0, reverse: true, transform: transform, level: level)
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

/// Per distinct time of one stratum: the (weighted) numbers at risk, dying and censored.
struct RiskTable {
    var time: [Double]
    var nRisk: [Double]
    var nEvent: [Double]
    var nCensor: [Double]
    /// n − d, computed as the weight remaining after this time plus those censored at it, so that it is
    /// exactly 0 when everyone left dies (a difference of two sums might not be).
    var survivors: [Double]
    var hasFractionalWeights: Bool
    // Only filled for fractional weights (robust variance).
    var eventWeightSquares: [Double]
    var censorWeightSquares: [Double]
    var weightSquaresAfter: [Double] = []

    /// - Parameter reverse: censorings counted as the events and events as censorings.
    init(_ prepared: SurvivalPreparation, stratum: Int, reverse: Bool) {
        let blocks = prepared.blocks(ofStratum: stratum)
        time = Array(prepared.blockTime[blocks])
        let events = Array(prepared.blockEvents[blocks]), censored = Array(prepared.blockCensored[blocks])
        nEvent = reverse ? censored : events
        nCensor = reverse ? events : censored
        let fractional = prepared.hasFractionalWeights
        hasFractionalWeights = fractional
        if fractional {
            let eventSquares = Array(prepared.blockEventWeightSquares[blocks])
            let censorSquares = Array(prepared.blockCensorWeightSquares[blocks])
            eventWeightSquares = reverse ? censorSquares : eventSquares
            censorWeightSquares = reverse ? eventSquares : censorSquares
        } else {
            eventWeightSquares = []
            censorWeightSquares = []
        }
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
}
