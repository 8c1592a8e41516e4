import SurvCore
import SurvData

/// Computes targets on one data table, with the conventions the paper's software (Stata 16) used:
/// log-log confidence limits at 95%, the smallest-time rule for medians, Breslow ties, Wald P values,
/// two-sided exact tests. A curve, test or model shared by several targets is computed once.
public final class TargetEvaluator {
    public let table: DataTable
    private var rowsCache: [String: [Int]] = [:]
    private var curveCache: [String: KaplanMeierCurve] = [:]
    private var coxCache: [String: CoxFit] = [:]

    /// The confidence transform of Kaplan–Meier limits and median intervals (Stata's `sts list` default).
    public static let transform = ConfidenceTransform.logLog

    public init(table: DataTable) {
        self.table = table
    }

    public func compute(_ target: Target) throws(TargetsError) -> ComputedValue {
        let rows = try self.rows(target.population)
        switch target.statistic {
        case .rows:
            let kept = Set(try self.rows(target.condition))
            return ComputedValue(value: Double(rows.filter { kept.contains($0) }.count))
        case .percent:
            guard !rows.isEmpty else { throw TargetsError("\(target.id): the population has no rows") }
            let kept = Set(try self.rows(target.condition))
            return ComputedValue(value: 100 * Double(rows.filter { kept.contains($0) }.count) / Double(rows.count))
        case .median, .min, .max:
            let values = try numbers(target.variable, rows: rows).compactMap { $0 }.sorted()
            guard let first = values.first, let last = values.last else {
                throw TargetsError("\(target.id): '\(target.variable)' has no values in the population")
            }
            switch target.statistic {
            case .min: return ComputedValue(value: first)
            case .max: return ComputedValue(value: last)
            default: return ComputedValue(value: Descriptive.quantile(values, 0.5))
            }
        case .fisherP:
            let (variable, groups) = try crossed(target, rows: rows)
            let levels = Array(Set(variable)).sorted(), groupLevels = Array(Set(groups)).sorted()
            var counts = [[Int]](repeating: [Int](repeating: 0, count: groupLevels.count), count: levels.count)
            for (v, g) in zip(variable, groups) {
                guard let i = levels.firstIndex(of: v), let j = groupLevels.firstIndex(of: g) else { continue }
                counts[i][j] += 1
            }
            return ComputedValue(value: try core(target) { try FisherExact.test(counts).p })
        case .kruskalP, .wilcoxonP:
            let values = try numbers(target.variable, rows: rows)
            let groups = try grouping(target.by, rows: rows)
            var x: [Double] = [], g: [Int] = []
            for (value, group) in zip(values, groups) {
                guard let value, let group else { continue }
                x.append(value)
                g.append(group)
            }
            if target.statistic == .kruskalP {
                return ComputedValue(value: try core(target) { try RankTests.kruskalWallis(values: x, groups: g).p })
            }
            let codes = Array(Set(g)).sorted()
            guard codes.count == 2 else { throw TargetsError("\(target.id): the Wilcoxon test needs exactly two groups") }
            let first = zip(x, g).filter { $0.1 == codes[0] }.map(\.0), second = zip(x, g).filter { $0.1 == codes[1] }.map(\.0)
            return ComputedValue(value: try core(target) { try RankTests.wilcoxon(first, second).p })
        case .km, .kmLower, .kmUpper, .kmLast:
            let curve = try self.curve(target, rows: rows, reverse: false)
            if target.statistic == .kmLast { return ComputedValue(value: curve.surv.last.map { 100 * $0 }) }
            guard let at = target.at else { throw TargetsError("\(target.id): a Kaplan–Meier estimate needs a time (at)") }
            let margin = (curve.time.last ?? 0) - at
            guard let read = curve.summary(at: [at]).first, let estimate = read else {
                return ComputedValue(value: nil, margin: margin)
            }
            let value: Double?
            switch target.statistic {
            case .km: value = estimate.surv
            case .kmLower: value = estimate.lower
            default: value = estimate.upper
            }
            return ComputedValue(value: value.map { 100 * $0 }, margin: margin)
        case .kmMedian, .kmMedianLower, .kmMedianUpper:
            let curve = try self.curve(target, rows: rows, reverse: false)
            let median = curve.quantile(0.5, rule: .smallestTime)
            let band: [Double?]
            let value: Double?
            switch target.statistic {
            case .kmMedian: band = curve.surv; value = median.estimate
            case .kmMedianLower: band = curve.lower; value = median.lower
            default: band = curve.upper; value = median.upper
            }
            let lowest = band.compactMap { $0 }.min() ?? 1
            let touchesHalf = curve.surv.contains { abs($0 - 0.5) < 1e-9 }
            return ComputedValue(value: value, margin: lowest - 0.5, touchesHalf: touchesHalf)
        case .followup, .followupLower, .followupUpper:
            let curve = try self.curve(target, rows: rows, reverse: true)
            let median = curve.quantile(0.5, rule: .smallestTime)
            let months: Double?
            switch target.statistic {
            case .followup: months = median.estimate
            case .followupLower: months = median.lower
            default: months = median.upper
            }
            return ComputedValue(value: months.map { $0 / 12 })
        case .logrankP:
            let (time, event, kept) = try outcome(target.endpoint, rows: rows)
            let groups = try grouping(target.by, rows: kept)
            var t: [Double] = [], e: [Bool] = [], g: [Int] = []
            for i in kept.indices {
                guard let group = groups[i] else { continue }
                t.append(time[i]); e.append(event[i]); g.append(group)
            }
            let codes = Array(Set(g)).sorted()
            let dense = g.map { code in codes.firstIndex(of: code) ?? 0 }
            return ComputedValue(value: try core(target) {
                try LogRankTest.compute(time: t, event: e, group: dense, groupCount: codes.count).statistic.p
            })
        case .coxHR, .coxLower, .coxUpper, .coxP:
            let fit = try cox(target, rows: rows)
            guard let coefficient = fit.coefficients.first(where: { $0.name == target.variable }) else {
                throw TargetsError("\(target.id): the model has no term '\(target.variable)'")
            }
            switch target.statistic {
            case .coxHR: return ComputedValue(value: coefficient.hr)
            case .coxLower: return ComputedValue(value: coefficient.hrLower)
            case .coxUpper: return ComputedValue(value: coefficient.hrUpper)
            default: return ComputedValue(value: coefficient.p)
            }
        }
    }

    // MARK: - Rows and columns

    func rows(_ filter: RowFilter) throws(TargetsError) -> [Int] {
        if let cached = rowsCache[filter.description] { return cached }
        let rows = try filter.rows(in: table)
        rowsCache[filter.description] = rows
        return rows
    }

    private func column(_ name: String) throws(TargetsError) -> Column {
        guard let column = table.column(named: name) else { throw TargetsError("no column named '\(name)'") }
        return column
    }

    private func numbers(_ name: String, rows: [Int]) throws(TargetsError) -> [Double?] {
        let column = try self.column(name)
        guard column.kind == .number else { throw TargetsError("'\(name)' is not numeric") }
        return rows.map { column.number(at: $0) }
    }

    /// Each row's group: a column's distinct values, or 1/0 for a condition. Missing stays nil.
    private func grouping(_ by: String, rows: [Int]) throws(TargetsError) -> [Int?] {
        if RowFilter.isCondition(by) {
            let filter = try RowFilter(by)
            let kept = Set(try self.rows(filter))
            // The condition cannot be judged where one of its columns is missing.
            var judged = Set(rows)
            for clause in filter.clauses {
                let column = try self.column(clause.column)
                judged = judged.filter { !column.isMissing($0) }
            }
            return rows.map { judged.contains($0) ? (kept.contains($0) ? 1 : 0) : nil }
        }
        let column = try self.column(by)
        switch column.kind {
        case .number:
            return rows.map { row in column.number(at: row).map { Int(($0 * 1000).rounded()) } }
        case .text:
            let levels = Array(Set(rows.compactMap { column.text(at: $0) })).sorted()
            return rows.map { row in column.text(at: row).flatMap { levels.firstIndex(of: $0) } }
        }
    }

    /// The variable's categories and the groups, on the rows where both are known.
    private func crossed(_ target: Target, rows: [Int]) throws(TargetsError) -> ([String], [Int]) {
        let column = try self.column(target.variable)
        let groups = try grouping(target.by, rows: rows)
        var variable: [String] = [], kept: [Int] = []
        for (row, group) in zip(rows, groups) {
            guard let group, !column.isMissing(row) else { continue }
            let text = column.text(at: row) ?? column.number(at: row).map { "\($0)" } ?? ""
            variable.append(text)
            kept.append(group)
        }
        return (variable, kept)
    }

    /// Time and event of an endpoint on the rows where both are known (the rows kept, in order, too).
    private func outcome(_ endpoint: String, rows: [Int]) throws(TargetsError) -> ([Double], [Bool], [Int]) {
        guard !endpoint.isEmpty else { throw TargetsError("a survival statistic needs an endpoint") }
        let time = try self.column(endpoint + "_months"), event = try self.column(endpoint + "_event")
        var t: [Double] = [], e: [Bool] = [], kept: [Int] = []
        for row in rows {
            guard let ti = time.number(at: row), let ei = event.number(at: row) else { continue }
            t.append(ti); e.append(ei != 0); kept.append(row)
        }
        return (t, e, kept)
    }

    private func curve(_ target: Target, rows: [Int], reverse: Bool) throws(TargetsError) -> KaplanMeierCurve {
        let key = "\(reverse)|\(target.endpoint)|\(target.population.description)"
        if let cached = curveCache[key] { return cached }
        let (time, event, _) = try outcome(target.endpoint, rows: rows)
        let curve = try core(target) {
            reverse ? try KaplanMeierCurve.reverse(time: time, event: event, transform: Self.transform)
                : try KaplanMeierCurve.fit(time: time, event: event, transform: Self.transform)
        }
        curveCache[key] = curve
        return curve
    }

    private func cox(_ target: Target, rows: [Int]) throws(TargetsError) -> CoxFit {
        let key = "\(target.endpoint)|\(target.population.description)|\(target.by)"
        if let cached = coxCache[key] { return cached }
        let terms = target.by.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }
        let (time, event, kept) = try outcome(target.endpoint, rows: rows)
        let columns = try terms.map { name throws(TargetsError) in try numbers(name, rows: kept) }
        var t: [Double] = [], e: [Bool] = [], x = [[Double]](repeating: [], count: terms.count)
        for i in kept.indices {
            guard columns.allSatisfy({ $0[i] != nil }) else { continue }
            t.append(time[i]); e.append(event[i])
            for j in terms.indices { x[j].append(columns[j][i] ?? 0) }
        }
        let fit = try core(target) {
            try CoxFit.fit(CoxModelInput(time: t, event: e, covariates: x, columnNames: terms, ties: .breslow))
        }
        coxCache[key] = fit
        return fit
    }

    private func core<T>(_ target: Target, _ body: () throws -> T) throws(TargetsError) -> T {
        do { return try body() } catch { throw TargetsError("\(target.id): \(error)") }
    }
}
