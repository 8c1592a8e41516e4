/// The curve read at one requested time, as a row of R's `summary(fit, times = ...)`.
public struct SurvivalAtTime: Codable, Equatable, Sendable {
    /// The requested time.
    public var time: Double
    /// Number at risk at the first observed time ≥ `time` (0 past the last one).
    public var nRisk: Double
    /// Events after the previous requested time (in increasing order) up to and including `time`.
    public var nEvent: Double
    public var surv: Double
    /// Standard error of S(t) itself (summary's `std.err`); `nil` where R gives NaN (S = 0 with an infinite
    /// Greenwood variance).
    public var stdErr: Double?
    public var lower: Double?
    public var upper: Double?
    public init(time: Double, nRisk: Double, nEvent: Double, surv: Double, stdErr: Double?, lower: Double?, upper: Double?) {
        self.time = time
        self.nRisk = nRisk
        self.nEvent = nEvent
        self.surv = surv
        self.stdErr = stdErr
        self.lower = lower
        self.upper = upper
    }
}

extension KaplanMeierCurve {
    /// The curve at the requested times, with `summary.survfit(times =)` semantics: S, its SE and limits
    /// are those in force at each time (the step function is right-continuous); events are counted since
    /// the previous requested time in increasing order, as R sorts `times` first.
    ///
    /// The result is parallel to `times`: `nil` for times R drops (after the last observed time, or not
    /// finite). Like R, a time before 0 reads the first row of the curve started at 0.
    public func summary(at times: [Double]) -> [SurvivalAtTime?] {
        var result = [SurvivalAtTime?](repeating: nil, count: times.count)
        guard let lastTime = time.last else { return result }
        let started = StartedCurve(self)
        var cumulativeEvents = [Double](repeating: 0, count: started.time.count + 1)
        for j in started.time.indices { cumulativeEvents[j + 1] = cumulativeEvents[j] + started.nEvent[j] }

        let kept = times.indices.filter { times[$0].isFinite && times[$0] <= lastTime }
            .sorted { times[$0] < times[$1] || (times[$0] == times[$1] && $0 < $1) }
        var eventsBefore = 0.0
        for index in kept {
            let t = times[index]
            let atOrBefore = started.countAtOrBefore(t)
            let row = max(atOrBefore, 1) - 1
            let next = started.countBefore(t)
            let s = started.surv[row]
            // Greenwood's SE is stored on the log scale; the robust one was divided by S on the way in.
            let se = started.stdErrLogSurv[row] * s
            result[index] = SurvivalAtTime(
                time: t,
                nRisk: next < started.nRisk.count ? started.nRisk[next] : 0,
                nEvent: cumulativeEvents[atOrBefore] - eventsBefore,
                surv: s,
                stdErr: se.isNaN ? nil : se,
                lower: started.lower[row],
                upper: started.upper[row])
            eventsBefore = cumulativeEvents[atOrBefore]
        }
        return result
    }
}
