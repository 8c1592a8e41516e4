import SurvResults

extension JSONRenderer {
    /// `kind: "plot"`: what was drawn, as drawn: the step points thinned to the canvas of a figure of the
    /// default width, so a script reading them gets what a reader saw, not a million rows.
    static func figure(_ r: FigureReport) -> JSONValue {
        var fields: [(String, JSONValue)]
        switch r.content {
        case .survival(let full):
            let columns = TerminalFigure.survivalResolution(full, style: TerminalFigureStyle())
            let figure = full.thinned(columns: columns)
            fields = [("figure", .string("km")), ("measure", .string(figure.measure.rawValue)),
                      ("x_axis", axis(figure.xAxis)), ("y_axis", axis(figure.yAxis)),
                      ("strata", .array(figure.strata.map { s in
                          .object([("label", .string(s.label)),
                                   ("points", .array(s.points.map { p in
                                       .object([("time", .number(p.time)), ("estimate", .number(p.estimate)),
                                                ("lower", .number(p.lower)), ("upper", .number(p.upper))])
                                   })),
                                   ("censor_times", .array(s.censorTimes.map { .number($0) })),
                                   ("at_risk", .array(s.atRisk.map { .number($0) }))])
                      })),
                      ("logrank_p", .number(figure.logRankP)),
                      ("ci", .bool(figure.options.confidenceBand)), ("risktable", .bool(figure.options.riskTable))]
        case .forest(let figure):
            fields = [("figure", .string("cox")), ("level", .number(figure.level)),
                      ("terms", .array(figure.rows.map { row in
                          .object([("name", .string(row.term)), ("hr", .number(row.hazardRatio)), ("hr_lower", .number(row.lower)),
                                   ("hr_upper", .number(row.upper)), ("p", .number(row.p))])
                      }))]
        case .residuals(let figure):
            fields = [("figure", .string("zph")), ("x_axis", axis(figure.xAxis)),
                      ("panels", .array(figure.panels.map { panel in
                          .object([("term", .string(panel.term)), ("x", .array(panel.x.map { .number($0) })),
                                   ("residuals", .array(panel.residuals.map { .number($0) })),
                                   ("smooth", .array(panel.smooth.map { s in
                                       .object([("x", .number(s.x)), ("fit", .number(s.fit)), ("lower", .number(s.lower)),
                                                ("upper", .number(s.upper))])
                                   })),
                                   ("p", .number(panel.p))])
                      }))]
        }
        if let model = r.model { fields.append(("model", .string(model))) }
        fields.append(("path", r.path.map { .string($0) } ?? .null))
        return .object(fields)
    }

    private static func axis(_ a: FigureAxis) -> JSONValue {
        .object([("label", .string(a.label)), ("lower", .number(a.lower)), ("upper", .number(a.upper)),
                 ("ticks", .array(a.ticks.map { .number($0) }))])
    }
}
