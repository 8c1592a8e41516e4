import SurvCore

/// One stratum's restricted mean survival time.
public struct RestrictedMeanStratum: Codable, Equatable, Sendable {
    public var label: String
    public var n: Int
    public var events: Double
    public var mean: RestrictedMean
    /// estimate ± z·se at the session's level.
    public var interval: EstimateWithInterval
    public init(label: String, n: Int, events: Double, mean: RestrictedMean, interval: EstimateWithInterval) {
        self.label = label
        self.n = n
        self.events = events
        self.mean = mean
        self.interval = interval
    }
}

/// `rmst at TAU`: restricted means per stratum, and with exactly two strata their difference.
public struct RestrictedMeanReport: Codable, Equatable, Sendable {
    public var endpoint: String
    public var tau: Double
    public var strata: [RestrictedMeanStratum]
    /// The second stratum's mean minus the first's; nil unless there are exactly two strata.
    public var difference: RestrictedMeanDifference?
    public var rows: RowAccounting
    public var conventions: Conventions
    public init(endpoint: String, tau: Double, strata: [RestrictedMeanStratum], difference: RestrictedMeanDifference?,
                rows: RowAccounting, conventions: Conventions) {
        self.endpoint = endpoint
        self.tau = tau
        self.strata = strata
        self.difference = difference
        self.rows = rows
        self.conventions = conventions
    }

    /// How the difference is taken, e.g. `x=Nonmaintained − x=Maintained`.
    public var differenceLabel: String? {
        guard difference != nil, strata.count == 2 else { return nil }
        return "\(strata[1].label) − \(strata[0].label)"
    }
}
