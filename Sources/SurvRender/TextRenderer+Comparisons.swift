import SurvCore
import SurvResults

/// Text of `rmst`, `chisq`, `wilcoxon` and `kruskal`.
extension TextRenderer {
    func restrictedMean(_ r: RestrictedMeanReport) -> String {
        let level = percent(r.conventions.level)
        var lines = ["Restricted mean survival time up to \(format.data(r.tau)): \(r.endpoint)"]
        var t = TextTable(["", "n", "events", "RMST", "std err", "\(level) CI"])
        for s in r.strata {
            t.append([s.label, String(s.n), format.data(s.events), format.estimate(s.mean.estimate), format.estimate(s.mean.stdErr),
                      format.interval(s.interval.lower, s.interval.upper, format.estimate)])
        }
        lines.append(rendered(t, narrowing: Self.shorterLabels))
        if let d = r.difference, let label = r.differenceLabel {
            lines.append("")
            lines.append("difference \(label) = \(format.estimate(d.estimate)) (std err \(format.estimate(d.stdErr)), "
                         + "\(level) CI \(format.interval(d.lower, d.upper, format.estimate))), \(format.pClause(d.p))")
        }
        if let dropped = rowsLine(r.rows) { lines.append(dropped) }
        lines.append("CI: RMST ± z·se. conventions: profile \(r.conventions.profile), CI \(level)")
        return lines.joined(separator: "\n")
    }

    func chisq(_ r: ChiSquareReport) -> String {
        let s = r.result.statistic
        let name = r.corrected ? "Pearson's chi-square test with Yates' continuity correction" : "Pearson's chi-square test"
        var lines = [crossTable(r.table),
                     "\(name): chi-square = \(format.estimate(s.chisq)) on \(format.data(s.df)) df, \(format.pClause(s.p))"]
        for w in r.result.warnings { lines.append(warning(w.message)) }
        return lines.joined(separator: "\n")
    }

    func rankGroups(_ groups: [RankTestGroup], by: String, variable: String) -> String {
        var t = TextTable([by, "n", "median \(variable)"])
        for g in groups { t.append([g.label, String(g.n), format.data(g.median)]) }
        return rendered(t, narrowing: "shorter level names (let) narrow it")
    }

    func wilcoxon(_ r: WilcoxonReport) -> String {
        var lines = ["Wilcoxon rank-sum test: \(r.variable) by \(r.by)", rankGroups(r.groups, by: r.by, variable: r.variable)]
        let method = r.result.exact ? "exact" : "normal approximation with continuity correction"
        lines.append("W = \(Self.halfInteger(r.result.statistic)), \(format.pClause(r.result.p)) (\(method))")
        if r.tiesPreventedExact { lines.append("tied values: the exact p-value cannot be computed, as R warns") }
        if let dropped = rowsLine(r.rows) { lines.append(dropped) }
        return lines.joined(separator: "\n")
    }

    /// W is a whole or half number (mid-ranks); printed in full, as R prints it, never rounded to `digits`.
    static func halfInteger(_ w: Double) -> String {
        guard w.isFinite, abs(w) < 1e15 else { return "\(w)" }
        let twice = (w * 2).rounded()
        guard twice == w * 2 else { return "\(w)" }
        let whole = Int(twice) / 2
        return Int(twice) % 2 == 0 ? String(whole) : "\(whole).5"
    }

    func kruskal(_ r: KruskalReport) -> String {
        let s = r.statistic
        var lines = ["Kruskal–Wallis rank-sum test: \(r.variable) by \(r.by)", rankGroups(r.groups, by: r.by, variable: r.variable),
                     "chi-square = \(format.estimate(s.chisq)) on \(format.data(s.df)) df, \(format.pClause(s.p))"]
        if let dropped = rowsLine(r.rows) { lines.append(dropped) }
        return lines.joined(separator: "\n")
    }
}
