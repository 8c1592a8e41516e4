import Foundation

/// Kaplan–Meier on (start, stop] intervals, as R's `survfit(Surv(start, stop, event) ~ 1)`: a row is at risk
/// at t when start < t ≤ stop, so a subject entering late (delayed entry) or contributing several intervals
/// (recurrent events, split data) is counted only while it is under observation.
extension KaplanMeierCurve {
    /// - Parameters:
    ///   - start, stop: interval ends, finite, with start < stop (the caller names offending rows; here they are refused).
    ///   - event: `true` when the interval ends in an event.
    /// - Throws: `CoreError` for no rows, mismatched lengths, an empty or reversed interval, or a bad level.
    public static func fit(start: [Double], stop: [Double], event: [Bool],
                           transform: ConfidenceTransform = .log, level: Double = 0.95) throws -> KaplanMeierCurve {
        try CountingProcessInput.validate(start: start, stop: stop, event: event)
        let z = try SurvivalInput.criticalValue(level: level)
        return KaplanMeierCurve(table: RiskTable(start: start, stop: stop, event: event), rows: stop.count,
                                transform: transform, level: level, z: z)
    }
}

extension RiskTable {
    /// One entry per distinct stop time (R reports the curve there, not at entry times).
    init(start: [Double], stop: [Double], event: [Bool]) {
        let n = stop.count
        let byStop = (0..<n).sorted { stop[$0] < stop[$1] }
        let starts = start.sorted()
        var time: [Double] = [], nEvent: [Double] = [], nCensor: [Double] = []
        for i in byStop {
            if time.last != stop[i] {
                time.append(stop[i])
                nEvent.append(0)
                nCensor.append(0)
            }
            if event[i] { nEvent[nEvent.count - 1] += 1 } else { nCensor[nCensor.count - 1] += 1 }
        }
        // At risk at t: stop ≥ t minus start ≥ t (start ≥ t implies stop > t, so the second set lies in the first).
        var nRisk = [Double](repeating: 0, count: time.count)
        var stopsBefore = 0, startsBefore = 0
        for (j, t) in time.enumerated() {
            while stopsBefore < n && stop[byStop[stopsBefore]] < t { stopsBefore += 1 }
            while startsBefore < n && starts[startsBefore] < t { startsBefore += 1 }
            nRisk[j] = Double((n - stopsBefore) - (n - startsBefore))
        }
        self.time = time
        self.nRisk = nRisk
        self.nEvent = nEvent
        self.nCensor = nCensor
        survivors = zip(nRisk, nEvent).map { $0 - $1 }
        hasFractionalWeights = false
        eventWeightSquares = []
        censorWeightSquares = []
        weightSquaresAfter = []
    }
}

/// Checks shared by the (start, stop] computations.
enum CountingProcessInput {
    static func validate(start: [Double], stop: [Double], event: [Bool]) throws(CoreError) {
        let n = stop.count
        guard n > 0 else { throw CoreError("no rows to analyse", hint: "the data (after removing missing values) is empty") }
        guard start.count == n, event.count == n else {
            throw CoreError("start has \(start.count) values, stop \(n) and the event indicator \(event.count)")
        }
        for i in 0..<n {
            guard start[i].isFinite, stop[i].isFinite else {
                throw CoreError("the interval in row \(i + 1) is not finite", hint: "drop or fix that row")
            }
            guard start[i] < stop[i] else {
                throw CoreError("the interval in row \(i + 1) is (\(NumberText.short(start[i])), \(NumberText.short(stop[i]))]: start must be before stop",
                                hint: "drop or fix that row")
            }
        }
    }
}
