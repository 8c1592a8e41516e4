import SurvCore
import SurvResults

/// JSON objects of `rmst`, `chisq`, `wilcoxon` and `kruskal` (docs/json.md); the same contract as the
/// rest of the renderer: fields are added, never renamed.
extension JSONRenderer {
    static func restrictedMean(_ r: RestrictedMeanReport) -> JSONValue {
        let strata: [JSONValue] = r.strata.map { s in
            .object([("label", .string(s.label)), ("n", .integer(s.n)), ("events", .number(s.events)),
                     ("rmst", .number(s.mean.estimate)), ("se", .number(s.mean.stdErr)),
                     ("lower", .number(s.interval.lower)), ("upper", .number(s.interval.upper))])
        }
        let difference: JSONValue = r.difference.map { d in
            .object([("label", .string(r.differenceLabel ?? "")), ("estimate", .number(d.estimate)), ("se", .number(d.stdErr)),
                     ("lower", .number(d.lower)), ("upper", .number(d.upper)), ("p", .number(d.p))])
        } ?? .null
        return .object([("endpoint", .string(r.endpoint)), ("tau", .number(r.tau)), ("strata", .array(strata)),
                        ("difference", difference), ("interval", .string("wald")),
                        ("conf_level", .number(r.conventions.level)), ("profile", .string(r.conventions.profile))] + rows(r.rows))
    }

    static func chisq(_ r: ChiSquareReport) -> JSONValue {
        let s = r.result.statistic
        return .object([("chisq", .number(s.chisq)), ("df", .number(s.df)), ("p", .number(s.p)), ("correct", .bool(r.corrected)),
                        ("expected", .array(r.result.expected.map { .array($0.map { .number($0) }) })),
                        ("warnings", .array(r.result.warnings.map { .object([("code", .string($0.code)), ("message", .string($0.message))]) })),
                        ("table", crossTable(r.table))])
    }

    static func rankGroups(_ groups: [RankTestGroup]) -> JSONValue {
        .array(groups.map { .object([("label", .string($0.label)), ("n", .integer($0.n)), ("median", .number($0.median))]) })
    }

    static func wilcoxon(_ r: WilcoxonReport) -> JSONValue {
        .object([("variable", .string(r.variable)), ("by", .string(r.by)), ("statistic", .number(r.result.statistic)),
                 ("p", .number(r.result.p)), ("exact", .bool(r.result.exact)), ("correct", .bool(!r.result.exact)),
                 ("groups", rankGroups(r.groups))] + rows(r.rows))
    }

    static func kruskal(_ r: KruskalReport) -> JSONValue {
        .object([("variable", .string(r.variable)), ("by", .string(r.by)), ("chisq", .number(r.statistic.chisq)),
                 ("df", .number(r.statistic.df)), ("p", .number(r.statistic.p)), ("groups", rankGroups(r.groups))] + rows(r.rows))
    }
}
