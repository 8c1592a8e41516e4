import SurvCore

/// `cuminc`: the cumulative incidence of the event and of each competing cause, per stratum, at given
/// times, and Gray's test of each cause across the strata.
public struct CumulativeIncidenceReport: Codable, Equatable, Sendable {
    public struct Curve: Codable, Equatable, Sendable {
        /// R-style stratum label, `all` without strata.
        public var stratum: String
        /// The cause's code as written in the data (`1`, `relapse`).
        public var cause: String
        public var n: Int
        public var events: Int
        public var at: [CumulativeIncidencePoint]
        public init(stratum: String, cause: String, n: Int, events: Int, at: [CumulativeIncidencePoint]) {
            self.stratum = stratum
            self.cause = cause
            self.n = n
            self.events = events
            self.at = at
        }
    }

    public struct Gray: Codable, Equatable, Sendable {
        public var cause: String
        /// Nil where the test cannot be computed (no events of the cause; a singular variance).
        public var statistic: ChiSquareStatistic?
        public var note: String?
        public init(cause: String, statistic: ChiSquareStatistic?, note: String?) {
            self.cause = cause
            self.statistic = statistic
            self.note = note
        }
    }

    public var endpoint: String
    /// The event's cause first, then the competing ones.
    public var causes: [String]
    public var times: [Double]
    public var curves: [Curve]
    public var gray: [Gray]
    public var rows: RowAccounting
    public var conventions: Conventions
    /// The transform of the pointwise intervals (log-log: they stay within 0 and 1).
    public var transform: ConfidenceTransform

    public init(endpoint: String, causes: [String], times: [Double], curves: [Curve], gray: [Gray], rows: RowAccounting,
                conventions: Conventions, transform: ConfidenceTransform) {
        self.endpoint = endpoint
        self.causes = causes
        self.times = times
        self.curves = curves
        self.gray = gray
        self.rows = rows
        self.conventions = conventions
        self.transform = transform
    }
}

/// `finegray`: Fine–Gray regression of the endpoint's event, its competing causes named.
public struct FineGrayReport: Codable, Equatable, Sendable {
    public var endpoint: String
    public var event: String
    public var competing: [String]
    public var fit: FineGrayFit
    public var rows: RowAccounting
    public var conventions: Conventions
    public init(endpoint: String, event: String, competing: [String], fit: FineGrayFit, rows: RowAccounting, conventions: Conventions) {
        self.endpoint = endpoint
        self.event = event
        self.competing = competing
        self.fit = fit
        self.rows = rows
        self.conventions = conventions
    }
}
