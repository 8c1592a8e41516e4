import SurvCore
import SurvResults

extension JSONRenderer {
    static func cumulativeIncidence(_ r: CumulativeIncidenceReport) -> JSONValue {
        .object([
            ("endpoint", .string(r.endpoint)),
            ("curves", .array(r.curves.map { c in
                .object([("stratum", .string(c.stratum)), ("cause", .string(c.cause)), ("n", .integer(c.n)), ("events", .integer(c.events)),
                         ("at", .array(c.at.map { p in
                             .object([("time", .number(p.time)), ("cif", .number(p.estimate)), ("std_err", .number(p.stdErr)),
                                      ("lower", .number(p.lower)), ("upper", .number(p.upper))])
                         }))])
            })),
            ("gray", .array(r.gray.map { g in
                .object([("cause", .string(g.cause)), ("chisq", .number(g.statistic?.chisq)), ("df", .number(g.statistic?.df)),
                         ("p", .number(g.statistic?.p))])
            })),
            ("conf_type", .string(r.transform.rawValue)), ("conf_level", .number(r.conventions.level)),
            ("rows_kept", .integer(r.rows.kept)), ("rows_dropped_missing", .integer(r.rows.droppedMissing)),
        ])
    }

    static func fineGray(_ r: FineGrayReport) -> JSONValue {
        let f = r.fit
        return .object([
            ("endpoint", .string(r.endpoint)), ("event", .string(r.event)), ("competing", .array(r.competing.map { .string($0) })),
            ("n", .integer(f.n)), ("events", .integer(f.events)), ("competing_events", .integer(f.competingEvents)),
            ("terms", .array(f.coefficients.map { c in
                .object([("name", .string(c.name)), ("coef", .number(c.coef)), ("se", .number(c.se)), ("z", .number(c.z)), ("p", .number(c.p)),
                         ("hr", .number(c.hr)), ("hr_lower", .number(c.hrLower)), ("hr_upper", .number(c.hrUpper))])
            })),
            ("converged", .bool(f.converged)), ("iterations", .integer(f.iterations)),
            ("warnings", .array(f.warnings.map { .object([("code", .string($0.code)), ("message", .string($0.message))]) })),
            ("conf_level", .number(f.level)),
        ])
    }
}
