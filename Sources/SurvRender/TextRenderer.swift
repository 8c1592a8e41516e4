import SurvCore

/// Renders reports as the plain text the REPL prints and notebooks store: deterministic, no colour,
/// fixed widths.
public struct TextRenderer: Sendable {
    public var format: NumberFormat

    public init(digits: Int = 3) {
        format = NumberFormat(digits: digits)
    }

    public func render(_ report: Report) -> String {
        switch report {
        case .message(let text), .help(let text): return text
        case .kaplanMeier(let r): return r.fullTable ? kaplanMeierTable(r) : kaplanMeier(r)
        case .logrank(let r): return logrank(r)
        case .cox(let r): return cox(r)
        case .coxNull(let r): return coxNull(r)
        case .phtest(let r): return phtest(r)
        case .followup(let r): return followup(r)
        case .describe(let columns): return describe(columns)
        case .tabulate(let t): return crossTable(t)
        case .fisher(let r): return fisher(r)
        case .restrictedMean(let r): return restrictedMean(r)
        case .chisq(let r): return chisq(r)
        case .wilcoxon(let r): return wilcoxon(r)
        case .kruskal(let r): return kruskal(r)
        case .state(let s): return state(s)
        }
    }

    // MARK: - Shared pieces

    func percent(_ level: Double) -> String { NumberFormat.percent(level) }

    func interval(_ lower: Double?, _ upper: Double?) -> String {
        "\(format.measure(lower))–\(format.measure(upper))"
    }

    func footer(_ c: Conventions, cox: Bool = false, survival: Bool = true) -> String {
        var parts = ["profile \(c.profile)"]
        if survival { parts.append("CI \(c.transform.rawValue) \(percent(c.level))") }
        if cox { parts.append("ties \(c.ties.rawValue)") ; parts.append("CI \(percent(c.level))") }
        return "conventions: " + parts.joined(separator: ", ")
    }

    func rowsLine(_ rows: RowAccounting) -> String? {
        rows.droppedMissing > 0 ? "\(rows.droppedMissing) row\(rows.droppedMissing == 1 ? "" : "s") dropped for missing values" : nil
    }

    // MARK: - Kaplan–Meier

    func kaplanMeier(_ r: KaplanMeierReport) -> String {
        var lines = ["Kaplan–Meier: \(r.endpoint)"]
        var summary = TextTable(["", "n", "events", "median", "\(percent(r.conventions.level)) CI"])
        for s in r.strata {
            let m = s.median
            summary.append([s.label, String(s.curve.n), format.measure(s.curve.events), format.measure(m.estimate), interval(m.lower, m.upper)])
        }
        lines.append(summary.rendered())
        if !r.times.isEmpty {
            var at = TextTable(["", "time", "at risk", "survival", "std err", "\(percent(r.conventions.level)) CI"])
            for s in r.strata {
                for (i, time) in r.times.enumerated() {
                    if i < s.at.count, let point = s.at[i] {
                        at.append([s.label, format.measure(time), format.measure(point.nRisk), format.fixed(point.surv, decimals: 3),
                                   format.fixed(point.stdErr, decimals: 4),
                                   "\(format.fixed(point.lower, decimals: 3))–\(format.fixed(point.upper, decimals: 3))"])
                    } else {
                        at.append([s.label, format.measure(time), "–", "beyond follow-up", "", ""])
                    }
                }
            }
            lines.append("")
            lines.append(at.rendered())
        }
        if !r.probabilities.isEmpty {
            // Labelled as R's quantile.survfit labels its columns: the probability of the event by that time.
            var quantiles = TextTable(["", "quantile", "time", "\(percent(r.conventions.level)) CI"])
            for s in r.strata {
                for (i, p) in r.probabilities.enumerated() {
                    let q = i < s.quantiles.count ? s.quantiles[i] : EstimateWithInterval(estimate: nil, lower: nil, upper: nil)
                    quantiles.append([s.label, format.measure(p), format.measure(q.estimate), interval(q.lower, q.upper)])
                }
            }
            lines.append("")
            lines.append(quantiles.rendered())
        }
        if let dropped = rowsLine(r.rows) { lines.append(dropped) }
        lines.append("NR = not reached. " + footer(r.conventions))
        return lines.joined(separator: "\n")
    }

    func kaplanMeierTable(_ r: KaplanMeierReport) -> String {
        var lines = ["Kaplan–Meier table: \(r.endpoint)"]
        for s in r.strata {
            if r.strata.count > 1 || !s.label.isEmpty { lines.append(""); lines.append(s.label) }
            var t = TextTable(["time", "at risk", "events", "censored", "survival", "std err", "\(percent(r.conventions.level)) CI"],
                              alignments: Array(repeating: .right, count: 7))
            let c = s.curve
            for i in c.time.indices {
                // summary.survfit's std.err is on the survival scale: S · se(log S).
                let se = c.surv[i] * c.stdErrLogSurv[i]
                t.append([format.measure(c.time[i]), format.measure(c.nRisk[i]), format.measure(c.nEvent[i]), format.measure(c.nCensor[i]),
                          format.fixed(c.surv[i], decimals: 3), format.fixed(se, decimals: 4),
                          "\(format.fixed(c.lower[i], decimals: 3))–\(format.fixed(c.upper[i], decimals: 3))"])
            }
            lines.append(t.rendered())
        }
        if let dropped = rowsLine(r.rows) { lines.append(dropped) }
        lines.append(footer(r.conventions))
        return lines.joined(separator: "\n")
    }

    // MARK: - Log-rank

    func logrank(_ r: LogRankReport) -> String {
        let name = r.test.rho == 0 ? "Log-rank test" : "Fleming–Harrington test, rho = \(format.measure(r.test.rho))" + (r.test.rho == 1 ? " (Peto–Peto)" : "")
        var lines = ["\(name): \(r.endpoint)"]
        var t = TextTable(["", "n", "observed", "expected", "(O-E)²/E"])
        for (i, g) in r.test.groups.enumerated() {
            let label = i < r.labels.count ? r.labels[i] : "group \(i + 1)"
            let contribution = g.expected > 0 ? (g.observed - g.expected) * (g.observed - g.expected) / g.expected : 0
            t.append([label, String(g.n), format.measure(g.observed), format.significant(g.expected), format.significant(contribution)])
        }
        lines.append(t.rendered())
        let s = r.test.statistic
        lines.append("chi-square = \(format.significant(s.chisq)) on \(format.measure(s.df)) df, p = \(format.pValue(s.p))")
        if let trend = r.trend {
            let scores = trend.scores.map { format.measure($0) }.joined(separator: ", ")
            lines.append("trend (scores \(scores)): chi-square = \(format.significant(trend.statistic.chisq)) on 1 df, p = \(format.pValue(trend.statistic.p))")
        }
        if let dropped = rowsLine(r.rows) { lines.append(dropped) }
        lines.append("conventions: profile \(r.conventions.profile)")
        return lines.joined(separator: "\n")
    }

    // MARK: - Cox

    func cox(_ r: CoxReport) -> String {
        let f = r.fit
        var lines = ["Cox proportional hazards: \(r.endpoint)" + (r.strataColumns.isEmpty ? "" : ", stratified by \(r.strataColumns.joined(separator: ", "))")]
        lines.append("n = \(f.n), events = \(f.events)")
        var t = TextTable(["", "coef", "HR", "\(percent(f.level)) CI", "se(coef)", "z", "p"])
        for c in f.coefficients {
            t.append([c.name, format.significant(c.coef), format.significant(c.hr), interval2(c.hrLower, c.hrUpper),
                      format.significant(c.se), format.fixed(c.z, decimals: 2), format.pValue(c.p)])
        }
        lines.append(t.rendered())
        lines.append("")
        func test(_ name: String, _ s: ChiSquareStatistic) -> String {
            "\(name) = \(format.significant(s.chisq)) on \(format.measure(s.df)) df, p = \(format.pValue(s.p))"
        }
        lines.append(test("likelihood ratio test", f.lrTest))
        lines.append(test("Wald test           ", f.waldTest))
        lines.append(test("score (log-rank)    ", f.scoreTest))
        lines.append("concordance = \(format.fixed(f.concordance, decimals: 3)) (se = \(format.fixed(f.concordanceStdErr, decimals: 3)))")
        for w in f.warnings { lines.append("warning: \(w.message)") }
        if let dropped = rowsLine(r.rows) { lines.append(dropped) }
        lines.append(footer(r.conventions, cox: true, survival: false))
        return lines.joined(separator: "\n")
    }

    func coxNull(_ r: CoxNullReport) -> String {
        var lines = ["Cox proportional hazards: \(r.endpoint)" + (r.strataColumns.isEmpty ? "" : ", stratified by \(r.strataColumns.joined(separator: ", "))")]
        lines.append("n = \(r.model.n), events = \(r.model.events)")
        lines.append("no terms: null model")
        lines.append("log-likelihood = \(format.fixed(r.model.loglik, decimals: 3))")
        if let dropped = rowsLine(r.rows) { lines.append(dropped) }
        lines.append(footer(r.conventions, cox: true, survival: false))
        return lines.joined(separator: "\n")
    }

    func interval2(_ lower: Double, _ upper: Double) -> String {
        "\(format.significant(lower))–\(format.significant(upper))"
    }

    func phtest(_ r: PHTestReport) -> String {
        var t = TextTable(["", "chisq", "df", "p"])
        for term in r.test.terms {
            t.append([term.name, format.significant(term.chisq), format.measure(term.df), format.pValue(term.p)])
        }
        t.append(["GLOBAL", format.significant(r.test.global.chisq), format.measure(r.test.global.df), format.pValue(r.test.global.p)])
        var lines = ["Proportional-hazards test (scaled Schoenfeld residuals, \(r.test.transform) time)"]
        if let model = r.model {
            let size = r.n.flatMap { n in r.events.map { " (n = \(n), events = \($0))" } } ?? ""
            lines.append("model: \(model)\(size)")
        }
        lines.append(t.rendered())
        lines.append("conventions: profile \(r.conventions.profile), ties \(r.conventions.ties.rawValue)")
        return lines.joined(separator: "\n")
    }

    // MARK: - Follow-up

    func followup(_ r: FollowupReport) -> String {
        var t = TextTable(["", "n", "median follow-up", "\(percent(r.conventions.level)) CI"])
        for s in r.strata {
            t.append([s.label, String(s.n), format.measure(s.median.estimate), interval(s.median.lower, s.median.upper)])
        }
        var lines = ["Median follow-up (reverse Kaplan–Meier): \(r.endpoint)", t.rendered()]
        if let dropped = rowsLine(r.rows) { lines.append(dropped) }
        lines.append(footer(r.conventions))
        return lines.joined(separator: "\n")
    }

    // MARK: - Describing data

    func describe(_ columns: [ColumnDescription]) -> String {
        var numeric = TextTable(["", "n", "missing", "mean", "sd", "median", "IQR", "range"])
        var blocks: [String] = []
        var hasNumeric = false
        for column in columns {
            switch column {
            case .numeric(let name, let s):
                hasNumeric = true
                // A summary that does not exist (no values, or one value's sd) is NA, as R prints it.
                func value(_ x: Double?, _ show: (Double?) -> String) -> String { x == nil ? "NA" : show(x) }
                func range(_ a: Double?, _ b: Double?) -> String {
                    a == nil || b == nil ? "NA" : "\(format.measure(a))–\(format.measure(b))"
                }
                numeric.append([name, String(s.n), String(s.missing), value(s.mean, format.significant), value(s.sd, format.significant),
                                value(s.median, format.measure), range(s.q1, s.q3), range(s.min, s.max)])
            case .categorical(let name, let counts, let missing):
                var t = TextTable([name, "n", "%"])
                for c in counts { t.append([c.level, String(c.count), c.percent.map { format.fixed($0, decimals: 1) } ?? ""]) }
                if missing > 0 { t.append(["(missing)", String(missing), ""]) }
                blocks.append(t.rendered())
            }
        }
        return ((hasNumeric ? [numeric.rendered()] : []) + blocks).joined(separator: "\n\n")
    }

    func crossTable(_ t: CrossTable) -> String {
        var lines: [String] = []
        if let columnName = t.columnName {
            var table = TextTable(["\(t.rowName) \\ \(columnName)"] + t.columnLevels + ["total"])
            for (i, level) in t.rowLevels.enumerated() {
                let row = t.counts[i]
                table.append([level] + row.map(String.init) + [String(row.reduce(0, +))])
            }
            let totals = t.columnLevels.indices.map { j in t.counts.reduce(0) { $0 + $1[j] } }
            table.append(["total"] + totals.map(String.init) + [String(totals.reduce(0, +))])
            lines.append(table.rendered())
        } else {
            var table = TextTable([t.rowName, "n", "%"])
            let total = t.counts.reduce(0) { $0 + ($1.first ?? 0) }
            for (i, level) in t.rowLevels.enumerated() {
                let n = t.counts[i].first ?? 0
                table.append([level, String(n), format.fixed(total > 0 ? 100 * Double(n) / Double(total) : 0, decimals: 1)])
            }
            table.append(["total", String(total), total > 0 ? "100.0" : ""])
            lines.append(table.rendered())
        }
        if t.missing > 0 { lines.append("\(t.missing) row\(t.missing == 1 ? "" : "s") with a missing value not counted") }
        return lines.joined(separator: "\n")
    }

    func fisher(_ r: FisherReport) -> String {
        var lines = [crossTable(r.table), "Fisher's exact test: p = \(format.pValue(r.result.p))"]
        if let or = r.result.oddsRatio {
            lines.append("odds ratio (conditional MLE) = \(format.significant(or)), \(percent(r.level)) CI \(format.significant(r.result.oddsRatioLower))–\(format.significant(r.result.oddsRatioUpper))")
        }
        return lines.joined(separator: "\n")
    }

    func state(_ s: StateReport) -> String {
        var t = TextTable(["", ""], alignments: [.left, .left])
        t.append(["dataset", s.dataset.map { "\($0) (\(s.rows) rows)" } ?? "none"])
        t.append(["rows kept", s.filters.isEmpty ? "\(s.kept) (no filter)" : "\(s.kept) of \(s.rows)"])
        for f in s.filters { t.append(["where", f]) }
        t.append(["endpoint", s.endpoint ?? "none"])
        let named = s.endpoints.filter { !$0.contains(",") }
        if !named.isEmpty { t.append(["endpoints", named.joined(separator: ", ")]) }
        t.append(["strata", s.strata.isEmpty ? "none" : s.strata.joined(separator: ", ")])
        if !s.references.isEmpty {
            t.append(["reference", s.references.map { "\($0.column)=\($0.level)" }.joined(separator: ", ")])
        }
        t.append(["profile", s.conventions.profile])
        t.append(["ci", "\(s.conventions.transform.rawValue), level \(format.measure(s.conventions.level))"])
        t.append(["ties", s.conventions.ties.rawValue])
        t.append(["digits", String(s.digits)])
        return t.rendered()
    }
}
