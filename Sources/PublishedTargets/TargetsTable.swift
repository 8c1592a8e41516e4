import Foundation

/// A table of published targets, read from CSV text with the header
/// `id,match,statistic,population,condition,variable,by,endpoint,at,published,value,compare,scale,tolerance,weight,source,note`
/// (see the data dictionary of the GRAALL cohort for what each column means).
public struct TargetsTable: Equatable, Sendable {
    public var targets: [Target]

    static let header = ["id", "match", "statistic", "population", "condition", "variable", "by", "endpoint", "at",
                         "published", "value", "compare", "scale", "tolerance", "weight", "source", "note"]

    public init(targets: [Target]) { self.targets = targets }

    public init(csv text: String) throws(TargetsError) {
        let records = try CSVRecords.parse(text)
        guard let first = records.first else { throw TargetsError("the targets table is empty") }
        guard first == Self.header else {
            throw TargetsError("the targets table's header must be: " + Self.header.joined(separator: ","))
        }
        var seen = Set<String>()
        var targets: [Target] = []
        for (offset, record) in records.dropFirst().enumerated() {
            let line = offset + 2
            guard record.count == Self.header.count else {
                throw TargetsError("line \(line): \(record.count) fields, expected \(Self.header.count)")
            }
            let target = try Self.target(record, line: line)
            guard seen.insert(target.id).inserted else { throw TargetsError("line \(line): the id \(target.id) is used twice") }
            targets.append(target)
        }
        self.targets = targets
    }

    public init(contentsOf url: URL) throws {
        try self.init(csv: try String(contentsOf: url, encoding: .utf8))
    }

    private static func target(_ f: [String], line: Int) throws(TargetsError) -> Target {
        func field(_ name: String) -> String {
            guard let index = header.firstIndex(of: name), index < f.count else { return "" }
            return f[index].trimmingCharacters(in: .whitespaces)
        }
        func parsed<T: RawRepresentable>(_ name: String, as: T.Type) throws(TargetsError) -> T where T.RawValue == String {
            guard let value = T(rawValue: field(name)) else {
                throw TargetsError("line \(line): '\(field(name))' is not a valid \(name)")
            }
            return value
        }
        func number(_ name: String) throws(TargetsError) -> Double? {
            let text = field(name)
            if text.isEmpty { return nil }
            guard let value = Double(text), value.isFinite else { throw TargetsError("line \(line): \(name) '\(text)' is not a number") }
            return value
        }
        let id = field("id")
        guard !id.isEmpty else { throw TargetsError("line \(line): the id is empty") }
        let comparison = try parsed("compare", as: Target.Comparison.self)
        let value = try number("value")
        if value == nil, comparison != .notReached, comparison != .notEvaluable {
            throw TargetsError("line \(line): \(id) needs a value to compare with")
        }
        let valueText = field("value")
        let decimals = valueText.firstIndex(of: ".").map { valueText.distance(from: $0, to: valueText.endIndex) - 1 } ?? 0
        let statistic = try parsed("statistic", as: Target.Statistic.self)
        let population: RowFilter, condition: RowFilter
        do {
            population = try RowFilter(field("population"))
            condition = try RowFilter(field("condition"))
        } catch { throw TargetsError("line \(line): \(error.message)") }
        return Target(
            id: id, match: try parsed("match", as: Target.Match.self), statistic: statistic,
            population: population, condition: condition, variable: field("variable"), by: field("by"),
            endpoint: field("endpoint"), at: try number("at"), published: field("published"), value: value,
            decimals: decimals, comparison: comparison, scale: try parsed("scale", as: Target.Scale.self),
            tolerance: try number("tolerance") ?? 0, weight: try number("weight") ?? 0,
            source: field("source"), note: field("note"))
    }
}
