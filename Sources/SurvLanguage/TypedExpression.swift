/// An expression after checking: every name resolved to a column of known type, every operator valid
/// for its operands. Evaluating it over a table cannot meet a type error.
public indirect enum TypedExpression: Equatable, Sendable {
    case column(String, ValueType)
    case number(Double)
    case text(String)
    case negate(TypedExpression)
    case not(TypedExpression)
    /// Arithmetic on numbers; the range points at the operator's expression for run-time errors (division by zero).
    case arithmetic(BinaryOperator, TypedExpression, TypedExpression, SourceRange)
    case compare(BinaryOperator, TypedExpression, TypedExpression)
    case logical(BinaryOperator, TypedExpression, TypedExpression)
    case inNumbers(TypedExpression, [Double], negated: Bool)
    case inTexts(TypedExpression, [String], negated: Bool)
    case function(NumericFunction, TypedExpression, SourceRange)
    /// `cut(x, b1, ..., bk)`: k+1 intervals labelled `<b1`, `b1-b2`, ..., `>=bk`, in that order.
    case cut(TypedExpression, breaks: [Double], labels: [String])
    case ifElse(TypedExpression, TypedExpression, TypedExpression, ValueType)
    case isMissing(TypedExpression)
    /// `date("2014-01-01")`: that day, as days since 1970-01-01.
    case dateValue(Double)
    /// A number of days read as a date: a date plus or minus a number of days.
    case asDate(TypedExpression)
    /// `year(d)`, `month(d)`: a part of a date, as a number.
    case datePart(DatePart, TypedExpression)

    public var type: ValueType {
        switch self {
        case .column(_, let t): return t
        case .number, .negate, .arithmetic, .function, .datePart: return .number
        case .text, .cut: return .text
        case .not, .compare, .logical, .inNumbers, .inTexts, .isMissing: return .logical
        case .ifElse(_, _, _, let t): return t
        case .dateValue, .asDate: return .date
        }
    }

    /// Columns the expression reads, for reporting rows dropped for missing values.
    public var columnsUsed: [String] {
        switch self {
        case .column(let name, _): return [name]
        case .number, .text, .dateValue: return []
        case .negate(let e), .not(let e), .function(_, let e, _), .cut(let e, _, _), .isMissing(let e), .asDate(let e), .datePart(_, let e),
             .inNumbers(let e, _, _), .inTexts(let e, _, _):
            return e.columnsUsed
        case .arithmetic(_, let a, let b, _), .compare(_, let a, let b), .logical(_, let a, let b):
            return a.columnsUsed + b.columnsUsed
        case .ifElse(let c, let a, let b, _): return c.columnsUsed + a.columnsUsed + b.columnsUsed
        }
    }
}

public enum DatePart: String, Sendable, CaseIterable {
    case year, month
}

public enum NumericFunction: String, Sendable, CaseIterable {
    case log, exp, abs, sqrt, log10, log2, round
}
