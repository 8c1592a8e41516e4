import SurvResults

extension JSONRenderer {
    static func landmark(_ r: LandmarkReport) -> JSONValue {
        .object([("time", .number(r.time)), ("kept", .integer(r.kept)), ("dropped", .integer(r.dropped)),
                 ("unit", .string(r.intervals ? "interval" : "row"))])
    }

    static func censor(_ r: CensorReport) -> JSONValue {
        .object([("expression", r.expression.map { .string($0) } ?? .null), ("censored", .integer(r.censored)),
                 ("events_removed", .integer(r.eventsRemoved)), ("dropped", .integer(r.dropped)),
                 ("unit", .string(r.intervals ? "interval" : "row"))])
    }
}

extension JSONRenderer {
    static func split(_ r: SplitReport) -> JSONValue {
        .object([("name", .string(r.name)), ("subjects", .integer(r.subjects)), ("intervals", .integer(r.intervals)),
                 ("switched", .integer(r.switched)), ("endpoint", .string(r.endpoint)),
                 ("kept", r.kept.map { .object([("subjects", .integer($0.subjects)), ("intervals", .integer($0.intervals)),
                                                ("switched", .integer($0.switched))]) } ?? .null)])
    }
}
