import SurvCore
import SurvData
import SurvLanguage

/// The outcome of a (start, stop] endpoint over some rows: R's `Surv(start, stop, event)`. Rows missing any of
/// the three are left out (na.omit); the others must have 0 ≤ start < stop, and an error names the first row
/// that does not.
struct CountingProcessOutcome {
    var rows: [Int]
    var start: [Double]
    var stop: [Double]
    var event: [Bool]

    static func build(table: DataTable, rows candidates: [Int], endpoint: Endpoint, start: String) throws(Diagnostic) -> CountingProcessOutcome {
        guard let startColumn = table.column(named: start), case .number(let starts, _) = startColumn.data else {
            throw Diagnostic("the start column '\(start)' must be numeric")
        }
        let rows = AnalysisRows.complete(candidates, of: table.rowCount, in: [start, endpoint.time, endpoint.event].map { table.column(named: $0) })
        let outcome = try SurvivalOutcome.build(table: table, rows: rows, time: endpoint.time, event: endpoint.event)
        guard outcome.time.count == rows.count else { throw Diagnostic("the endpoint's columns do not line up") }
        let begin = rows.map { starts[$0] }
        for (k, r) in rows.enumerated() {
            if begin[k] < 0 {
                throw Diagnostic("the start column '\(start)' has a negative value (\(NumberText.short(begin[k]))) in row \(r + 1)",
                                 hint: "times must be ≥ 0; leave such rows out first, e.g. where \(start) >= 0")
            }
            if !(begin[k] < outcome.time[k]) {
                throw Diagnostic("row \(r + 1) starts at \(NumberText.short(begin[k])) but stops at \(NumberText.short(outcome.time[k])): each interval needs start < stop",
                                 hint: "leave such rows out first, e.g. where \(start) < \(endpoint.time)")
            }
        }
        return CountingProcessOutcome(rows: rows, start: begin, stop: outcome.time, event: outcome.event)
    }

    /// The rows with times that differ only by rounding noise tied, as R's survfit and coxph tie them on
    /// (start, stop] data (`aeqSurv`, survival's timefix): the starts and stops together, each time replaced by
    /// the first of its group. An interval whose start and stop become one time is refused, as R refuses it
    /// ("an interval has effective length 0").
    func tyingRoundingNoise() throws(Diagnostic) -> CountingProcessOutcome {
        let distinct = Array(Set(start + stop)).filter(\.isFinite).sorted()
        guard let groupStart = TimeFix.groupStarts(distinctSorted: distinct) else { return self }
        func tied(_ value: Double) -> Double {
            var low = 0, high = distinct.count - 1
            while low < high {
                let mid = (low + high) / 2
                if distinct[mid] < value { low = mid + 1 } else { high = mid }
            }
            return distinct[low] == value ? distinct[groupStart[low]] : value
        }
        var out = self
        for k in rows.indices {
            out.start[k] = tied(start[k])
            out.stop[k] = tied(stop[k])
            if out.start[k] == out.stop[k] {
                throw Diagnostic("row \(rows[k] + 1) starts at \(NumberText.short(start[k])) and stops at \(NumberText.short(stop[k])), "
                                 + "which differ only by rounding noise: tied as R's survival ties such times, the interval has no length",
                                 hint: "leave such rows out first, or round the times")
            }
        }
        return out
    }

    func subset(_ keep: [Bool]) -> CountingProcessOutcome {
        let indices = rows.indices.filter { keep[$0] }
        return CountingProcessOutcome(rows: indices.map { rows[$0] }, start: indices.map { start[$0] },
                                      stop: indices.map { stop[$0] }, event: indices.map { event[$0] })
    }
}
