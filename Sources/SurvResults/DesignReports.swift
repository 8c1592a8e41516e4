/// `landmark at T`: how many rows the landmark analysis keeps (event-free and followed beyond T) and drops.
public struct LandmarkReport: Codable, Equatable, Sendable {
    /// Nil for `landmark none`.
    public var time: Double?
    public var kept: Int
    public var dropped: Int
    /// `true` on a (start, stop] endpoint: the counts are of intervals, and those straddling the landmark
    /// now start there.
    public var intervals: Bool
    public init(time: Double?, kept: Int, dropped: Int, intervals: Bool = false) {
        self.time = time
        self.kept = kept
        self.dropped = dropped
        self.intervals = intervals
    }
}

/// `censor at EXPR`: how many rows have their follow-up ended, censored, at EXPR.
public struct CensorReport: Codable, Equatable, Sendable {
    /// As written; nil for `censor none`.
    public var expression: String?
    public var censored: Int
    /// Of those, rows whose event came after EXPR (and is no longer counted).
    public var eventsRemoved: Int
    /// `true` on a (start, stop] endpoint: the counts are of intervals.
    public var intervals: Bool
    /// Intervals that start at or after EXPR: no follow-up of theirs is left, and they are left out.
    public var dropped: Int
    public init(expression: String?, censored: Int, eventsRemoved: Int, intervals: Bool = false, dropped: Int = 0) {
        self.expression = expression
        self.censored = censored
        self.eventsRemoved = eventsRemoved
        self.intervals = intervals
        self.dropped = dropped
    }
}

/// `split NAME at COLUMN`: the follow-up split where the covariate switches on (R's `tmerge(..., tdc())`).
public struct SplitReport: Codable, Equatable, Sendable {
    public var name: String
    public var subjects: Int
    public var intervals: Int
    /// Rows whose follow-up was split in two.
    public var switched: Int
    public var endpoint: String
    /// The same three counts over the rows a filter keeps, when one is in force: the split cuts every row, and
    /// a reader who filtered to one cohort wants to see what happened to that cohort.
    public var kept: Counts?
    public struct Counts: Codable, Equatable, Sendable {
        public var subjects: Int
        public var intervals: Int
        public var switched: Int
        public init(subjects: Int, intervals: Int, switched: Int) {
            self.subjects = subjects
            self.intervals = intervals
            self.switched = switched
        }
    }
    public init(name: String, subjects: Int, intervals: Int, switched: Int, endpoint: String, kept: Counts? = nil) {
        self.name = name
        self.subjects = subjects
        self.intervals = intervals
        self.switched = switched
        self.endpoint = endpoint
        self.kept = kept
    }
}
