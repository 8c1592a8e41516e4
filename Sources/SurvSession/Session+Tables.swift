import SurvCore
import SurvData
import SurvLanguage
import SurvResults

/// Describing the cohort: summaries, frequency tables and Fisher's exact test over the kept rows.
extension Session {
    func describe(_ names: [String]) throws(Diagnostic) -> Report {
        guard let table else { throw Diagnostic("no dataset is loaded") }
        let rows = keptRows ?? Array(0..<table.rowCount)
        let columns = names.isEmpty ? table.columns : names.compactMap { table.column(named: $0) }
        var out: [ColumnDescription] = []
        for column in columns {
            switch column.data {
            case .number(let values, let missing) where column.dateStyle != nil:
                let present = rows.filter { !missing[$0] }.map { values[$0] }
                out.append(.date(name: column.name, Descriptive.summarize(present, missing: rows.count - present.count),
                                 label: column.label, withTime: column.dateStyle == .dateTime))
            case .number(let values, let missing):
                let present = rows.filter { !missing[$0] }.map { values[$0] }
                out.append(.numeric(name: column.name, Descriptive.summarize(present, missing: rows.count - present.count), label: column.label))
            case .text(let codes, let levels):
                let (counts, missing) = Descriptive.counts(codes: rows.map { Int(codes[$0]) }, levels: levels)
                out.append(.categorical(name: column.name, counts: counts, missing: missing, label: column.label))
            }
        }
        return .describe(out)
    }

    /// Beyond this a frequency table is unreadable and Fisher's enumeration pointless.
    static let maximumCategories = 50

    /// The distinct values of a column over some rows as categories: text levels in order, numbers sorted.
    func categories(_ name: String, rows: [Int]) throws(Diagnostic) -> (codes: [Int], levels: [String]) {
        guard let column = table?.column(named: name) else { throw Diagnostic("unknown column '\(name)'") }
        switch column.data {
        case .text(let codes, let levels):
            let present = Set(rows.map { codes[$0] }.filter { $0 >= 0 })
            let used = levels.indices.filter { present.contains(Int32($0)) }
            guard used.count <= Self.maximumCategories else {
                throw Diagnostic("'\(name)' has \(used.count) distinct values, too many for a table",
                                 hint: "group them first with let, e.g. with if() or cut()")
            }
            var ordered = used
            if case .text(let reference)? = referenceLevels[name], let position = used.firstIndex(where: { levels[$0] == reference }) {
                ordered.insert(ordered.remove(at: position), at: 0)
            }
            let remap = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { (Int32($1), $0) })
            return (rows.map { remap[codes[$0]] ?? -1 }, ordered.map { levels[$0] })
        case .number(let values, let missing):
            let levels = NumericLevels(values, rows: rows.filter { !missing[$0] })
            guard levels.distinct.count <= Self.maximumCategories else {
                throw Diagnostic("'\(name)' has \(levels.distinct.count) distinct values, too many for a table",
                                 hint: "group it first, e.g. let \(name)_group = cut(\(name), ...)")
            }
            var rank = Array(levels.distinct.indices)
            if case .number(let reference)? = referenceLevels[name] {
                rank = Self.referenceFirst(count: levels.distinct.count) { levels.distinct[$0] == reference }
            }
            let natural = column.dateStyle.map { style in levels.distinct.map { DateText.show($0, style) } } ?? levels.labels
            var labels = natural
            for (i, label) in natural.enumerated() { labels[rank[i]] = label }
            return (rows.map { missing[$0] ? -1 : rank[levels.code(of: values[$0])] }, labels)
        }
    }

    /// - Parameter onlyLevelsCounted: take the levels from the rows with both values present, so that no row
    ///   or column of the table is empty (a level seen only beside a missing value has nothing to count).
    func crossTable(_ a: String, by b: String?, onlyLevelsCounted: Bool = false) throws(Diagnostic) -> CrossTable {
        guard let table else { throw Diagnostic("no dataset is loaded") }
        let kept = keptRows ?? Array(0..<table.rowCount)
        var rows = kept
        if onlyLevelsCounted {
            let used = [a, b].compactMap { $0 }.compactMap { table.column(named: $0) }
            rows = kept.filter { r in used.allSatisfy { !$0.isMissing(r) } }
        }
        let first = try categories(a, rows: rows)
        guard let b else {
            var counts = [[Int]](repeating: [0], count: first.levels.count)
            var missing = 0
            for code in first.codes { if code < 0 { missing += 1 } else { counts[code][0] += 1 } }
            return CrossTable(rowName: a, columnName: nil, rowLevels: first.levels, columnLevels: ["n"], counts: counts, missing: missing)
        }
        let second = try categories(b, rows: rows)
        var counts = [[Int]](repeating: [Int](repeating: 0, count: second.levels.count), count: first.levels.count)
        var missing = kept.count - rows.count
        for (x, y) in zip(first.codes, second.codes) {
            if x < 0 || y < 0 { missing += 1 } else { counts[x][y] += 1 }
        }
        return CrossTable(rowName: a, columnName: b, rowLevels: first.levels, columnLevels: second.levels, counts: counts, missing: missing)
    }

    func tabulate(_ a: String, by b: String?) throws(Diagnostic) -> Report {
        .tabulate(try crossTable(a, by: b))
    }

    func chisq(_ a: String, by b: String, correct: Bool) throws(Diagnostic) -> Report {
        // As for Fisher's test: a level seen only beside a missing value would be an empty row, which makes
        // R's chisq.test answer NaN; it is left out of the table tested and shown.
        let table = try crossTable(a, by: b, onlyLevelsCounted: true)
        guard table.rowLevels.count >= 2, table.columnLevels.count >= 2 else {
            throw Diagnostic("the chi-square test needs at least two values in each column; '\(table.rowLevels.count < 2 ? a : b)' has one in the kept rows")
        }
        do {
            let result = try PearsonChiSquare.test(table.counts, yates: correct)
            let corrected = correct && table.rowLevels.count == 2 && table.columnLevels.count == 2
            return .chisq(ChiSquareReport(table: table, result: result, corrected: corrected))
        } catch {
            throw Self.diagnostic(error)
        }
    }

    func fisher(_ a: String, by b: String) throws(Diagnostic) -> Report {
        // An all-zero row adds nothing to the exact test (R's fisher.test answers with it), so the table tested
        // and shown leaves out levels that occur only in rows dropped for a missing value.
        let table = try crossTable(a, by: b, onlyLevelsCounted: true)
        guard table.rowLevels.count >= 2, table.columnLevels.count >= 2 else {
            throw Diagnostic("Fisher's test needs at least two values in each column; '\(table.rowLevels.count < 2 ? a : b)' has one in the kept rows")
        }
        do {
            let result = try FisherExact.test(table.counts, level: settings.level)
            return .fisher(FisherReport(table: table, result: result, level: settings.level))
        } catch {
            throw Self.fisherRefusal(Self.diagnostic(error), a, by: b)
        }
    }

    /// The core says "use a chi-square test" without knowing the columns; the hint names the command that does it.
    static func fisherRefusal(_ refusal: Diagnostic, _ a: String, by b: String) -> Diagnostic {
        guard let hint = refusal.hint, hint.contains("chi-square") else { return refusal }
        var named = refusal
        let command = "chisq \(NameSyntax.written(a)) by \(NameSyntax.written(b))"
        named.hint = "use the chi-square test instead: \(command)" + (hint.contains("merge") ? ", or merge sparse levels into fewer categories" : "")
        return named
    }
}
