/// Confidence intervals for restricted means and the difference between two of them, as R's survRM2
/// `rmst2` reports them: Wald intervals on the time scale (estimate ± z·se, z the normal quantile for
/// the level), and for two independent groups se = √(se₁² + se₂²) with a two-sided p-value from z.
/// survRM2 uses the same per-group variance as `print(survfit, rmean = tau)`, so the groups' means
/// and standard errors are those of `restrictedMean(upTo:)`.
public struct RestrictedMeanDifference: Codable, Equatable, Sendable {
    /// `second − first`.
    public var estimate: Double
    public var stdErr: Double
    public var lower: Double
    public var upper: Double
    /// Two-sided p-value of the Wald test that the difference is 0.
    public var p: Double

    public init(estimate: Double, stdErr: Double, lower: Double, upper: Double, p: Double) {
        self.estimate = estimate
        self.stdErr = stdErr
        self.lower = lower
        self.upper = upper
        self.p = p
    }

    /// `second − first`, the two groups' samples being independent.
    public static func between(_ first: RestrictedMean, _ second: RestrictedMean, level: Double) -> RestrictedMeanDifference {
        let estimate = second.estimate - first.estimate
        let se = (first.stdErr * first.stdErr + second.stdErr * second.stdErr).squareRoot()
        let z = Normal.quantile(0.5 + level / 2)
        // Both curves flat to tau (no event before it) give se = 0: dividing by it would give NaN for equal
        // means, so the certain answer is written out (p = 1 when equal, 0 otherwise).
        let p = se > 0 ? 2 * Normal.sf(abs(estimate) / se) : (estimate == 0 ? 1 : 0)
        return RestrictedMeanDifference(estimate: estimate, stdErr: se, lower: estimate - z * se, upper: estimate + z * se, p: p)
    }
}

extension RestrictedMean {
    /// The Wald interval estimate ± z·se at `level` (survRM2's interval for one group).
    public func interval(level: Double) -> EstimateWithInterval {
        let z = Normal.quantile(0.5 + level / 2)
        return EstimateWithInterval(estimate: estimate, lower: estimate - z * stdErr, upper: estimate + z * stdErr)
    }
}
