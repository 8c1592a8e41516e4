import Foundation

// cmprsk reports a cumulative incidence with its variance and no interval. The interval most readers of
// cmprsk output see is the one tidycmprsk and ggsurvfit draw: symmetric on the log(−log F) scale, where
// log(−log F) has standard error se / (F·|log F|), i.e. F^exp(±z·se / (F·log F)). It stays inside (0, 1),
// which a plain F ± z·se near 0 does not. The log and plain scales are offered for comparison with other tools.

enum IncidenceInterval {
    /// Limits for a cumulative incidence `f` with standard error `se`; `nil` where the transform is undefined
    /// (F = 0 or 1 on the log(−log) scale, F = 0 on the log scale), as tidycmprsk reports NA there.
    static func limits(estimate f: Double, stdErr se: Double, transform: ConfidenceTransform,
                       z: Double) -> (lower: Double?, upper: Double?) {
        switch transform {
        case .logLog:
            guard f > 0, f < 1 else { return (nil, nil) }
            let w = z * se / (f * log(f))
            return (finite(exp(log(f) * exp(-w))), finite(exp(log(f) * exp(w))))
        case .log:
            guard f > 0 else { return (nil, nil) }
            let w = z * se / f
            return (finite(f * exp(-w)), finite(min(f * exp(w), 1)))
        case .plain:
            return (finite(max(f - z * se, 0)), finite(min(f + z * se, 1)))
        }
    }

    /// The normal quantile for a two-sided interval at `level`.
    static func criticalValue(level: Double) throws -> Double {
        guard level > 0, level < 1 else {
            throw CoreError("confidence level \(level) is not between 0 and 1", hint: "use e.g. 0.95")
        }
        return Normal.quantile(1 - (1 - level) / 2)
    }

    private static func finite(_ x: Double) -> Double? { x.isNaN ? nil : x }
}
