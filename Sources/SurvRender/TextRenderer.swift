import SurvCore
import SurvResults

/// Renders reports as the plain text the REPL prints and notebooks store: deterministic, no colour,
/// fixed widths.
public struct TextRenderer: Sendable {
    public var format: NumberFormat
    /// How figures are drawn: their width (the terminal's at the prompt, fixed in notebooks), ASCII or
    /// braille, colour or not.
    public var figures: TerminalFigureStyle
    /// Set by the HTML renderer: tables are handed to it, and stand in the text as a line it recognises,
    /// so a page's tables come from the very layout the terminal shows.
    var tableSink: TableSink?

    public init(digits: Int = 3, figures: TerminalFigureStyle = TerminalFigureStyle()) {
        format = NumberFormat(digits: digits)
        var style = figures
        style.digits = digits
        self.figures = style
    }

    public func render(_ report: Report) -> String {
        switch report {
        case .message(let text): return text
        case .help(let r): return help(r)
        case .figure(let r): return figure(r)
        case .table1(let r): return table1(r)
        case .expect(let r): return expect(r)
        case .cumulativeIncidence(let r): return cumulativeIncidence(r)
        case .fineGray(let r): return fineGray(r)
        case .landmark(let r): return landmark(r)
        case .split(let r): return split(r)
        case .censor(let r): return censor(r)
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
        case .columns(let r): return columns(r)
        case .about(let r): return about(r)
        }
    }

    // MARK: - Shared pieces

    func percent(_ level: Double) -> String { NumberFormat.percent(level) }

    /// A median's or quantile's interval: a limit the curve does not reach is NR.
    func timeInterval(_ q: EstimateWithInterval) -> String {
        let lower = q.lower.map(format.data) ?? (q.lowerUndefined ? NumberFormat.missing : NumberFormat.notReached)
        let upper = q.upper.map(format.data) ?? (q.upperUndefined ? NumberFormat.missing : NumberFormat.notReached)
        return format.interval(lower: lower, upper: upper, negative: (q.lower ?? 0) < 0 || (q.upper ?? 0) < 0)
    }

    /// The legend under a table of medians or quantiles: NR always (the word is in the median column too),
    /// NA only when a limit was undefined.
    func quantileLegend(_ quantiles: [EstimateWithInterval]) -> String {
        let undefined = quantiles.contains { $0.lowerUndefined || $0.upperUndefined }
        return undefined ? "NR = not reached; NA = undefined: the confidence band ends where the curve reaches 0.\n"
            : "NR = not reached. "
    }

    /// A survival probability's interval: a limit that does not exist (S = 0) is NA, never NR.
    func survivalInterval(_ lower: Double?, _ upper: Double?) -> String {
        format.interval(lower, upper, format.probability)
    }

    /// A table's text, with a one-line note saying how to narrow it when it is wider than a terminal.
    func rendered(_ table: TextTable, narrowing hint: String) -> String {
        if let tableSink { return tableSink.placeholder(for: table) }
        let text = table.rendered()
        let widest = text.split(separator: "\n").map(\.count).max() ?? 0
        guard widest > TextWrap.width else { return text }
        return text + "\n" + TextWrap.wrap("note: this table is \(widest) columns wide; \(hint)", hanging: "  ")
    }

    /// Warnings are prose: wrapped at word boundaries, the continuation indented under the message.
    func warning(_ message: String) -> String {
        TextWrap.wrap("warning: \(message)", hanging: "         ")
    }

    func footer(_ c: Conventions, cox: Bool = false, survival: Bool = true) -> String {
        var parts = ["profile \(c.profile)"]
        if survival { parts.append("CI \(c.transform.rawValue) \(percent(c.level))") }
        if cox { parts.append("ties \(c.ties.rawValue)") ; parts.append("CI \(percent(c.level))") }
        return "conventions: " + parts.joined(separator: ", ")
    }

    func rowsLine(_ rows: RowAccounting) -> String? {
        rows.droppedMissing > 0 ? "\(NumberFormat.count(rows.droppedMissing, "row")) dropped for missing values" : nil
    }

    // MARK: - Kaplan–Meier

    func kaplanMeier(_ r: KaplanMeierReport) -> String {
        var lines = ["Kaplan–Meier: \(r.endpoint)"]
        var summary = TextTable(["", "n", "events", "median", "\(percent(r.conventions.level)) CI"])
        for s in r.strata {
            let m = s.median
            summary.append([s.label, String(s.curve.n), format.data(s.curve.events), format.reached(m.estimate), timeInterval(m)])
        }
        lines.append(rendered(summary, narrowing: Self.shorterLabels))
        if !r.times.isEmpty && r.wide {
            lines.append("")
            lines.append(kaplanMeierWide(r))
        } else if !r.times.isEmpty {
            var beyondFollowUp = false
            var at = TextTable(["", "time", "at risk", "survival", "std err", "\(percent(r.conventions.level)) CI"])
            for s in r.strata {
                for (i, time) in r.times.enumerated() {
                    if i < s.at.count, let point = s.at[i] {
                        at.append([s.label, format.data(time), format.data(point.nRisk), format.probability(point.surv),
                                   format.probabilityStdErr(point.stdErr), survivalInterval(point.lower, point.upper)])
                    } else {
                        // Each column keeps its own kind of entry, so the table stays aligned; a footnote says why.
                        at.append([s.label, format.data(time), "–", "–", "–", "–"])
                        beyondFollowUp = true
                    }
                }
            }
            lines.append("")
            lines.append(rendered(at, narrowing: Self.shorterLabels))
            if beyondFollowUp { lines.append("– = beyond the stratum's follow-up") }
        }
        if !r.probabilities.isEmpty {
            // Labelled as R's quantile.survfit labels its columns: the probability of the event by that time.
            var quantiles = TextTable(["", "quantile", "time", "\(percent(r.conventions.level)) CI"])
            for s in r.strata {
                for (i, p) in r.probabilities.enumerated() {
                    let q = i < s.quantiles.count ? s.quantiles[i] : EstimateWithInterval(estimate: nil, lower: nil, upper: nil)
                    quantiles.append([s.label, format.data(p), format.reached(q.estimate), timeInterval(q)])
                }
            }
            lines.append("")
            lines.append(rendered(quantiles, narrowing: Self.shorterLabels))
        }
        if let dropped = rowsLine(r.rows) { lines.append(dropped) }
        if !r.censoredCompetingCauses.isEmpty {
            lines.append(TextWrap.wrap("naive estimate: competing causes (\(r.censoredCompetingCauses.joined(separator: ", "))) are treated as "
                                       + "censored, so 1 − S overstates the incidence of the event; cuminc estimates it"))
        }
        lines.append(quantileLegend(r.strata.map(\.median) + r.strata.flatMap(\.quantiles)) + footer(r.conventions))
        return lines.joined(separator: "\n")
    }

    /// `km at T, ... wide`: the table papers print, one row per stratum and one column per time, each cell
    /// `survival (lower–upper)`; a time past a stratum's follow-up is `–`.
    func kaplanMeierWide(_ r: KaplanMeierReport) -> String {
        // The corner names what the cells hold, so a pasted table carries its own caption.
        var t = TextTable(["survival (\(percent(r.conventions.level)) CI)"] + r.times.map { "time \(format.data($0))" })
        for s in r.strata {
            t.append([s.label] + r.times.indices.map { i in
                guard i < s.at.count, let point = s.at[i] else { return "–" }
                return "\(format.probability(point.surv)) (\(survivalInterval(point.lower, point.upper)))"
            })
        }
        return rendered(t, narrowing: "fewer times, or km at T, ... without wide (one row per time), narrows it")
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
                t.append([format.data(c.time[i]), format.data(c.nRisk[i]), format.data(c.nEvent[i]), format.data(c.nCensor[i]),
                          format.probability(c.surv[i]), format.probabilityStdErr(se), survivalInterval(c.lower[i], c.upper[i])])
            }
            lines.append(rendered(t, narrowing: "set digits 2 narrows it"))
        }
        if let dropped = rowsLine(r.rows) { lines.append(dropped) }
        lines.append(footer(r.conventions))
        return lines.joined(separator: "\n")
    }

    /// The hint of a table whose rows are strata.
    static let shorterLabels = "fewer strata or shorter level names (let) narrow it"

    // MARK: - Log-rank

    func logrank(_ r: LogRankReport) -> String {
        let name = r.test.rho == 0 ? "Log-rank test" : "Fleming–Harrington test, rho = \(format.data(r.test.rho))" + (r.test.rho == 1 ? " (Peto–Peto)" : "")
        var lines = ["\(name): \(r.endpoint)"]
        var t = TextTable(["", "n", "observed", "expected", "(O-E)²/E"])
        for (i, g) in r.test.groups.enumerated() {
            let label = i < r.labels.count ? r.labels[i] : "group \(i + 1)"
            let contribution = g.expected > 0 ? (g.observed - g.expected) * (g.observed - g.expected) / g.expected : 0
            // Observed is a count for the log-rank test, but a weighted sum (an estimate) for rho ≠ 0.
            let observed = g.observed == g.observed.rounded() ? format.data(g.observed) : format.estimate(g.observed)
            t.append([label, String(g.n), observed, format.estimate(g.expected), format.estimate(contribution)])
        }
        lines.append(rendered(t, narrowing: Self.shorterLabels))
        let s = r.test.statistic
        let ps = format.pValues([s.p, r.trend?.statistic.p])
        lines.append("chi-square = \(format.estimate(s.chisq)) on \(format.data(s.df)) df, \(format.pClause(ps[0]))")
        if let trend = r.trend {
            let scores = trend.scores.map { format.data($0) }.joined(separator: ", ")
            lines.append("trend (scores \(scores)): chi-square = \(format.estimate(trend.statistic.chisq)) on 1 df, \(format.pClause(ps[1]))")
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
        // With cluster(), R adds the robust se beside the model-based one and bases z, p and the interval on it.
        let robust = f.coefficients.contains { $0.robustSE != nil }
        var t = TextTable(["", "coef", "HR", "\(percent(f.level)) CI", "se(coef)"] + (robust ? ["robust se"] : []) + ["z", "p"])
        let ps = format.pValues(f.coefficients.map(\.p))
        for (c, p) in zip(f.coefficients, ps) {
            t.append([c.name, format.estimate(c.coef), format.estimate(c.hr), format.interval(c.hrLower, c.hrUpper, format.estimate),
                      format.estimate(c.se)] + (robust ? [c.robustSE.map(format.estimate) ?? NumberFormat.missing] : [])
                     + [format.zScore(c.z), p])
        }
        lines.append(rendered(t, narrowing: "shorter column names (let) narrow it"))
        lines.append("")
        let tests = format.pValues([f.lrTest.p, f.waldTest.p, f.scoreTest.p])
        func test(_ name: String, _ s: ChiSquareStatistic, _ p: String) -> String {
            "\(name) = \(format.estimate(s.chisq)) on \(format.data(s.df)) df, \(format.pClause(p))"
        }
        lines.append(test("likelihood ratio test", f.lrTest, tests[0]))
        lines.append(test(robust ? "robust Wald test    " : "Wald test           ", f.waldTest, tests[1]))
        lines.append(test("score (log-rank)    ", f.scoreTest, tests[2]))
        lines.append("concordance = \(format.probability(f.concordance))"
                     + (f.concordanceStdErr.isFinite ? " (se = \(format.probability(f.concordanceStdErr)))" : ""))
        if let cluster = r.cluster {
            lines.append("robust se from cluster(\(cluster)); the likelihood ratio and score tests assume independent rows")
        }
        for w in f.warnings { lines.append(warning(w.message)) }
        if let dropped = rowsLine(r.rows) { lines.append(dropped) }
        lines.append(footer(r.conventions, cox: true, survival: false))
        return lines.joined(separator: "\n")
    }

    func coxNull(_ r: CoxNullReport) -> String {
        var lines = ["Cox proportional hazards: \(r.endpoint)" + (r.strataColumns.isEmpty ? "" : ", stratified by \(r.strataColumns.joined(separator: ", "))")]
        lines.append("n = \(r.model.n), events = \(r.model.events)")
        lines.append("no terms: null model")
        lines.append("log-likelihood = \(format.decimals(r.model.loglik, format.digits))")
        if let dropped = rowsLine(r.rows) { lines.append(dropped) }
        lines.append(footer(r.conventions, cox: true, survival: false))
        return lines.joined(separator: "\n")
    }

    func phtest(_ r: PHTestReport) -> String {
        var t = TextTable(["", "chisq", "df", "p"])
        let ps = format.pValues(r.test.terms.map(\.p) + [r.test.global.p])
        for (term, p) in zip(r.test.terms, ps) {
            t.append([term.name, format.estimate(term.chisq), format.data(term.df), p])
        }
        t.append(["GLOBAL", format.estimate(r.test.global.chisq), format.data(r.test.global.df), ps[ps.count - 1]])
        var lines = ["Proportional-hazards test (scaled Schoenfeld residuals, \(r.test.transform) time)"]
        if let model = r.model {
            let size = r.n.flatMap { n in r.events.map { " (n = \(n), events = \($0))" } } ?? ""
            lines.append("model: \(model)\(size)")
        }
        lines.append(rendered(t, narrowing: "shorter column names (let) narrow it"))
        lines.append("conventions: profile \(r.conventions.profile), ties \(r.conventions.ties.rawValue)")
        return lines.joined(separator: "\n")
    }

    // MARK: - Follow-up

    func followup(_ r: FollowupReport) -> String {
        var t = TextTable(["", "n", "median follow-up", "\(percent(r.conventions.level)) CI"])
        for s in r.strata {
            t.append([s.label, String(s.n), format.reached(s.median.estimate), timeInterval(s.median)])
        }
        var lines = ["Median follow-up (reverse Kaplan–Meier): \(r.endpoint)", rendered(t, narrowing: Self.shorterLabels)]
        if let dropped = rowsLine(r.rows) { lines.append(dropped) }
        let medians = r.strata.map(\.median)
        let anyMissing = medians.contains { $0.estimate == nil || $0.lower == nil || $0.upper == nil }
        lines.append((anyMissing ? quantileLegend(medians) : "") + footer(r.conventions))
        return lines.joined(separator: "\n")
    }

    // MARK: - Describing data

    func describe(_ columns: [ColumnDescription]) -> String {
        // A variable label (from a Stata, SPSS or SAS file) is the last column, present only when one exists.
        let labelled = columns.contains { if case .numeric(_, _, let label?) = $0 { return !label.isEmpty } else { return false } }
        var numeric = TextTable(["", "n", "missing", "mean", "sd", "median", "IQR", "range"] + (labelled ? ["label"] : []),
                                alignments: [.left] + Array(repeating: .right, count: 7) + (labelled ? [.left] : []))
        var blocks: [String] = []
        var hasNumeric = false
        let datesLabelled = columns.contains { if case .date(_, _, let label?, _) = $0 { return !label.isEmpty } else { return false } }
        var dates = TextTable(["", "n", "missing", "min", "median", "max"] + (datesLabelled ? ["label"] : []),
                              alignments: [.left, .right, .right, .right, .right, .right] + (datesLabelled ? [.left] : []))
        var hasDates = false
        for column in columns {
            switch column {
            case .date(let name, let s, let label, let withTime):
                hasDates = true
                func show(_ days: Double?) -> String {
                    days.flatMap { CalendarDate.text(days: $0, withTime: withTime) } ?? NumberFormat.missing
                }
                dates.append([name, String(s.n), String(s.missing), show(s.min), show(s.median), show(s.max)] + (datesLabelled ? [label ?? ""] : []))
            case .numeric(let name, let s, let label):
                hasNumeric = true
                // A summary that does not exist (no values, or one value's sd) is NA, as R prints it. The mean
                // and sd are estimates; the median, quartiles and range are values of the data.
                func range(_ a: Double?, _ b: Double?) -> String {
                    a == nil || b == nil ? NumberFormat.missing : format.interval(a, b, format.data)
                }
                numeric.append([name, String(s.n), String(s.missing), format.estimate(s.mean), format.estimate(s.sd),
                                format.data(s.median), range(s.q1, s.q3), range(s.min, s.max)] + (labelled ? [label ?? ""] : []))
            case .categorical(let name, let counts, let missing, let label):
                var t = TextTable([name, "n", "%"])
                for c in counts { t.append([c.level, String(c.count), c.percent.map { format.percentage($0) } ?? ""]) }
                if missing > 0 { t.append(["(missing)", String(missing), ""]) }
                let title = label.map { "\(name): \($0)\n" } ?? ""
                blocks.append(title + rendered(t, narrowing: "shorter levels narrow it"))
            }
        }
        let numericText = rendered(numeric, narrowing: "describing fewer columns at a time (describe a, b) narrows it")
        let datesText = rendered(dates, narrowing: "describing fewer columns at a time (describe a, b) narrows it")
        return ((hasNumeric ? [numericText] : []) + (hasDates ? [datesText] : []) + blocks).joined(separator: "\n\n")
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
            lines.append(rendered(table, narrowing: "fewer levels (let x2 = cut(x, ...)) or swapping the two columns narrows it"))
        } else {
            var table = TextTable([t.rowName, "n", "%"])
            let total = t.counts.reduce(0) { $0 + ($1.first ?? 0) }
            for (i, level) in t.rowLevels.enumerated() {
                let n = t.counts[i].first ?? 0
                table.append([level, String(n), format.percentage(total > 0 ? 100 * Double(n) / Double(total) : 0)])
            }
            table.append(["total", String(total), total > 0 ? format.percentage(100) : ""])
            lines.append(rendered(table, narrowing: "shorter levels narrow it"))
        }
        if t.missing > 0 { lines.append("\(NumberFormat.count(t.missing, "row")) with a missing value not counted") }
        return lines.joined(separator: "\n")
    }

    func fisher(_ r: FisherReport) -> String {
        var lines = [crossTable(r.table), "Fisher's exact test: \(format.pClause(r.result.p))"]
        if let or = r.result.oddsRatio {
            let ci = format.interval(r.result.oddsRatioLower, r.result.oddsRatioUpper, format.estimate)
            lines.append("odds ratio (conditional MLE) = \(format.estimate(or)), \(percent(r.level)) CI \(ci)")
        }
        return lines.joined(separator: "\n")
    }

    func state(_ s: StateReport) -> String {
        var t = TextTable(["", ""], alignments: [.left, .left])
        t.append(["dataset", s.dataset.map { "\($0) (\(NumberFormat.count(s.rows, "row")))" } ?? "none"])
        t.append(["rows kept", s.filters.isEmpty ? "\(s.kept) (no filter)" : "\(s.kept) of \(s.rows)"])
        for f in s.filters { t.append(["where", f]) }
        t.append(["endpoint", s.endpoint ?? "none"])
        let named = s.endpoints.filter { !$0.contains(",") }
        if !named.isEmpty { t.append(["endpoints", named.joined(separator: ", ")]) }
        t.append(["strata", s.strata.isEmpty ? "none" : s.strata.joined(separator: ", ")])
        if let censor = s.censorAt { t.append(["censor at", censor]) }
        if let landmark = s.landmark { t.append(["landmark", format.data(landmark)]) }
        if !s.references.isEmpty {
            t.append(["reference", s.references.map { "\($0.column)=\($0.level)" }.joined(separator: ", ")])
        }
        t.append(["profile", s.conventions.profile])
        t.append(["ci", "\(s.conventions.transform.rawValue), level \(format.data(s.conventions.level))"])
        t.append(["ties", s.conventions.ties.rawValue])
        t.append(["digits", String(s.digits)])
        return tableSink?.placeholder(for: t) ?? t.rendered()
    }
}
