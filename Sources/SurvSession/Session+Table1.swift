import SurvCore
import SurvData
import SurvLanguage
import SurvResults

/// `table1`: the table a clinical paper opens with, over the kept rows, as gtsummary's `tbl_summary()` with
/// `add_p()` lays it out: a number with 10 or more distinct values as its median, quartiles and range, any
/// other column as counts per level; with `by`, a p-value per row from the test gtsummary picks.
extension Session {
    /// Fewer distinct values than this and a number is read as categories (a score, a stage, a 0/1 flag).
    static let table1DistinctForNumbers = 10

    func table1(_ variables: [String], by: String?, overall: Bool) throws(Diagnostic) -> Report {
        guard let table else { throw Diagnostic("no dataset is loaded") }
        let kept = keptRows ?? Array(0..<table.rowCount)
        // The rows of each column of the table: the groups of `by` (rows where it is missing are left out,
        // as gtsummary leaves them out), then All.
        var columns: [(label: String, rows: [Int])] = []
        var missingGroup = 0
        if let by {
            let (codes, levels) = try categories(by, rows: kept)
            var members = [[Int]](repeating: [], count: levels.count)
            for (row, code) in zip(kept, codes) {
                if code >= 0 && code < members.count { members[code].append(row) } else { missingGroup += 1 }
            }
            columns = zip(levels, members).map { ("\(by)=\($0)", $1) }
            if overall { columns.append(("All", members.flatMap { $0 }.sorted())) }
        } else {
            columns = [("All", kept)]
        }
        let groupCount = by == nil ? 0 : columns.count - (overall ? 1 : 0)
        let analysed = Array(columns.prefix(max(groupCount, 1)).flatMap(\.rows)).sorted()
        // Each variable's row reads the table and nothing else: two at a time on a million rows. The first
        // variable (in the order typed) that cannot be summarised is the error, as if they ran in turn.
        var names = variables
        let rows = Concurrently.map(&names) { name -> Result<Table1Variable, Diagnostic> in
            do throws(Diagnostic) {
                return .success(try table1Variable(name, table: table, columns: columns, groupCount: groupCount,
                                                   analysed: analysed, overall: overall))
            } catch { return .failure(error) }
        }
        var out: [Table1Variable] = []
        for row in rows {
            switch row {
            case .success(let variable): out.append(variable)
            case .failure(let error): throw error
            }
        }
        return .table1(Table1Report(by: by, groups: columns.map { Table1Group(label: $0.label, n: $0.rows.count) }, variables: out,
                                    missingGroup: missingGroup))
    }

    /// One variable's row of the table: its summary per column and its test across the groups.
    private func table1Variable(_ name: String, table: DataTable, columns: [(label: String, rows: [Int])], groupCount: Int,
                                analysed: [Int], overall: Bool) throws(Diagnostic) -> Table1Variable {
        guard let column = table.column(named: name) else { throw Diagnostic("unknown column '\(name)'") }
        if column.dateStyle != nil {
            throw Diagnostic("'\(name)' holds dates; table1 summarises numbers and categories",
                             hint: "use the time from a date, e.g. let years = (last - \(NameSyntax.written(name))) / 365.25")
        }
        if case .number(let values, let missing) = column.data,
           Self.hasDistinctValues(Self.table1DistinctForNumbers, values, missing: missing, rows: analysed) {
            // One sort per group; All and the Kruskal–Wallis ranks come from merging them.
            let groupColumns = Array(columns.prefix(max(groupCount, 1)))
            let samples = groupColumns.map { c in c.rows.filter { !missing[$0] }.map { values[$0] } }
            let grouped = GroupedNumbers.summarize(samples, missing: zip(groupColumns, samples).map { $0.rows.count - $1.count })
            var summaries = grouped.groups
            if overall { summaries.append(grouped.all) }
            var (test, p): (Table1Test?, Double?) = (nil, nil)
            if groupCount > 2, let h = grouped.kruskalWallis { (test, p) = (.kruskal, h.p) }
            if groupCount == 2 { (test, p) = Self.table1NumericTest(samples) }
            return Table1Variable(name: name, label: column.label, summary: .numeric(summaries), test: test, p: p)
        } else {
            let (codes, levels) = try categories(name, rows: analysed)
            // By row number, not a dictionary: a million rows are counted in one pass each.
            var codeOf = [Int](repeating: -1, count: table.rowCount)
            for (row, code) in zip(analysed, codes) where row < codeOf.count { codeOf[row] = code }
            var counts = [[Int]](repeating: [Int](repeating: 0, count: columns.count), count: levels.count)
            var missing = [Int](repeating: 0, count: columns.count)
            for (j, c) in columns.enumerated() {
                for row in c.rows {
                    let code = row < codeOf.count ? codeOf[row] : -1
                    if code >= 0, code < levels.count { counts[code][j] += 1 } else { missing[j] += 1 }
                }
            }
            let present = columns.indices.map { j in counts.reduce(0) { $0 + $1[j] } }
            let rows = levels.indices.map { i in
                Table1Level(level: levels[i], counts: counts[i],
                            percents: columns.indices.map { j in present[j] > 0 ? 100 * Double(counts[i][j]) / Double(present[j]) : nil })
            }
            let (test, p) = Self.table1CategoricalTest(counts.map { Array($0.prefix(groupCount)) }, level: settings.level)
            return Table1Variable(name: name, label: column.label, summary: .categorical(levels: rows, missing: missing), test: test, p: p)
        }
    }

    /// Whether the column takes at least `count` distinct values over the rows: it stops at the count.
    static func hasDistinctValues(_ count: Int, _ values: [Double], missing: [Bool], rows: [Int]) -> Bool {
        var seen = Set<Double>()
        for row in rows where row < values.count && !missing[row] {
            if seen.insert(values[row]).inserted, seen.count >= count { return true }
        }
        return false
    }

    /// Wilcoxon rank-sum for two groups, Kruskal–Wallis for more; groups without a value take no part.
    static func table1NumericTest(_ samples: [[Double]]) -> (Table1Test?, Double?) {
        let groups = samples.filter { !$0.isEmpty }
        if groups.count == 2, let result = try? RankTests.wilcoxon(groups[0], groups[1]) { return (.wilcoxon, result.p) }
        guard groups.count > 2 else { return (nil, nil) }
        var values: [Double] = [], labels: [Int] = []
        for (g, sample) in groups.enumerated() {
            values += sample
            labels += [Int](repeating: g, count: sample.count)
        }
        return (try? RankTests.kruskalWallis(values: values, groups: labels)).map { (.kruskal, $0.p) } ?? (nil, nil)
    }

    /// Pearson's chi-square without continuity correction, or Fisher's exact test when an expected count is
    /// below 5 (gtsummary's rule); levels and groups with no one in them take no part. When the exact test
    /// is out of reach (a large sparse table), the chi-square test stands in and the row says so by its test.
    static func table1CategoricalTest(_ counts: [[Int]], level: Double) -> (Table1Test?, Double?) {
        let columnsUsed = (counts.first ?? []).indices.filter { j in counts.contains { $0[j] > 0 } }
        let table = counts.filter { $0.contains { $0 > 0 } }.map { row in columnsUsed.map { row[$0] } }
        guard table.count >= 2, columnsUsed.count >= 2 else { return (nil, nil) }
        let total = Double(table.reduce(0) { $0 + $1.reduce(0, +) })
        let rowSums = table.map { Double($0.reduce(0, +)) }
        let columnSums = columnsUsed.indices.map { j in Double(table.reduce(0) { $0 + $1[j] }) }
        let sparse = rowSums.contains { r in columnSums.contains { c in r * c / total < 5 } }
        if sparse, let fisher = try? FisherExact.test(table, level: level) { return (.fisher, fisher.p) }
        return (try? PearsonChiSquare.test(table, yates: false)).map { (.chisq, $0.statistic.p) } ?? (nil, nil)
    }
}
