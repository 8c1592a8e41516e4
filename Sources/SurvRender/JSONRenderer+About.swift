import SurvResults

extension JSONRenderer {
    static func about(_ r: AboutReport) -> JSONValue {
        .object([
            ("dataset", .string(r.dataset)),
            ("about", .string(r.about)),
            ("endpoints", .array(r.endpoints.map {
                .object([("name", .string($0.name)), ("time", .string($0.time)), ("event", .string($0.event))])
            })),
            ("dictionary", r.dictionary.map { .string($0) } ?? .null),
        ])
    }
}
