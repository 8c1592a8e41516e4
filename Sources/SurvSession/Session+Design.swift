import SurvCore
import SurvData
import SurvLanguage
import SurvResults

/// Designs that change whose follow-up counts and how long: `censor at EXPR` (follow-up ends, censored, at
/// an intervening event such as a transplant) and `landmark at T` (compare groups defined by T among the
/// rows followed event-free beyond T, from T). Both apply to every survival analysis until undone, censoring
/// first: a row censored before the landmark is not followed beyond it.
extension Session {
    /// The adjustment of an endpoint's outcome over the analysis rows: which rows stay, their times, and
    /// which lost their event to `censor at`. Nil when no design is in force.
    struct DesignAdjustment {
        var keep: [Bool]
        var time: [Double]
        var censored: [Bool]
    }

    func designAdjustment(rows: [Int], time: [Double]) throws(Diagnostic) -> DesignAdjustment? {
        guard landmark != nil || censorAt != nil, let table else { return nil }
        var times = time
        var censored = [Bool](repeating: false, count: rows.count)
        if let censorAt {
            let (values, missing) = try ExpressionEvaluator(table: table, rows: rows).numbers(censorAt.expression)
            for (i, r) in rows.enumerated() where r < values.count && !missing[r] && values[r] < times[i] {
                guard values[r] >= 0 else {
                    throw Diagnostic("'censor at \(censorAt.source)' is negative (\(NumberText.short(values[r]))) in row \(r + 1)",
                                     hint: "follow-up cannot end before it starts; check the column, or censor none")
                }
                times[i] = values[r]
                censored[i] = true
            }
        }
        var keep = [Bool](repeating: true, count: rows.count)
        if let landmark {
            for i in times.indices {
                if times[i] > landmark { times[i] -= landmark } else { keep[i] = false }
            }
        }
        return DesignAdjustment(keep: keep, time: times, censored: censored)
    }

    /// The positions (into `rows`) the design keeps, with their moved times and whether each lost its event;
    /// nil when no design is in force. Both kinds of outcome are adjusted through it.
    private func keptByDesign(rows: [Int], time: [Double]) throws(Diagnostic) -> (positions: [Int], time: [Double], censored: [Bool])? {
        guard let adjustment = try designAdjustment(rows: rows, time: time) else { return nil }
        let positions = rows.indices.filter { adjustment.keep[$0] }
        guard !positions.isEmpty else {
            throw Diagnostic("no rows are followed beyond the landmark", hint: "choose an earlier landmark, or landmark none")
        }
        return (positions, positions.map { adjustment.time[$0] }, positions.map { adjustment.censored[$0] })
    }

    /// Rows and outcome after the design: rows the landmark drops left out, times moved, events censored.
    func adjusted(rows: [Int], outcome: SurvivalOutcome) throws(Diagnostic) -> (rows: [Int], outcome: SurvivalOutcome) {
        guard let kept = try keptByDesign(rows: rows, time: outcome.time) else { return (rows, outcome) }
        return (kept.positions.map { rows[$0] },
                SurvivalOutcome(time: kept.time, event: zip(kept.positions, kept.censored).map { outcome.event[$0] && !$1 }))
    }

    /// The same for a competing-risks outcome: a censored row's cause becomes 0.
    func adjusted(rows: [Int], outcome: CompetingOutcome) throws(Diagnostic) -> (rows: [Int], outcome: CompetingOutcome) {
        guard let kept = try keptByDesign(rows: rows, time: outcome.time) else { return (rows, outcome) }
        return (kept.positions.map { rows[$0] },
                CompetingOutcome(time: kept.time, cause: zip(kept.positions, kept.censored).map { $1 ? 0 : outcome.cause[$0] }))
    }

    func setLandmark(_ time: Double?) throws(Diagnostic) -> Report {
        let previous = landmark
        landmark = time
        do throws(Diagnostic) {
            if let name = currentEndpoint, let endpoint = endpoints[name], let start = endpoint.start {
                let design = try designOfCurrentIntervals(endpoint: endpoint, start: start)
                let kept = design.outcome.rows.count
                if time != nil && kept == 0 {
                    throw Diagnostic("no intervals end beyond the landmark", hint: "choose an earlier landmark")
                }
                return .landmark(LandmarkReport(time: time, kept: kept, dropped: design.droppedByLandmark, intervals: true))
            }
            let (kept, dropped) = try designCounts()
            if time != nil && kept == 0 { throw Diagnostic("no rows are followed beyond the landmark", hint: "choose an earlier landmark") }
            return .landmark(LandmarkReport(time: time, kept: kept, dropped: dropped))
        } catch {
            landmark = previous
            throw error
        }
    }

    func setCensorAt(_ expression: TypedExpression?, source: String) throws(Diagnostic) -> Report {
        let previous = censorAt
        censorAt = expression.map { ($0, source) }
        do throws(Diagnostic) {
            if let name = currentEndpoint, let endpoint = endpoints[name], let start = endpoint.start {
                let design = try designOfCurrentIntervals(endpoint: endpoint, start: start)
                if expression != nil && design.outcome.rows.isEmpty {
                    throw Diagnostic("no follow-up is left before the censoring time", hint: "check the expression, or censor none")
                }
                return .censor(CensorReport(expression: expression == nil ? nil : source, censored: design.censored,
                                            eventsRemoved: design.eventsRemoved, intervals: true, dropped: design.droppedByCensor))
            }
            let (_, outcome, adjustment) = try designOfCurrentEndpoint()
            let censored = adjustment?.censored.filter { $0 }.count ?? 0
            let removed = adjustment.map { a in a.censored.indices.filter { a.censored[$0] && outcome.event[$0] }.count } ?? 0
            return .censor(CensorReport(expression: expression == nil ? nil : source, censored: censored, eventsRemoved: removed))
        } catch {
            censorAt = previous
            throw error
        }
    }

    /// Rows of the current endpoint the design keeps and drops.
    private func designCounts() throws(Diagnostic) -> (kept: Int, dropped: Int) {
        let (rows, _, adjustment) = try designOfCurrentEndpoint()
        guard let adjustment else { return (rows.count, 0) }
        let kept = adjustment.keep.filter { $0 }.count
        return (kept, rows.count - kept)
    }

    /// The current endpoint's rows and outcome, and what the design in force does to them.
    private func designOfCurrentEndpoint() throws(Diagnostic) -> (rows: [Int], outcome: SurvivalOutcome, adjustment: DesignAdjustment?) {
        guard let table, let name = currentEndpoint, let endpoint = endpoints[name] else { throw Diagnostic("no endpoint is declared") }
        let selection = try AnalysisRows(table: table, kept: keptRows, columns: [endpoint.time, endpoint.event])
        let outcome = try SurvivalOutcome.build(table: table, rows: selection.rows, endpoint: endpoint)
        return (selection.rows, outcome, try designAdjustment(rows: selection.rows, time: outcome.time))
    }
}
