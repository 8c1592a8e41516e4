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

    func subset(_ keep: [Bool]) -> CountingProcessOutcome {
        let indices = rows.indices.filter { keep[$0] }
        return CountingProcessOutcome(rows: indices.map { rows[$0] }, start: indices.map { start[$0] },
                                      stop: indices.map { stop[$0] }, event: indices.map { event[$0] })
    }
}
