import SurvCore
import SurvData
import SurvLanguage

/// A competing-risks endpoint over some rows: each row's time and cause — 0 censored, 1 the event, 2 and up
/// the competing causes in the order the endpoint names them. A status code named by neither is a censoring.
struct CompetingOutcome {
    var time: [Double]
    var cause: [Int]

    static func build(table: DataTable, rows: [Int], time: String, status: String, causes: CausesSyntax) throws(Diagnostic) -> CompetingOutcome {
        guard let timeColumn = table.column(named: time), case .number(let times, let timeMissing) = timeColumn.data else {
            throw Diagnostic("the time column '\(time)' must be numeric")
        }
        guard let statusColumn = table.column(named: status) else { throw Diagnostic("unknown column '\(status)'") }
        let codes = [causes.event] + causes.competing
        var outTime: [Double] = [], outCause: [Int] = []
        outTime.reserveCapacity(rows.count)
        outCause.reserveCapacity(rows.count)
        switch statusColumn.data {
        case .number(let values, let missing):
            let numbers = codes.map { code -> Double? in if case .number(let x) = code.value { return x } else { return nil } }
            for r in rows where r < values.count && !missing[r] && !timeMissing[r] {
                outTime.append(times[r])
                outCause.append(numbers.firstIndex { $0 == values[r] }.map { $0 + 1 } ?? 0)
            }
        case .text(let levelCodes, let levels):
            // The cause of each level, looked up once, not per row.
            // A labelled column's levels stand for numbers, so `event 1 competing 2` names them by code.
            let levelValues = statusColumn.levelValues
            let causeOfLevel = levels.indices.map { i in
                codes.firstIndex { code in
                    switch code.value {
                    case .text(let t): return t == levels[i]
                    case .number(let x): return levelValues.map { i < $0.count && $0[i] == x } ?? false
                    }
                }.map { $0 + 1 } ?? 0
            }
            for r in rows where r < levelCodes.count && levelCodes[r] >= 0 && Int(levelCodes[r]) < levels.count && !timeMissing[r] {
                outTime.append(times[r])
                outCause.append(causeOfLevel[Int(levelCodes[r])])
            }
        }
        if let bad = rows.first(where: { $0 < times.count && times[$0] < 0 && !timeMissing[$0] && !statusColumn.isMissing($0) }) {
            throw Diagnostic("the time column '\(time)' has a negative value (\(NumberText.short(times[bad]))) in row \(bad + 1)",
                             hint: "times must be ≥ 0; leave such rows out first, e.g. where \(time) >= 0")
        }
        return CompetingOutcome(time: outTime, cause: outCause)
    }

    /// The values a status column takes over some rows, as codes would be written: for a message naming them.
    static func values(of column: Column, rows: [Int]) -> [StatusCode.Value] {
        switch column.data {
        case .number(let values, let missing):
            var seen = Set<Double>()
            for r in rows where r < values.count && !missing[r] {
                seen.insert(values[r])
                if seen.count > 50 { break }
            }
            return seen.sorted().map { .number($0) }
        case .text(let codes, let levels):
            var used = [Bool](repeating: false, count: levels.count)
            for r in rows where r < codes.count && codes[r] >= 0 && Int(codes[r]) < levels.count { used[Int(codes[r])] = true }
            return levels.indices.filter { used[$0] }.map { .text(levels[$0]) }
        }
    }
}
