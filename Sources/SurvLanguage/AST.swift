/// An expression as written, before it is checked against a dataset.
public indirect enum Expression: Equatable, Sendable {
    case number(Double, SourceRange)
    case string(String, SourceRange)
    case name(String, SourceRange)
    case unary(UnaryOperator, Expression, SourceRange)
    case binary(BinaryOperator, Expression, Expression, SourceRange)
    case call(String, [Expression], SourceRange)
    case inList(Expression, [Expression], negated: Bool, SourceRange)

    public var range: SourceRange {
        switch self {
        case .number(_, let r), .string(_, let r), .name(_, let r), .unary(_, _, let r),
             .binary(_, _, _, let r), .call(_, _, let r), .inList(_, _, _, let r):
            return r
        }
    }
}

public enum UnaryOperator: String, Sendable { case negate = "-", not = "not" }

public enum BinaryOperator: String, Sendable {
    case add = "+", subtract = "-", multiply = "*", divide = "/", power = "^"
    case equal = "==", notEqual = "!=", less = "<", lessEqual = "<=", greater = ">", greaterEqual = ">="
    case and, or

    var isComparison: Bool {
        switch self {
        case .equal, .notEqual, .less, .lessEqual, .greater, .greaterEqual: return true
        default: return false
        }
    }
}

/// A name with where it was written, for error messages.
public struct Name: Equatable, Sendable {
    public var text: String
    public var range: SourceRange
    public init(_ text: String, _ range: SourceRange) {
        self.text = text
        self.range = range
    }
}

/// One command as written. Every command kind of the language is a case here.
public enum Command: Equatable, Sendable {
    case loadBundled(Name)
    case loadFile(String, SourceRange)
    case endpointDefine(name: Name?, time: Name, event: Name)
    case endpointSelect(Name)
    case filter(Expression)
    case filterClear
    case derive(Name, Expression)
    case stratify([Name])
    case stratifyNone
    case kaplanMeier(times: [Double])
    case kaplanMeierTable
    /// `km quantile 0.25, 0.75`: survival-time quantiles (probabilities of the event) per stratum.
    case kaplanMeierQuantiles([Double])
    /// `rmst at TAU`: restricted mean survival time up to TAU.
    case restrictedMean(tau: Double)
    case logrank(trend: Bool, rho: Double?)
    case cox(terms: [CoxTermSyntax])
    case phtest
    case followup
    case describe([Name])
    case tabulate(Name, by: Name?)
    case fisher(Name, by: Name)
    /// `chisq A by B [correct | nocorrect]`; `correct` is nil when neither word is written (R's default).
    case chisq(Name, by: Name, correct: Bool?)
    case wilcoxon(Name, by: Name)
    case kruskal(Name, by: Name)
    case set(Name, value: Token)
    case show
    case help(topic: Name?)
    case save(String, SourceRange)
    case title(String)
    case open(String, SourceRange)
    case recover(String, SourceRange)
}

/// A parsed command with the source it came from.
public struct ParsedCommand: Equatable, Sendable {
    public var command: Command
    /// The command's own text (one command of a `;`-separated line), for echoing and JSON.
    public var source: String
    /// Where the command starts on its line.
    public var range: SourceRange
}

/// A Cox model term with the text it was written as, which labels its coefficient.
public struct CoxTermSyntax: Equatable, Sendable {
    public var expression: Expression
    public var text: String
}
