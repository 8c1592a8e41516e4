import SurvCore
import Foundation
import SurvCore
import SurvData
import SurvLanguage

/// The value of an expression over every row of a table. Missing values propagate as in R: arithmetic
/// with a missing operand is missing; a missing condition neither keeps nor drops a row by itself.
enum EvaluatedColumn {
    case number([Double], missing: [Bool])
    case text(codes: [Int32], levels: [String])
    /// 0 = false, 1 = true, 2 = missing.
    case logical([UInt8])

    /// As a table column.
    func column(named name: String) -> Column {
        switch self {
        case .number(let values, let missing):
            return Column(name: name, data: .number(values, missing: missing))
        case .text(let codes, let levels):
            return Column(name: name, data: .text(codes: codes, levels: levels))
        case .logical(let flags):
            return Column(name: name, data: .number(flags.map { $0 == 1 ? 1 : 0 }, missing: flags.map { $0 == 2 }))
        }
    }
}

/// Rows where a value could not be computed (log of 0, division by zero, …) outside the rows a command
/// uses; shared by an evaluator and the evaluators of its `if()` branches.
final class UncomputableRows {
    fileprivate(set) var rows = Set<Int>()
}

/// Evaluates checked expressions column-wise over a table.
///
/// A command uses some of the table's rows (those kept by the filter), so only those rows can make an
/// expression fail: `where x > 0; cox log(x)` must not trip over a row the filter dropped. Elsewhere a value
/// that cannot be computed is missing, as R's NaN is NA in a model. The same rule lets `if()` guard its
/// branches: `if(x > 0, log(x), 0)` evaluates `log(x)` only where the condition holds.
struct ExpressionEvaluator {
    let table: DataTable
    /// Per row, whether a value that cannot be computed there is an error; nil = every row.
    private let checked: [Bool]?
    /// Rows whose value was set missing because it could not be computed.
    let uncomputable: UncomputableRows

    /// - Parameter rows: the rows the command uses (nil = all): errors are reported only for these.
    init(table: DataTable, rows: [Int]? = nil) {
        self.table = table
        if let rows {
            var mask = [Bool](repeating: false, count: table.rowCount)
            for r in rows where r >= 0 && r < mask.count { mask[r] = true }
            checked = mask
        } else {
            checked = nil
        }
        uncomputable = UncomputableRows()
    }

    private init(table: DataTable, checked: [Bool]?, uncomputable: UncomputableRows) {
        self.table = table
        self.checked = checked
        self.uncomputable = uncomputable
    }

    /// Whether a value that cannot be computed in row `i` is an error (otherwise it becomes missing).
    private func isChecked(_ i: Int) -> Bool {
        guard let checked else { return true }
        return i < checked.count && checked[i]
    }

    /// Throws `error` when row `i` is checked; otherwise records the row as uncomputable.
    private func fail(_ i: Int, _ error: @autoclosure () -> Diagnostic) throws(Diagnostic) {
        if isChecked(i) { throw error() }
        uncomputable.rows.insert(i)
    }

    /// An evaluator for an `if()` branch: only the checked rows where the branch is taken are checked.
    private func branch(_ condition: [UInt8], taken: UInt8) -> ExpressionEvaluator {
        let mask = condition.indices.map { condition[$0] == taken && isChecked($0) }
        return ExpressionEvaluator(table: table, checked: mask, uncomputable: uncomputable)
    }

    func evaluate(_ expression: TypedExpression) throws(Diagnostic) -> EvaluatedColumn {
        let n = table.rowCount
        switch expression {
        case .column(let name, let type):
            guard let column = table.column(named: name) else {
                throw Diagnostic("unknown column '\(name)'")
            }
            // A labelled column where the checker asked for a number: its codes.
            if type == .number, let (values, missing) = column.codedNumbers { return .number(values, missing: missing) }
            switch column.data {
            case .number(let values, let missing): return .number(values, missing: missing)
            case .text(let codes, let levels): return .text(codes: codes, levels: levels)
            }
        case .number(let value):
            return .number([Double](repeating: value, count: n), missing: [Bool](repeating: false, count: n))
        case .text(let value):
            return .text(codes: [Int32](repeating: 0, count: n), levels: [value])
        case .negate(let operand):
            let (values, missing) = try numbers(operand)
            return .number(values.map { -$0 }, missing: missing)
        case .not(let operand):
            return .logical(try flags(operand).map { $0 == 2 ? 2 : 1 - $0 })
        case .arithmetic(let op, let left, let right, let range):
            return try arithmetic(op, left, right, range)
        case .compare(let op, let left, let right):
            return .logical(try compare(op, left, right))
        case .logical(let op, let left, let right):
            let a = try flags(left), b = try flags(right)
            return .logical(zip(a, b).map { x, y in
                if op == .and {
                    if x == 0 || y == 0 { return 0 }
                    return x == 2 || y == 2 ? 2 : 1
                }
                if x == 1 || y == 1 { return 1 }
                return x == 2 || y == 2 ? 2 : 0
            })
        case .inNumbers(let subject, let list, let negated):
            let (values, missing) = try numbers(subject)
            let set = Set(list)
            return .logical(values.indices.map { i in missing[i] ? 2 : (set.contains(values[i]) != negated ? 1 : 0) })
        case .inTexts(let subject, let list, let negated):
            guard case .text(let codes, let levels) = try evaluate(subject) else { return .logical([]) }
            let wanted = Set(list)
            let matches = levels.map { wanted.contains($0) }
            return .logical(codes.map { c in c < 0 || Int(c) >= matches.count ? 2 : (matches[Int(c)] != negated ? 1 : 0) })
        case .function(let function, let operand, let range):
            return try apply(function, operand, range)
        case .cut(let subject, let breaks, let labels):
            let (values, missing) = try numbers(subject)
            let codes: [Int32] = values.indices.map { i in
                if missing[i] { return -1 }
                // Intervals are closed on the left: [b_i, b_{i+1}).
                var k = 0
                while k < breaks.count && values[i] >= breaks[k] { k += 1 }
                return Int32(k)
            }
            return .text(codes: codes, levels: labels)
        case .ifElse(let condition, let whenTrue, let whenFalse, _):
            let c = try flags(condition)
            let a = try branch(c, taken: 1).evaluate(whenTrue), b = try branch(c, taken: 0).evaluate(whenFalse)
            return choose(c, a, b)
        case .dateValue(let days):
            return .number([Double](repeating: days, count: n), missing: [Bool](repeating: false, count: n))
        case .asDate(let days):
            return try evaluate(days)
        case .datePart(let part, let operand):
            let (values, missing) = try numbers(operand)
            var out = [Double](repeating: 0, count: values.count)
            var outMissing = missing
            for i in values.indices where !missing[i] {
                // A day outside years 1 to 9999 has no calendar date: missing, like any value that cannot be had.
                guard let date = CalendarDate(days: values[i]) else { outMissing[i] = true; continue }
                out[i] = Double(part == .year ? date.year : date.month)
            }
            return .number(out, missing: outMissing)
        case .isMissing(let operand):
            switch try evaluate(operand) {
            case .number(_, let missing): return .logical(missing.map { $0 ? 1 : 0 })
            case .text(let codes, _): return .logical(codes.map { $0 < 0 ? 1 : 0 })
            case .logical(let f): return .logical(f.map { $0 == 2 ? 1 : 0 })
            }
        }
    }

    func numbers(_ expression: TypedExpression) throws(Diagnostic) -> ([Double], [Bool]) {
        switch try evaluate(expression) {
        case .number(let values, let missing): return (values, missing)
        case .logical(let f): return (f.map { $0 == 1 ? 1 : 0 }, f.map { $0 == 2 })
        case .text: throw Diagnostic("expected a number")
        }
    }

    func flags(_ expression: TypedExpression) throws(Diagnostic) -> [UInt8] {
        guard case .logical(let f) = try evaluate(expression) else { throw Diagnostic("expected a condition") }
        return f
    }

    private func row(_ i: Int) -> String { "row \(i + 1)" }

    private func arithmetic(_ op: BinaryOperator, _ left: TypedExpression, _ right: TypedExpression, _ range: SourceRange) throws(Diagnostic) -> EvaluatedColumn {
        let (a, ma) = try numbers(left)
        let (b, mb) = try numbers(right)
        var out = [Double](repeating: 0, count: a.count)
        var missing = [Bool](repeating: false, count: a.count)
        for i in a.indices {
            if ma[i] || mb[i] { missing[i] = true; continue }
            let v: Double
            switch op {
            case .add: v = a[i] + b[i]
            case .subtract: v = a[i] - b[i]
            case .multiply: v = a[i] * b[i]
            case .divide:
                guard b[i] != 0 else {
                    try fail(i, Diagnostic("division by zero in \(row(i))", at: range, hint: "guard it, e.g. if(y == 0, 0, x / y)"))
                    missing[i] = true
                    continue
                }
                v = a[i] / b[i]
            case .power: v = pow(a[i], b[i])
            default: v = .nan
            }
            guard v.isFinite else {
                try fail(i, Diagnostic("the result is not a finite number in \(row(i))", at: range))
                missing[i] = true
                continue
            }
            out[i] = v
        }
        return .number(out, missing: missing)
    }

    private func compare(_ op: BinaryOperator, _ left: TypedExpression, _ right: TypedExpression) throws(Diagnostic) -> [UInt8] {
        let a = try evaluate(left), b = try evaluate(right)
        switch (a, b) {
        case let (.number(x, mx), .number(y, my)):
            return x.indices.map { i in
                if mx[i] || my[i] { return 2 }
                let r: Bool
                switch op {
                case .equal: r = x[i] == y[i]
                case .notEqual: r = x[i] != y[i]
                case .less: r = x[i] < y[i]
                case .lessEqual: r = x[i] <= y[i]
                case .greater: r = x[i] > y[i]
                case .greaterEqual: r = x[i] >= y[i]
                default: r = false
                }
                return r ? 1 : 0
            }
        case let (.text(ca, la), .text(cb, lb)):
            return ca.indices.map { i in
                guard ca[i] >= 0, cb[i] >= 0, Int(ca[i]) < la.count, Int(cb[i]) < lb.count else { return 2 }
                let equal = la[Int(ca[i])] == lb[Int(cb[i])]
                return (op == .equal) == equal ? 1 : 0
            }
        default:
            throw Diagnostic("cannot compare these values")
        }
    }

    private func apply(_ function: NumericFunction, _ operand: TypedExpression, _ range: SourceRange) throws(Diagnostic) -> EvaluatedColumn {
        let (values, operandMissing) = try numbers(operand)
        var out = values, missing = operandMissing
        for i in values.indices where !missing[i] {
            let x = values[i]
            switch function {
            case .log, .log10, .log2:
                guard x > 0 else {
                    try fail(i, Diagnostic("\(function.rawValue)() of \(NumberText.short(x)) in \(row(i)): only positive values have a logarithm", at: range,
                                           hint: "filter first, e.g. where x > 0"))
                    missing[i] = true
                    continue
                }
                out[i] = function == .log ? Foundation.log(x) : (function == .log10 ? Foundation.log10(x) : Foundation.log2(x))
            case .exp:
                out[i] = Foundation.exp(x)
                guard out[i].isFinite else {
                    try fail(i, Diagnostic("exp() overflows in \(row(i))", at: range))
                    missing[i] = true
                    continue
                }
            case .abs: out[i] = Swift.abs(x)
            // R's round(): to the nearest whole number, a half to the even one (IEC 60559), so 2.5 is 2.
            case .round: out[i] = x.rounded(.toNearestOrEven)
            case .sqrt:
                guard x >= 0 else {
                    try fail(i, Diagnostic("sqrt() of a negative value in \(row(i))", at: range))
                    missing[i] = true
                    continue
                }
                out[i] = x.squareRoot()
            }
        }
        return .number(out, missing: missing)
    }

    private func choose(_ c: [UInt8], _ a: EvaluatedColumn, _ b: EvaluatedColumn) -> EvaluatedColumn {
        switch (a, b) {
        case let (.number(x, mx), .number(y, my)):
            var values = x, missing = mx
            for i in c.indices {
                if c[i] == 2 { missing[i] = true } else if c[i] == 0 { values[i] = y[i]; missing[i] = my[i] }
            }
            return .number(values, missing: missing)
        case let (.text(ca, la), .text(cb, lb)):
            // The result's levels are in level order, as for text read from a file (R's factor() order), so
            // the reference level of a Cox term does not depend on how the if() was written.
            let levels = LevelOrder.sorted(Array(Set(la + lb)))
            let index = Dictionary(uniqueKeysWithValues: levels.enumerated().map { ($1, Int32($0)) })
            let remapA = la.map { index[$0] ?? -1 }, remapB = lb.map { index[$0] ?? -1 }
            var codes = [Int32](repeating: -1, count: c.count)
            for i in c.indices where c[i] != 2 {
                let (code, remap) = c[i] == 1 ? (ca[i], remapA) : (cb[i], remapB)
                codes[i] = code < 0 || Int(code) >= remap.count ? -1 : remap[Int(code)]
            }
            return .text(codes: codes, levels: levels)
        case let (.logical(x), .logical(y)):
            return .logical(c.indices.map { c[$0] == 2 ? 2 : (c[$0] == 1 ? x[$0] : y[$0]) })
        default:
            return a
        }
    }
}

