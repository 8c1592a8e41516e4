import SurvData

/// Which rows a target is computed on: `all`, or clauses joined by `&`, each `column OP value` with OP one
/// of `=`, `!=`, `<`, `<=`, `>`, `>=`. An empty value tests for missing: `ikzf1_del=` keeps the rows where
/// it is missing, `ikzf1_del!=` those where it is not. Any other comparison is false on a missing cell, as
/// in R. The value is compared as a number when the column is numeric, else as text (`mrd_class=>1%` is
/// the column `mrd_class` equal to `>1%`: the operator is the first one found).
public struct RowFilter: Equatable, Sendable, CustomStringConvertible {
    public enum Operator: String, Sendable {
        case equal = "=", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    }

    public struct Clause: Equatable, Sendable {
        public var column: String
        public var op: Operator
        public var value: String
    }

    public var clauses: [Clause]
    public let description: String

    public init(_ text: String) throws(TargetsError) {
        description = text
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed != "all" else { clauses = []; return }
        var clauses: [Clause] = []
        for part in trimmed.split(separator: "&") {
            clauses.append(try Self.clause(String(part)))
        }
        self.clauses = clauses
    }

    /// Whether `text` reads as a condition rather than a bare column name.
    public static func isCondition(_ text: String) -> Bool {
        text.contains { "=<>!".contains($0) }
    }

    static func clause(_ text: String) throws(TargetsError) -> Clause {
        guard let start = text.firstIndex(where: { "=<>!".contains($0) }) else {
            throw TargetsError("'\(text)' is not a condition (column OP value)")
        }
        let column = text[..<start].trimmingCharacters(in: .whitespaces)
        let rest = text[start...]
        let op: Operator
        if rest.hasPrefix("!=") { op = .notEqual }
        else if rest.hasPrefix("<=") { op = .lessEqual }
        else if rest.hasPrefix(">=") { op = .greaterEqual }
        else if rest.hasPrefix("=") { op = .equal }
        else if rest.hasPrefix("<") { op = .less }
        else if rest.hasPrefix(">") { op = .greater }
        else { throw TargetsError("'\(text)': '!' must be followed by '='") }
        let value = rest.dropFirst(op.rawValue.count).trimmingCharacters(in: .whitespaces)
        guard !column.isEmpty else { throw TargetsError("'\(text)' names no column") }
        if value.isEmpty, op != .equal, op != .notEqual {
            throw TargetsError("'\(text)': only = and != test for a missing value")
        }
        return Clause(column: column, op: op, value: value)
    }

    /// The rows of `table` the filter keeps, in order.
    public func rows(in table: DataTable) throws(TargetsError) -> [Int] {
        var keep = [Bool](repeating: true, count: table.rowCount)
        for clause in clauses {
            guard let column = table.column(named: clause.column) else {
                throw TargetsError("no column named '\(clause.column)'")
            }
            let test = try Self.test(clause, column: column)
            for row in keep.indices where keep[row] { keep[row] = test(row) }
        }
        return keep.indices.filter { keep[$0] }
    }

    private static func test(_ clause: Clause, column: Column) throws(TargetsError) -> (Int) -> Bool {
        if clause.value.isEmpty {
            return clause.op == .equal ? { column.isMissing($0) } : { !column.isMissing($0) }
        }
        switch column.kind {
        case .number:
            guard let target = Double(clause.value) else {
                throw TargetsError("'\(clause.column)' is numeric and '\(clause.value)' is not a number")
            }
            return { row in
                guard let x = column.number(at: row) else { return false }
                switch clause.op {
                case .equal: return x == target
                case .notEqual: return x != target
                case .less: return x < target
                case .lessEqual: return x <= target
                case .greater: return x > target
                case .greaterEqual: return x >= target
                }
            }
        case .text:
            switch clause.op {
            case .equal: return { column.text(at: $0) == clause.value }
            case .notEqual: return { row in column.text(at: row).map { $0 != clause.value } ?? false }
            default: throw TargetsError("'\(clause.column)' is text: only = and != compare it")
            }
        }
    }
}
