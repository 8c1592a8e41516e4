/// The cumulative incidence just after one of its jumps.
public struct CumulativeIncidenceStep: Codable, Equatable, Sendable {
    public var time: Double
    /// Rows still under follow-up just before `time`.
    public var nRisk: Int
    /// Failures from this curve's cause at `time`.
    public var nEvent: Int
    public var estimate: Double
    /// Aalen's (1978) asymptotic variance, as cmprsk's `cuminc` reports it.
    public var variance: Double
    public var stdErr: Double
    public var lower: Double?
    public var upper: Double?
    public init(time: Double, nRisk: Int, nEvent: Int, estimate: Double, variance: Double, stdErr: Double,
                lower: Double?, upper: Double?) {
        self.time = time
        self.nRisk = nRisk
        self.nEvent = nEvent
        self.estimate = estimate
        self.variance = variance
        self.stdErr = stdErr
        self.lower = lower
        self.upper = upper
    }
}

/// The cumulative incidence at a requested time.
public struct CumulativeIncidencePoint: Codable, Equatable, Sendable {
    public var time: Double
    /// `nil` (with the other values) before time 0 and after the group's last follow-up time, where cmprsk's
    /// `timepoints` gives NA: the curve is not known there.
    public var estimate: Double?
    public var variance: Double?
    public var stdErr: Double?
    public var lower: Double?
    public var upper: Double?
    public init(time: Double, estimate: Double?, variance: Double?, stdErr: Double?, lower: Double?, upper: Double?) {
        self.time = time
        self.estimate = estimate
        self.variance = variance
        self.stdErr = stdErr
        self.lower = lower
        self.upper = upper
    }
}

/// The Aalen–Johansen cumulative incidence of one cause in one group: the probability of having failed from
/// that cause by time t, with the other causes competing (cmprsk's `cuminc` curve for that group and cause).
public struct CumulativeIncidenceCurve: Codable, Equatable, Sendable {
    /// The group code the rows were given.
    public var group: Int
    /// 1 for the event, c ≥ 2 for the (c − 1)-th competing cause.
    public var cause: Int
    /// The cause's status code.
    public var causeCode: Int
    /// Rows in the group.
    public var n: Int
    /// Rows in the group that failed from this cause.
    public var events: Int
    /// The group's largest follow-up time, where the curve stops.
    public var lastTime: Double
    /// How `lower` and `upper` were built, and at what level.
    public var transform: ConfidenceTransform
    public var level: Double
    /// One entry per time with a failure from this cause; the curve is 0 before the first.
    public var steps: [CumulativeIncidenceStep]

    public init(group: Int, cause: Int, causeCode: Int, n: Int, events: Int, lastTime: Double,
                transform: ConfidenceTransform, level: Double, steps: [CumulativeIncidenceStep]) {
        self.group = group
        self.cause = cause
        self.causeCode = causeCode
        self.n = n
        self.events = events
        self.lastTime = lastTime
        self.transform = transform
        self.level = level
        self.steps = steps
    }

    /// The curve read at each of `times` (in the order given), as cmprsk's `timepoints`: the value of the
    /// last step at or before the time, 0 before the first, and unknown outside [0, lastTime].
    public func at(_ times: [Double]) -> [CumulativeIncidencePoint] {
        times.map { t in
            guard t >= 0, t <= lastTime else {
                return CumulativeIncidencePoint(time: t, estimate: nil, variance: nil, stdErr: nil, lower: nil, upper: nil)
            }
            // The number of steps at or before t.
            var lo = 0, hi = steps.count
            while lo < hi {
                let mid = (lo + hi) / 2
                if steps[mid].time <= t { lo = mid + 1 } else { hi = mid }
            }
            guard lo > 0 else {
                let zero = IncidenceInterval.limits(estimate: 0, stdErr: 0, transform: transform,
                                                    z: Normal.quantile(1 - (1 - level) / 2))
                return CumulativeIncidencePoint(time: t, estimate: 0, variance: 0, stdErr: 0,
                                                lower: zero.lower, upper: zero.upper)
            }
            let s = steps[lo - 1]
            return CumulativeIncidencePoint(time: t, estimate: s.estimate, variance: s.variance, stdErr: s.stdErr,
                                            lower: s.lower, upper: s.upper)
        }
    }
}
