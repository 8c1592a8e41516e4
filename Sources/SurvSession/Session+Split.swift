import SurvCore
import SurvData
import SurvLanguage
import SurvResults

/// `split NAME at COLUMN`: a time-dependent 0/1 covariate, as R's `tmerge(data, data, id, NAME = tdc(COLUMN))`
/// makes it. Each row's follow-up (start, stop] (start 0 for one row per subject) is cut where COLUMN falls
/// inside it: (start, c] with NAME = 0 and no event, then (c, stop] with NAME = 1 and the row's event. COLUMN
/// empty, or at or after the end, leaves NAME = 0 throughout; at or before the start, 1 throughout. The
/// endpoint becomes (tstart, tstop, tevent]; another split composes with this one.
extension Session {
    static let splitColumns = (start: "tstart", stop: "tstop", event: "tevent")

    func split(_ name: String, at column: String) throws(Diagnostic) -> Report {
        guard let table, let key = currentEndpoint, let endpoint = endpoints[key] else {
            throw Diagnostic("no endpoint is declared", hint: "declare one with: endpoint TIME, EVENT")
        }
        guard landmark == nil && censorAt == nil else {
            throw Diagnostic("split works on the follow-up as recorded", hint: "undo the design first: landmark none; censor none")
        }
        let names = Self.splitColumns
        // Columns of those names that are the user's, not a previous split's, are not overwritten.
        if endpoint.start != names.start, let taken = [names.start, names.stop, names.event].first(where: { table.column(named: $0) != nil }) {
            throw Diagnostic("the data already have a column '\(taken)', which split writes", hint: "rename it first with let")
        }
        guard case .number(let switchTimes, let switchMissing)? = table.column(named: column)?.data else {
            throw Diagnostic("the switch time '\(column)' must be numeric")
        }
        let all = Array(0..<table.rowCount)
        // One interval per complete row, from the endpoint as it stands (one row per subject, or intervals).
        var start: [Double], stop: [Double], event: [Bool], rows: [Int]
        if let startColumn = endpoint.start {
            let outcome = try CountingProcessOutcome.build(table: table, rows: all, endpoint: endpoint, start: startColumn)
            (rows, start, stop, event) = (outcome.rows, outcome.start, outcome.stop, outcome.event)
        } else {
            rows = AnalysisRows.complete(all, of: table.rowCount, in: [endpoint.time, endpoint.event].map { table.column(named: $0) })
            let outcome = try SurvivalOutcome.build(table: table, rows: rows, endpoint: endpoint)
            (start, stop, event) = ([Double](repeating: 0, count: rows.count), outcome.time, outcome.event)
        }
        // The switch time of each row, where it is present.
        func switchTime(_ r: Int) -> Double? { r < switchTimes.count && !switchMissing[r] ? switchTimes[r] : nil }
        // Counted first, so that each new column is allocated once at its size: on a million rows the
        // intervals' columns are the command's memory, beside the table copied for them.
        var switched = 0
        for (i, r) in rows.enumerated() {
            if let c = switchTime(r), c > start[i], c < stop[i] { switched += 1 }
        }
        let count = rows.count + switched
        var source = [Int](), newStart = [Double](), newStop = [Double](), newEvent = [Double](), flag = [Double]()
        source.reserveCapacity(count)
        newStart.reserveCapacity(count)
        newStop.reserveCapacity(count)
        newEvent.reserveCapacity(count)
        flag.reserveCapacity(count)
        for (i, r) in rows.enumerated() {
            let c = switchTime(r)
            if let c, c > start[i], c < stop[i] {
                source.append(r); source.append(r)
                newStart.append(start[i]); newStart.append(c)
                newStop.append(c); newStop.append(stop[i])
                newEvent.append(0); newEvent.append(event[i] ? 1 : 0)
                flag.append(0); flag.append(1)
            } else {
                source.append(r)
                newStart.append(start[i])
                newStop.append(stop[i])
                newEvent.append(event[i] ? 1 : 0)
                flag.append(c.map { $0 <= start[i] ? 1 : 0 } ?? 0)
            }
        }
        guard !source.isEmpty else { throw Diagnostic("no rows have the endpoint's values to split") }
        var updated = table.selecting(rows: source)
        // Every interval has all four values: one shared all-present flag array (copy-on-write) for them.
        let present = [Bool](repeating: false, count: count)
        do {
            try updated.setColumn(Column(name: names.start, data: .number(newStart, missing: present)))
            newStart = []
            try updated.setColumn(Column(name: names.stop, data: .number(newStop, missing: present)))
            newStop = []
            try updated.setColumn(Column(name: names.event, data: .number(newEvent, missing: present)))
            newEvent = []
            try updated.setColumn(Column(name: name, data: .number(flag, missing: present)))
            flag = []
        } catch { throw Diagnostic("cannot add the split columns: \(error)") }
        // The filter keeps the intervals of the rows it kept.
        var keptCounts: SplitReport.Counts?
        let kept: [Int]? = keptRows.map { old in
            var keep = [Bool](repeating: false, count: table.rowCount)
            for r in old where r < keep.count { keep[r] = true }
            let intervals = source.indices.filter { keep[source[$0]] }
            let subjects = rows.filter { keep[$0] }.count
            // A kept row switched when it became two intervals.
            keptCounts = SplitReport.Counts(subjects: subjects, intervals: intervals.count, switched: intervals.count - subjects)
            return intervals
        }
        source = []
        // A named endpoint keeps its name; an unnamed one is named by its new columns.
        let splitEndpoint = Endpoint(name: endpoint.isUnnamed ? Self.endpointKey(start: names.start, time: names.stop, event: names.event, causes: nil)
                                                              : endpoint.name,
                                     time: names.stop, event: names.event, start: names.start)
        // Every state change after all that can fail. Other endpoints would count intervals as subjects: gone.
        // Every column but those written here repeats its row's value on each of the row's intervals.
        let written: Set<String> = [names.start, names.stop, names.event, name]
        self.table = updated
        splitColumns = SplitColumns(copied: Set(table.columnNames).subtracting(written), start: names.start, stop: names.stop,
                                    event: names.event)
        keptRows = kept
        endpoints = [splitEndpoint.name: splitEndpoint]
        endpointOrder = [splitEndpoint.name]
        currentEndpoint = splitEndpoint.name
        lastCox = nil
        return .split(SplitReport(name: name, subjects: rows.count, intervals: count, switched: switched,
                                  endpoint: describeEndpoint(splitEndpoint.name), kept: keptCounts))
    }
}
