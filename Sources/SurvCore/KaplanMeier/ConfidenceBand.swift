import Foundation

// Pointwise confidence limits for a survival probability, as R survival's `survfit_confint`.

enum ConfidenceBand {
    /// Limits for S = `surv` whose log has standard error `stdErrLog`; `nil` where R reports NA or NaN
    /// (S = 0 on the log scale, S = 0 or 1 on the log-log scale, an infinite variance on the plain scale).
    static func limits(surv p: Double, stdErrLog se: Double, transform: ConfidenceTransform,
                       z: Double) -> (lower: Double?, upper: Double?) {
        switch transform {
        case .log:
            guard p > 0 else { return (nil, nil) }
            let w = z * se
            return (finite(exp(log(p) - w)), finite(min(exp(log(p) + w), 1)))
        case .logLog:
            guard p > 0, p < 1 else { return (nil, nil) }
            let w = z * se / log(p)
            let loglog = log(-log(p))
            return (finite(exp(-exp(loglog - w))), finite(exp(-exp(loglog + w))))
        case .plain:
            let w = se * p * z
            // 0 × ∞ at S = 0 with an infinite Greenwood variance: R gives NaN, not a clipped 0.
            guard !w.isNaN else { return (nil, nil) }
            return (finite(max(p - w, 0)), finite(min(p + w, 1)))
        }
    }

    private static func finite(_ x: Double) -> Double? { x.isNaN ? nil : x }
}
