import SurvCore
import SurvResults

extension JSONRenderer {
    static func table1(_ r: Table1Report) -> JSONValue {
        .object([
            ("by", r.by.map { .string($0) } ?? .null),
            ("groups", .array(r.groups.map { .object([("label", .string($0.label)), ("n", .integer($0.n))]) })),
            ("variables", .array(r.variables.map { v in
                var fields: [(String, JSONValue)] = [("name", .string(v.name)), ("label", v.label.map { .string($0) } ?? .null)]
                switch v.summary {
                case .numeric(let summaries):
                    fields += [("type", .string("numeric")), ("test", v.test.map { .string($0.rawValue) } ?? .null), ("p", .number(v.p)),
                               ("summary", .array(summaries.map { s in
                                   .object([("n", .integer(s.n)), ("missing", .integer(s.missing)), ("median", .number(s.median)),
                                            ("q1", .number(s.q1)), ("q3", .number(s.q3)), ("min", .number(s.min)), ("max", .number(s.max))])
                               }))]
                case .categorical(let levels, let missing):
                    fields += [("type", .string("categorical")), ("test", v.test.map { .string($0.rawValue) } ?? .null), ("p", .number(v.p)),
                               ("levels", .array(levels.map { l in
                                   .object([("level", .string(l.level)), ("counts", .array(l.counts.map { .integer($0) })),
                                            ("percents", .array(l.percents.map { .number($0) }))])
                               })),
                               ("missing", .array(missing.map { .integer($0) }))]
                }
                return .object(fields)
            })),
            ("rows_missing_group", .integer(r.missingGroup)),
        ])
    }
}
