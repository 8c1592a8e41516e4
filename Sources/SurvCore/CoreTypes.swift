// Types shared by every statistic in the core. Result values are plain Codable structs so that text,
// JSON and plots are all drawn from the same value.

/// How a confidence interval for a survival probability is built (R's `conf.type`).
public enum ConfidenceTransform: String, Codable, Sendable, CaseIterable {
    /// log S(t): R survival's default.
    case log
    /// log(-log S(t)): Stata's and lifelines' default.
    case logLog = "log-log"
    /// S(t) ± z·se, clipped to [0, 1].
    case plain
}

/// How tied event times are handled in the Cox partial likelihood.
public enum TiesMethod: String, Codable, Sendable, CaseIterable {
    case efron
    case breslow
}

/// A typed failure of a computation: bad input the caller could not rule out beforehand.
public struct CoreError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var hint: String?
    public init(_ message: String, hint: String? = nil) {
        self.message = message
        self.hint = hint
    }
    public var description: String { hint.map { "\(message) (\($0))" } ?? message }
}

/// A structured warning attached to a result: the computation finished but something deserves attention.
public struct CoreWarning: Codable, Equatable, Sendable {
    /// A stable machine-readable code, e.g. "infinite_coefficient", "collinear_term", "not_converged".
    public var code: String
    public var message: String
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}

/// A chi-square test statistic with its degrees of freedom and upper-tail p-value.
public struct ChiSquareStatistic: Codable, Equatable, Sendable {
    public var chisq: Double
    public var df: Double
    public var p: Double
    public init(chisq: Double, df: Double, p: Double) {
        self.chisq = chisq
        self.df = df
        self.p = p
    }
    /// Builds the statistic and computes its upper-tail p-value.
    public init(chisq: Double, df: Double) {
        self.init(chisq: chisq, df: df, p: ChiSquared.sf(chisq, df: df))
    }
}

/// A point estimate with a confidence interval; `nil` bounds mean "not reached" (e.g. a median survival
/// whose upper confidence limit never drops to 0.5).
public struct EstimateWithInterval: Codable, Equatable, Sendable {
    public var estimate: Double?
    public var lower: Double?
    public var upper: Double?
    /// A missing limit is either beyond the data ("not reached") or undefined: a quantile's limit read off
    /// a confidence band that stops existing (where the curve reaches 0) before it crosses. R prints NA
    /// for both; a reader of "NR" would take the second for the first.
    public var lowerUndefined = false
    public var upperUndefined = false
    public init(estimate: Double?, lower: Double?, upper: Double?, lowerUndefined: Bool = false, upperUndefined: Bool = false) {
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
        self.lowerUndefined = lower == nil && lowerUndefined
        self.upperUndefined = upper == nil && upperUndefined
    }
}
