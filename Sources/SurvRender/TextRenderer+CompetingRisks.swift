import SurvCore
import SurvResults

extension TextRenderer {
    /// One row per stratum, cause and time; Gray's test per cause under it; the variance and interval named.
    func cumulativeIncidence(_ r: CumulativeIncidenceReport) -> String {
        let level = percent(r.conventions.level)
        var lines = ["Cumulative incidence (Aalen–Johansen): \(r.endpoint)"]
        var t = TextTable(["", "cause", "n", "events", "time", "CIF", "std err", "\(level) CI"],
                          alignments: [.left, .left, .right, .right, .right, .right, .right, .right])
        var beyond = false
        for curve in r.curves {
            let role = curve.cause == r.causes.first ? "\(curve.cause) (event)" : "\(curve.cause) (competing)"
            for (i, point) in curve.at.enumerated() {
                // The stratum and the cause head each cause's block, on its first row only, so that the
                // event's rows and the competing cause's rows are laid out alike.
                let first = i == 0
                let head = [first ? curve.stratum : "", first ? role : "",
                            first ? String(curve.n) : "", first ? String(curve.events) : "", format.data(point.time)]
                guard let estimate = point.estimate else {
                    beyond = true
                    t.append(head + ["–", "–", "–"])
                    continue
                }
                t.append(head + [format.probability(estimate), format.probabilityStdErr(point.stdErr),
                                 survivalInterval(point.lower, point.upper)])
            }
        }
        lines.append(rendered(t, narrowing: "fewer times (cuminc at T, ...) or fewer strata narrow it"))
        if beyond { lines.append("– = beyond the stratum's follow-up") }
        if !r.gray.isEmpty {
            let ps = format.pValues(r.gray.map { $0.statistic?.p })
            for (g, p) in zip(r.gray, ps) {
                if let s = g.statistic {
                    lines.append("Gray's test, cause \(g.cause): chi-square = \(format.estimate(s.chisq)) on \(format.data(s.df)) df, \(format.pClause(p))")
                } else {
                    lines.append("Gray's test, cause \(g.cause): not computed" + (g.note.map { " (\($0))" } ?? ""))
                }
            }
        }
        if let dropped = rowsLine(r.rows) { lines.append(dropped) }
        lines.append(TextWrap.wrap("std err: Aalen's variance (cmprsk's cuminc); CI: log(−log) transform, \(level). "
                                   + "conventions: profile \(r.conventions.profile)"))
        return lines.joined(separator: "\n")
    }

    /// Laid out as a Cox model: the subdistribution hazard ratios with crr's robust standard errors.
    func fineGray(_ r: FineGrayReport) -> String {
        let f = r.fit
        var lines = ["Fine–Gray subdistribution hazards: \(r.endpoint)",
                     "n = \(f.n), events (\(r.event)) = \(f.events), competing (\(r.competing.joined(separator: ", "))) = \(f.competingEvents), censored = \(f.censored)"]
        var t = TextTable(["", "coef", "sHR", "\(percent(f.level)) CI", "se(coef)", "z", "p"])
        let ps = format.pValues(f.coefficients.map(\.p))
        for (c, p) in zip(f.coefficients, ps) {
            t.append([c.name, format.estimate(c.coef), format.estimate(c.hr), format.interval(c.hrLower, c.hrUpper, format.estimate),
                      format.estimate(c.se), format.zScore(c.z), p])
        }
        lines.append(rendered(t, narrowing: "shorter column names (let) narrow it"))
        lines.append("pseudo likelihood ratio test = \(format.estimate(f.pseudoLikelihoodRatio.chisq)) on \(format.data(f.pseudoLikelihoodRatio.df)) df, \(format.pClause(f.pseudoLikelihoodRatio.p))")
        if !f.converged { lines.append(warning("the fit did not converge in \(f.iterations) iterations, as crr would warn")) }
        for w in f.warnings { lines.append(warning(w.message)) }
        if let dropped = rowsLine(r.rows) { lines.append(dropped) }
        lines.append("se: robust (sandwich), as cmprsk's crr. conventions: profile \(r.conventions.profile), CI \(percent(f.level))")
        return lines.joined(separator: "\n")
    }
}
