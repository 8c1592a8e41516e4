import SurvResults

extension JSONRenderer {
    static func expect(_ r: ExpectReport) -> JSONValue {
        .object([("quantity", .string(r.quantity)), ("expected", .number(r.expected)), ("tolerance", .number(r.tolerance)),
                 ("actual", .number(r.actual)), ("pass", .bool(r.passed))])
    }
}
