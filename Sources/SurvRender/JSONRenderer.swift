import SurvCore
import SurvResults

/// Renders reports as the `result` object of the JSON Lines output. Field names are a contract read by
/// other tools (docs/json.md): add fields, never rename or remove them.
public enum JSONRenderer {
    public static func result(_ report: Report) -> JSONValue {
        switch report {
        case .message(let text): return .object([("text", .string(text))])
        // The help's text as the terminal shows it: one string, as before help became a value.
        case .help(let r): return .object([("text", .string(TextRenderer().help(r)))])
        case .kaplanMeier(let r): return kaplanMeier(r)
        case .logrank(let r): return logrank(r)
        case .cox(let r): return cox(r)
        case .coxNull(let r): return coxNull(r)
        case .phtest(let r): return phtest(r)
        case .followup(let r): return followup(r)
        case .describe(let columns): return .object([("columns", .array(columns.map(describe)))])
        case .tabulate(let t): return crossTable(t)
        case .fisher(let r): return fisher(r)
        case .restrictedMean(let r): return restrictedMean(r)
        case .chisq(let r): return chisq(r)
        case .wilcoxon(let r): return wilcoxon(r)
        case .kruskal(let r): return kruskal(r)
        case .state(let s): return state(s)
        case .figure(let r): return figure(r)
        case .table1(let r): return table1(r)
        case .expect(let r): return expect(r)
        case .columns(let r): return columns(r)
        case .cumulativeIncidence(let r): return cumulativeIncidence(r)
        case .fineGray(let r): return fineGray(r)
        case .landmark(let r): return landmark(r)
        case .split(let r): return split(r)
        case .censor(let r): return censor(r)
        case .about(let r): return about(r)
        }
    }

    static func columns(_ r: ColumnListReport) -> JSONValue {
        .object([("dataset", .string(r.dataset)), ("rows", .integer(r.rows)), ("columns", .array(r.columns.map { c in
            .object([("name", .string(c.name)), ("type", .string(c.kind.rawValue)), ("label", c.label.map { .string($0) } ?? .null),
                     ("missing", .integer(c.missing)), ("levels", .array(c.levels.map { .string($0) })),
                     ("codes", c.codes.map { .array($0.map { .number($0) }) } ?? .null)])
        }))])
    }

    /// One line of `--json` output.
    public static func line(command: String, line: Int, report: Report) -> String {
        JSONValue.object([("command", .string(command)), ("line", .integer(line)), ("kind", .string(report.kind)),
                          ("result", result(report))]).serialized()
    }

    /// One line of `--json` output for a command that failed.
    public static func errorLine(command: String, line: Int, column: Int?, message: String, hint: String?) -> String {
        var fields: [(String, JSONValue)] = [("command", .string(command)), ("line", .integer(line)), ("kind", .string("error")),
                                              ("message", .string(message)), ("column", column.map { .integer($0) } ?? .null)]
        if let hint { fields.append(("hint", .string(hint))) }
        return JSONValue.object(fields).serialized()
    }

    static func statistic(_ s: ChiSquareStatistic) -> JSONValue {
        .object([("chisq", .number(s.chisq)), ("df", .number(s.df)), ("p", .number(s.p))])
    }

    static func conventions(_ c: Conventions) -> [(String, JSONValue)] {
        [("conf_type", .string(c.transform.rawValue)), ("conf_level", .number(c.level)), ("profile", .string(c.profile)),
         ("quantile_rule", .string(c.quantileRule.rawValue))]
    }

    static func rows(_ r: RowAccounting) -> [(String, JSONValue)] {
        [("rows_kept", .integer(r.kept)), ("rows_dropped_missing", .integer(r.droppedMissing))]
    }

    static func kaplanMeier(_ r: KaplanMeierReport) -> JSONValue {
        let strata: [JSONValue] = r.strata.map { s in
            let c = s.curve
            var fields: [(String, JSONValue)] = [
                ("label", .string(s.label)), ("n", .integer(c.n)), ("events", .number(c.events)),
                ("median", .number(s.median.estimate)), ("median_lower", .number(s.median.lower)), ("median_upper", .number(s.median.upper)),
            ]
            let at: [JSONValue] = r.times.enumerated().map { i, time in
                guard i < s.at.count, let p = s.at[i] else {
                    return .object([("time", .number(time)), ("n_risk", .null), ("surv", .null), ("std_err", .null), ("lower", .null), ("upper", .null)])
                }
                return .object([("time", .number(p.time)), ("n_risk", .number(p.nRisk)), ("surv", .number(p.surv)),
                                ("std_err", .number(p.stdErr)), ("lower", .number(p.lower)), ("upper", .number(p.upper))])
            }
            fields.append(("at", .array(at)))
            if !r.probabilities.isEmpty {
                let quantiles: [JSONValue] = r.probabilities.enumerated().map { i, p in
                    let q = i < s.quantiles.count ? s.quantiles[i] : EstimateWithInterval(estimate: nil, lower: nil, upper: nil)
                    return .object([("p", .number(p)), ("time", .number(q.estimate)), ("lower", .number(q.lower)), ("upper", .number(q.upper))])
                }
                fields.append(("quantiles", .array(quantiles)))
            }
            if r.fullTable {
                fields.append(("table", .object([
                    ("time", .array(c.time.map { .number($0) })), ("n_risk", .array(c.nRisk.map { .number($0) })),
                    ("n_event", .array(c.nEvent.map { .number($0) })), ("n_censor", .array(c.nCensor.map { .number($0) })),
                    ("surv", .array(c.surv.map { .number($0) })),
                    ("std_err", .array(zip(c.surv, c.stdErrLogSurv).map { .number($0 * $1) })),
                    ("lower", .array(c.lower.map { .number($0) })), ("upper", .array(c.upper.map { .number($0) })),
                ])))
            }
            return .object(fields)
        }
        // `wide` only changes the text layout; the field says it was asked for, and appears only then.
        let layout: [(String, JSONValue)] = r.wide ? [("wide", .bool(true))] : []
        return .object([("endpoint", .string(r.endpoint)), ("strata", .array(strata))] + conventions(r.conventions) + rows(r.rows) + layout)
    }

    static func logrank(_ r: LogRankReport) -> JSONValue {
        let groups: [JSONValue] = r.test.groups.enumerated().map { i, g in
            .object([("label", .string(i < r.labels.count ? r.labels[i] : "")), ("n", .integer(g.n)),
                     ("observed", .number(g.observed)), ("expected", .number(g.expected))])
        }
        var fields: [(String, JSONValue)] = [
            ("endpoint", .string(r.endpoint)),
            ("chisq", .number(r.test.statistic.chisq)), ("df", .number(r.test.statistic.df)), ("p", .number(r.test.statistic.p)),
            ("rho", .number(r.test.rho)), ("groups", .array(groups)),
        ]
        if let trend = r.trend {
            fields.append(("trend", .object([("chisq", .number(trend.statistic.chisq)), ("df", .number(trend.statistic.df)),
                                             ("p", .number(trend.statistic.p)), ("scores", .array(trend.scores.map { .number($0) }))])))
        }
        return .object(fields + rows(r.rows))
    }

    static func cox(_ r: CoxReport) -> JSONValue {
        let f = r.fit
        let terms: [JSONValue] = f.coefficients.map { c in
            .object([("name", .string(c.name)), ("coef", .number(c.coef)), ("se", .number(c.se)), ("z", .number(c.z)), ("p", .number(c.p)),
                     ("hr", .number(c.hr)), ("hr_lower", .number(c.hrLower)), ("hr_upper", .number(c.hrUpper))]
                    + (c.robustSE.map { [("robust_se", JSONValue.number($0))] } ?? []))
        }
        let warnings: [JSONValue] = f.warnings.map { .object([("code", .string($0.code)), ("message", .string($0.message))]) }
        return .object([
            ("endpoint", .string(r.endpoint)), ("n", .integer(f.n)), ("events", .integer(f.events)), ("ties", .string(f.ties.rawValue)),
            ("terms", .array(terms)), ("loglik_null", .number(f.loglikNull)), ("loglik", .number(f.loglik)),
            ("lr_test", statistic(f.lrTest)), ("wald_test", statistic(f.waldTest)), ("score_test", statistic(f.scoreTest)),
            ("concordance", .number(f.concordance)), ("concordance_se", .number(f.concordanceStdErr)),
            ("iterations", .integer(f.iterations)), ("converged", .bool(f.converged)), ("warnings", .array(warnings)),
            ("strata", .array(r.strataColumns.map { .string($0) })), ("conf_level", .number(f.level)), ("profile", .string(r.conventions.profile)),
            ("null_model", .bool(false)),
        ] + (r.cluster.map { [("cluster", JSONValue.string($0))] } ?? []) + rows(r.rows))
    }

    /// The fields of `cox` that a model without coefficients has: no terms, and the null log-likelihood as both.
    static func coxNull(_ r: CoxNullReport) -> JSONValue {
        let m = r.model
        return .object([
            ("endpoint", .string(r.endpoint)), ("n", .integer(m.n)), ("events", .integer(m.events)), ("ties", .string(m.ties.rawValue)),
            ("terms", .array([])), ("loglik_null", .number(m.loglik)), ("loglik", .number(m.loglik)), ("null_model", .bool(true)),
            ("warnings", .array([])), ("strata", .array(r.strataColumns.map { .string($0) })),
            ("conf_level", .number(r.conventions.level)), ("profile", .string(r.conventions.profile)),
        ] + rows(r.rows))
    }

    static func phtest(_ r: PHTestReport) -> JSONValue {
        let terms: [JSONValue] = r.test.terms.map {
            .object([("name", .string($0.name)), ("chisq", .number($0.chisq)), ("df", .number($0.df)), ("p", .number($0.p))])
        }
        return .object([("terms", .array(terms)), ("global", statistic(r.test.global)), ("transform", .string(r.test.transform)),
                        ("model", r.model.map { .string($0) } ?? .null)])
    }

    static func followup(_ r: FollowupReport) -> JSONValue {
        let strata: [JSONValue] = r.strata.map {
            .object([("label", .string($0.label)), ("n", .integer($0.n)), ("median", .number($0.median.estimate)),
                     ("lower", .number($0.median.lower)), ("upper", .number($0.median.upper))])
        }
        return .object([("endpoint", .string(r.endpoint)), ("strata", .array(strata))] + conventions(r.conventions) + rows(r.rows))
    }

    static func describe(_ column: ColumnDescription) -> JSONValue {
        switch column {
        case .numeric(let name, let s, let label):
            return .object([("name", .string(name)), ("type", .string("number")), ("n", .integer(s.n)), ("missing", .integer(s.missing)),
                            ("mean", .number(s.mean)), ("sd", .number(s.sd)), ("median", .number(s.median)), ("q1", .number(s.q1)),
                            ("q3", .number(s.q3)), ("min", .number(s.min)), ("max", .number(s.max)), ("label", label.map { .string($0) } ?? .null)])
        case .date(let name, let s, let label, let withTime):
            func date(_ days: Double?) -> JSONValue {
                days.flatMap { CalendarDate.text(days: $0, withTime: withTime) }.map { .string($0) } ?? .null
            }
            return .object([("name", .string(name)), ("type", .string(withTime ? "date-time" : "date")), ("n", .integer(s.n)),
                            ("missing", .integer(s.missing)), ("min", date(s.min)), ("q1", date(s.q1)), ("median", date(s.median)),
                            ("q3", date(s.q3)), ("max", date(s.max)), ("label", label.map { .string($0) } ?? .null)])
        case .categorical(let name, let counts, let missing, let label):
            return .object([("name", .string(name)), ("type", .string("text")), ("missing", .integer(missing)),
                            ("levels", .array(counts.map { .object([("level", .string($0.level)), ("count", .integer($0.count)), ("percent", .number($0.percent))]) })),
                            ("label", label.map { .string($0) } ?? .null)])
        }
    }

    static func crossTable(_ t: CrossTable) -> JSONValue {
        .object([("rows", .string(t.rowName)), ("columns", t.columnName.map { .string($0) } ?? .null),
                 ("row_levels", .array(t.rowLevels.map { .string($0) })), ("column_levels", .array(t.columnLevels.map { .string($0) })),
                 ("counts", .array(t.counts.map { .array($0.map { .integer($0) }) })), ("missing", .integer(t.missing))])
    }

    static func fisher(_ r: FisherReport) -> JSONValue {
        .object([("p", .number(r.result.p)), ("odds_ratio", .number(r.result.oddsRatio)),
                 ("odds_ratio_lower", .number(r.result.oddsRatioLower)), ("odds_ratio_upper", .number(r.result.oddsRatioUpper)),
                 ("conf_level", .number(r.level)), ("table", crossTable(r.table))])
    }

    static func state(_ s: StateReport) -> JSONValue {
        .object([("dataset", s.dataset.map { .string($0) } ?? .null), ("rows", .integer(s.rows)), ("rows_kept", .integer(s.kept)),
                 ("filters", .array(s.filters.map { .string($0) })), ("endpoint", s.endpoint.map { .string($0) } ?? .null),
                 ("endpoints", .array(s.endpoints.map { .string($0) })), ("strata", .array(s.strata.map { .string($0) })),
                 ("ties", .string(s.conventions.ties.rawValue)), ("digits", .integer(s.digits)),
                 ("references", .array(s.references.map { .object([("column", .string($0.column)), ("level", .string($0.level))]) })),
                 ("landmark", .number(s.landmark)), ("censor_at", s.censorAt.map { .string($0) } ?? .null)]
                + conventions(s.conventions))
    }
}
