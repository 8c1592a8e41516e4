import SurvCore
import SurvData
import SurvLanguage
import SurvResults

/// The rows an analysis uses: those kept by the filter with no missing value in any column it reads
/// (R's na.omit), with the count dropped for missing values reported.
struct AnalysisRows {
    var rows: [Int]
    var accounting: RowAccounting

    init(table: DataTable, kept: [Int]?, columns: [String]) throws(Diagnostic) {
        let candidates = kept?.count ?? table.rowCount
        rows = Self.complete(kept, of: table.rowCount, in: columns.compactMap { table.column(named: $0) })
        accounting = RowAccounting(kept: candidates, droppedMissing: candidates - rows.count)
        guard !rows.isEmpty else {
            throw Diagnostic(candidates == 0 ? "no rows are kept by the filter"
                                                : "no rows left: every kept row has a missing value in \(columns.joined(separator: ", "))",
                             hint: "'describe' shows missing values; 'where all' clears the filter")
        }
    }
}

extension AnalysisRows {
    /// `rows` without those missing in any of `columns` (a column that does not exist counts as missing),
    /// read off each column's own storage: asking each cell through `isMissing` unpacks the column per row.
    /// - Parameter rows: rows of a table of `rowCount` rows; `nil` for all of them.
    static func complete(_ rows: [Int]?, of rowCount: Int, in columns: [Column?]) -> [Int] {
        guard !columns.isEmpty else { return rows ?? Array(0..<rowCount) }
        let size = rowCount
        guard size > 0 else { return [] }
        // One mask over the table's rows, anded column by column, then one pass over the rows.
        var complete = [Bool](repeating: true, count: size)
        complete.withUnsafeMutableBufferPointer { complete in
            for column in columns {
                guard let column else { complete.update(repeating: false); return }
                switch column.data {
                case .number(let values, let missing):
                    let count = min(values.count, missing.count, size)
                    missing.withUnsafeBufferPointer { missing in
                        for r in 0..<count where missing[r] { complete[r] = false }
                    }
                    for r in count..<size { complete[r] = false }
                case .text(let codes, let levels):
                    let count = min(codes.count, size), levelCount = Int32(clamping: levels.count)
                    codes.withUnsafeBufferPointer { codes in
                        for r in 0..<count where codes[r] < 0 || codes[r] >= levelCount { complete[r] = false }
                    }
                    for r in count..<size { complete[r] = false }
                }
            }
        }
        guard let rows else { return complete.indices.filter { complete[$0] } }
        return rows.filter { $0 >= 0 && $0 < size && complete[$0] }
    }
}

/// The survival outcome of an endpoint over some rows.
struct SurvivalOutcome {
    var time: [Double]
    var event: [Bool]

    /// A text level read as an event (true) or a censoring (false); nil when it is neither.
    static func eventFlag(_ level: String) -> Bool? {
        switch level.lowercased() {
        case "1", "true", "yes", "y", "t": return true
        case "0", "false", "no", "n", "f": return false
        default: return nil
        }
    }

    /// True when `column` is coded as `build` reads events: numbers 0/1 or 1/2, or text levels it decodes.
    /// Reads at most until a third distinct number, so a measurement column costs a few cells.
    static func canBeEvent(_ column: Column) -> Bool {
        if let (values, missing) = column.codedNumbers { return canBeEvent(Column(name: column.name, data: .number(values, missing: missing))) }
        switch column.data {
        case .number(let values, let missing):
            var distinct = Set<Double>()
            for (value, isMissing) in zip(values, missing) where !isMissing {
                distinct.insert(value)
                if distinct.count > 2 { return false }
            }
            return !distinct.isEmpty && (distinct.isSubset(of: [0, 1]) || distinct.isSubset(of: [1, 2]))
        case .text(_, let levels):
            return !levels.isEmpty && levels.allSatisfy { eventFlag($0) != nil }
        }
    }

    /// The endpoint's outcome: its event column decoded, or with competing risks, the event code as the event
    /// and every other code (competing causes included) as a censoring — the naive reading `km` gives.
    static func build(table: DataTable, rows: [Int], endpoint: Endpoint) throws(Diagnostic) -> SurvivalOutcome {
        guard let causes = endpoint.causes else { return try build(table: table, rows: rows, time: endpoint.time, event: endpoint.event) }
        let competing = try CompetingOutcome.build(table: table, rows: rows, time: endpoint.time, status: endpoint.event, causes: causes)
        return SurvivalOutcome(time: competing.time, event: competing.cause.map { $0 == 1 })
    }

    /// Decodes the event column: 1/0, true/false or yes/no; numeric 1/2 is read as R's Surv() does
    /// (2 = event), so R's own data sets work unchanged.
    static func build(table: DataTable, rows: [Int], time: String, event: String) throws(Diagnostic) -> SurvivalOutcome {
        guard let timeColumn = table.column(named: time), case .number(let times, let timeMissing) = timeColumn.data else {
            throw Diagnostic("the time column '\(time)' must be numeric")
        }
        guard var eventColumn = table.column(named: event) else { throw Diagnostic("unknown column '\(event)'") }
        // A labelled event column (0 = Alive, 1 = Dead) is read by its codes, as Stata reads it.
        if let (values, missing) = eventColumn.codedNumbers { eventColumn.data = .number(values, missing: missing) }
        var outTime: [Double] = []
        var outEvent: [Bool] = []
        outTime.reserveCapacity(rows.count)
        outEvent.reserveCapacity(rows.count)
        switch eventColumn.data {
        case .number(let values, let missing):
            // The coding is read off the whole column, never the rows in use: a filter that keeps only the
            // 1s of a 1/2-coded column must not turn them into events (R applies Surv() before subsetting).
            // Counted without a branch on the value: a set would hash a million values, and a search among the
            // values seen mispredicts on every row of a 0/1 column in random order.
            var present = 0, ones = 0, twos = 0
            for (value, isMissing) in zip(values, missing) where !isMissing {
                present += 1
                ones += value == 1 ? 1 : 0
                twos += value == 2 ? 1 : 0
            }
            let oneTwo = present > 0 && ones + twos == present && twos > 0
            // Over raw buffers: this runs on every row of every survival command's first use of the data.
            var bad: Int?
            values.withUnsafeBufferPointer { values in
            missing.withUnsafeBufferPointer { missing in
            times.withUnsafeBufferPointer { times in
            timeMissing.withUnsafeBufferPointer { timeMissing in
                for r in rows where r >= 0 && r < values.count && r < missing.count && r < times.count && r < timeMissing.count
                    && !missing[r] && !timeMissing[r] {
                    let v = values[r]
                    if oneTwo { outEvent.append(v == 2) }
                    else if v == 0 || v == 1 { outEvent.append(v == 1) }
                    else { bad = r; return }
                    outTime.append(times[r])
                }
            }}}}
            if let bad {
                throw Diagnostic("the event column '\(event)' has the value \(NumberText.short(values[bad])) in row \(bad + 1)",
                                 hint: "code events as 1 (event) and 0 (censored)")
            }
        case .text(let codes, let levels):
            let decoded: [Bool?] = levels.map(Self.eventFlag)
            for r in rows where codes[r] >= 0 && !timeMissing[r] {
                guard let flag = decoded[Int(codes[r])] else {
                    throw Diagnostic("the event column '\(event)' has the value \"\(levels[Int(codes[r])])\" in row \(r + 1)",
                                     hint: "code events as 1/0, true/false or yes/no")
                }
                outEvent.append(flag)
                outTime.append(times[r])
            }
        }
        // Checked on the rows in use only: negative times on rows the filter leaves out are no one's business
        // until a later filter brings those rows back, and then this names the row.
        if let bad = rows.first(where: { times[$0] < 0 && !timeMissing[$0] && !eventColumn.isMissing($0) }) {
            throw Diagnostic("the time column '\(time)' has a negative value (\(NumberText.short(times[bad]))) in row \(bad + 1)",
                             hint: "times must be ≥ 0; leave such rows out first, e.g. where \(time) >= 0")
        }
        return SurvivalOutcome(time: outTime, event: outEvent)
    }
}

/// Rows grouped by the combined levels of one or more columns, labelled as R labels strata (`x=a, y=b`).
struct Grouping {
    /// More groups than this is almost always a mistake (an identifier or a continuous column), and the
    /// tests' k×k variance matrices would grow without bound.
    static let maximumGroups = 100

    func requireFewGroups(columns: [String]) throws(Diagnostic) {
        guard labels.count <= Self.maximumGroups else {
            throw Diagnostic("\(columns.joined(separator: ", ")) gives \(labels.count) groups; at most \(Self.maximumGroups) can be compared",
                             hint: "group the values first, e.g. let g = cut(x, 10, 20)")
        }
    }

    /// Group per analysis row: dense codes in the levels' order, only combinations that occur.
    var codes: StratumCodes
    /// Each group's label; empty when the grouping was made without them.
    var labels: [String]

    /// Group index per analysis row.
    var groups: [Int] { codes.codes.map { Int($0) } }

    /// - Parameters:
    ///   - references: `set ref` choices: a column's reference level comes first, as R's `relevel`.
    ///   - labelled: false when only the codes are wanted (`cluster(id)`): an identifier has as many levels as
    ///     rows, and writing a label for each costs more than the model it groups.
    init(table: DataTable, rows: [Int], columns: [String], references: [String: ReferenceLevel] = [:],
         labelled: Bool = true) throws(Diagnostic) {
        // Per column: the level of each row (a missing value as a level of its own after the others, "?"),
        // levels in their natural order with the reference first.
        var levelCodes: [[Int32]] = []
        var levelCounts: [Int] = []
        var levelNames: [[String]] = []
        for name in columns {
            guard let column = table.column(named: name) else { continue }
            let labels: [String]
            let count: Int
            let rowLevels: [Int32]
            let rank: [Int]
            switch column.data {
            case .text(let textCodes, let levels):
                labels = levels
                count = levels.count
                if case .text(let reference)? = references[name] {
                    rank = Session.referenceFirst(count: levels.count) { levels[$0] == reference }
                } else {
                    rank = Array(levels.indices)
                }
                let missing = Int32(levels.count)
                let rankCodes = rank.map { Int32($0) }
                rowLevels = textCodes.withUnsafeBufferPointer { codes in
                    rows.map { row in
                        let code = row >= 0 && row < codes.count ? codes[row] : -1
                        return code >= 0 && Int(code) < rankCodes.count ? rankCodes[Int(code)] : missing
                    }
                }
            case .number(let values, _):
                let levels = NumericLevels(values, rows: rows)
                count = levels.distinct.count
                labels = !labelled ? [] : column.dateStyle.map { style in levels.distinct.map { DateText.show($0, style) } } ?? levels.labels
                if case .number(let reference)? = references[name] {
                    rank = Session.referenceFirst(count: count) { levels.distinct[$0] == reference }
                } else {
                    rank = Array(0..<count)
                }
                rowLevels = rows.map { Int32(rank[levels.code(of: values[$0])]) }
            }
            levelCodes.append(rowLevels)
            levelCounts.append(count + 1)
            guard labelled else { continue }
            var names = [String](repeating: "?", count: count + 1)
            for (i, label) in labels.enumerated() { names[rank[i]] = "\(name)=\(label)" }
            levelNames.append(names)
        }
        // Combine, keeping only combinations that occur, ordered by the levels' order.
        let combined: StratumCodes
        do {
            combined = try StratumCodes(combining: levelCodes.isEmpty ? [[Int32](repeating: 0, count: rows.count)] : levelCodes,
                                        levelCounts: levelCodes.isEmpty ? [1] : levelCounts)
        } catch {
            throw Diagnostic(error.message, hint: error.hint)
        }
        codes = combined
        guard labelled else {
            labels = []
            return
        }
        guard !levelCodes.isEmpty else {
            labels = ["all"]
            return
        }
        labels = (0..<combined.count).map { cell in
            levelNames.indices.map { k in levelNames[k][Int(combined.levels[k][cell])] }.joined(separator: ", ")
        }
    }
}

/// The distinct values of a numeric column over some rows, sorted, as the levels of a category
/// (strata and tables treat a numeric column this way).
struct NumericLevels {
    let distinct: [Double]

    init(_ values: [Double], rows: [Int]) {
        // A stratifying column has a few levels: a short list finds them without hashing every row.
        var few: [Double] = []
        var many: Set<Double>?
        for row in rows {
            let value = values[row]
            if many == nil {
                if few.contains(value) { continue }
                if few.count < 32 { few.append(value); continue }
                many = Set(few)
            }
            many?.insert(value)
        }
        distinct = (many.map { Array($0) } ?? few).sorted()
    }

    var labels: [String] { distinct.map(NumberText.short) }

    /// The level index of a value that occurs in the rows (0 for any other).
    func code(of value: Double) -> Int {
        var lo = 0, hi = distinct.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if distinct[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo < distinct.count && distinct[lo] == value ? lo : 0
    }
}
