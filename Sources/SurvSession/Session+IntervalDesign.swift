import SurvCore
import SurvData
import SurvLanguage
import SurvResults

/// `censor at` and `landmark at` on (start, stop] intervals, as R users cut such data with `survSplit`:
/// - `censor at EXPR` ends each row's follow-up at EXPR where EXPR is present and before the interval's stop:
///   an interval open at EXPR stops there, censored; one starting at or after it is left out.
/// - `landmark at T` keeps the intervals that end after T, one open at T starting at T, and counts time from
///   T. A subject is followed from T on as long as it has an interval there, whatever happened before
///   (a recurrent event before T does not exclude it); one that enters after T enters the risk set then.
/// Censoring applies first, as on one-row endpoints.
extension Session {
    struct IntervalDesign {
        var outcome: CountingProcessOutcome
        /// Intervals cut short at the censoring time, and among them those whose event no longer counts.
        var censored = 0
        var eventsRemoved = 0
        /// Intervals left out because they start at or after the censoring time, or end by the landmark.
        var droppedByCensor = 0
        var droppedByLandmark = 0
    }

    func design(of outcome: CountingProcessOutcome) throws(Diagnostic) -> IntervalDesign {
        var result = IntervalDesign(outcome: outcome)
        guard landmark != nil || censorAt != nil, let table else { return result }
        var start = outcome.start, stop = outcome.stop, event = outcome.event
        var keep = [Bool](repeating: true, count: outcome.rows.count)
        if let censorAt {
            let (values, missing) = try ExpressionEvaluator(table: table, rows: outcome.rows).numbers(censorAt.expression)
            for (i, r) in outcome.rows.enumerated() where r < values.count && !missing[r] && values[r] < stop[i] {
                guard values[r] >= 0 else {
                    throw Diagnostic("'censor at \(censorAt.source)' is negative (\(NumberText.short(values[r]))) in row \(r + 1)",
                                     hint: "follow-up cannot end before it starts; check the column, or censor none")
                }
                if event[i] { result.eventsRemoved += 1 }
                if values[r] <= start[i] {
                    keep[i] = false
                    result.droppedByCensor += 1
                } else {
                    stop[i] = values[r]
                    event[i] = false
                    result.censored += 1
                }
            }
        }
        if let landmark {
            for i in keep.indices where keep[i] {
                if stop[i] > landmark {
                    start[i] = max(start[i], landmark) - landmark
                    stop[i] -= landmark
                } else {
                    keep[i] = false
                    result.droppedByLandmark += 1
                }
            }
        }
        let positions = keep.indices.filter { keep[$0] }
        result.outcome = CountingProcessOutcome(rows: positions.map { outcome.rows[$0] }, start: positions.map { start[$0] },
                                                stop: positions.map { stop[$0] }, event: positions.map { event[$0] })
        return result
    }

    /// The intervals an analysis uses after the design; an error when it leaves none.
    func designedIntervals(_ outcome: CountingProcessOutcome) throws(Diagnostic) -> CountingProcessOutcome {
        let designed = try design(of: outcome).outcome
        guard !designed.rows.isEmpty else {
            throw Diagnostic(landmark != nil ? "no intervals end beyond the landmark" : "no follow-up is left before the censoring time",
                             hint: landmark != nil ? "choose an earlier landmark, or landmark none" : "check the expression, or censor none")
        }
        return designed
    }

    /// The current (start, stop] endpoint's intervals over the kept rows and what the design in force does to them.
    func designOfCurrentIntervals(endpoint: Endpoint, start: String) throws(Diagnostic) -> IntervalDesign {
        guard let table else { throw Diagnostic("no dataset is loaded") }
        let selection = try AnalysisRows(table: table, kept: keptRows, columns: [start, endpoint.time, endpoint.event])
        return try design(of: try CountingProcessOutcome.build(table: table, rows: selection.rows, endpoint: endpoint, start: start))
    }
}
