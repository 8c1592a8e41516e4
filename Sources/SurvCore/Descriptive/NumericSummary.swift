/// The usual description of a numeric variable in a cohort table.
///
/// Statistics are nil when they are undefined: everything when no value is present, `sd` when fewer
/// than two are (R gives NA in both cases).
public struct NumericSummary: Codable, Equatable, Sendable {
    /// Number of non-missing values.
    public var n: Int
    /// Number of missing values.
    public var missing: Int
    public var mean: Double?
    /// Sample standard deviation (denominator n − 1).
    public var sd: Double?
    public var median: Double?
    /// First and third quartiles, R's default (type 7) definition.
    public var q1: Double?
    public var q3: Double?
    public var min: Double?
    public var max: Double?

    public init(n: Int, missing: Int, mean: Double?, sd: Double?, median: Double?, q1: Double?, q3: Double?,
                min: Double?, max: Double?) {
        self.n = n
        self.missing = missing
        self.mean = mean
        self.sd = sd
        self.median = median
        self.q1 = q1
        self.q3 = q3
        self.min = min
        self.max = max
    }
}
