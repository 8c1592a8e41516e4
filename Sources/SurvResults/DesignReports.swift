/// `landmark at T`: how many rows the landmark analysis keeps (event-free and followed beyond T) and drops.
public struct LandmarkReport: Codable, Equatable, Sendable {
    /// Nil for `landmark none`.
    public var time: Double?
    public var kept: Int
    public var dropped: Int
    public init(time: Double?, kept: Int, dropped: Int) {
        self.time = time
        self.kept = kept
        self.dropped = dropped
    }
}

/// `censor at EXPR`: how many rows have their follow-up ended, censored, at EXPR.
public struct CensorReport: Codable, Equatable, Sendable {
    /// As written; nil for `censor none`.
    public var expression: String?
    public var censored: Int
    /// Of those, rows whose event came after EXPR (and is no longer counted).
    public var eventsRemoved: Int
    public init(expression: String?, censored: Int, eventsRemoved: Int) {
        self.expression = expression
        self.censored = censored
        self.eventsRemoved = eventsRemoved
    }
}
