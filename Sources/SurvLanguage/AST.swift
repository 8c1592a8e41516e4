/// An expression as written, before it is checked against a dataset.
public indirect enum Expression: Equatable, Sendable {
    case number(Double, SourceRange)
    case string(String, SourceRange)
    case name(String, SourceRange)
    case unary(UnaryOperator, Expression, SourceRange)
    case binary(BinaryOperator, Expression, Expression, SourceRange)
    case call(String, [Expression], SourceRange)
    case inList(Expression, [Expression], negated: Bool, SourceRange)
    /// `name = value`, an argument of a call given by name (`factor(x, ref = "B")`).
    case namedArgument(String, Expression, SourceRange)

    public var range: SourceRange {
        switch self {
        case .number(_, let r), .string(_, let r), .name(_, let r), .unary(_, _, let r),
             .binary(_, _, _, let r), .call(_, _, let r), .inList(_, _, _, let r), .namedArgument(_, _, let r):
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
    /// `about DATASET`, or `about` for the bundled data set loaded.
    case about(Name?)
    case endpointDefine(EndpointSyntax)
    case endpointSelect(Name)
    case filter(Expression)
    case filterClear
    case derive(Name, Expression)
    case stratify([Name])
    case stratifyNone
    case kaplanMeier(times: [Double])
    case kaplanMeierTable
    /// `km at 12, 24 wide`: the survival at those times as one row per stratum, one column per time.
    case kaplanMeierWide(times: [Double])
    /// `km quantile 0.25, 0.75`: survival-time quantiles (probabilities of the event) per stratum.
    case kaplanMeierQuantiles([Double])
    /// `rmst at TAU`: restricted mean survival time up to TAU.
    case restrictedMean(tau: Double)
    case logrank(trend: Bool, rho: Double?)
    case cox(terms: [FormulaTerm])
    case phtest
    case followup
    case describe([Name])
    case tabulate(Name, by: Name?)
    /// `table1 A, B, ... [by G] [overall]`
    case table1([Name], by: Name?, overall: Bool)
    case fisher(Name, by: Name)
    /// `chisq A by B [correct | nocorrect]`; `correct` is nil when neither word is written (R's default).
    case chisq(Name, by: Name, correct: Bool?)
    case wilcoxon(Name, by: Name)
    case kruskal(Name, by: Name)
    case set(Name, value: Token)
    /// `set ref COLUMN VALUE` (a string or a number; nil = `none`, back to the first level).
    case setReference(column: Name, value: Expression?)
    /// `set plot width N`, `set plot ascii`, `set plot unicode`.
    case setPlot(Name, value: Double?)
    case plot(PlotSyntax)
    case expect(ExpectSyntax)
    /// `split NAME at COLUMN`
    case split(Name, at: Name)
    /// `landmark at T` / `landmark none`
    case landmark(Double?, SourceRange)
    /// `censor at EXPRESSION` / `censor none`
    case censorAt(Expression?, text: String)
    /// `cuminc [at T, ...]`
    case cumulativeIncidence(times: [Double])
    /// `finegray TERM + ...`
    case fineGray(terms: [FormulaTerm])
    case show
    /// `show columns`: each column's name, type, label and codes.
    case showColumns
    case help(topic: Name?)
    case save(String, SourceRange)
    /// `export "FILE"`: the analysis data (kept rows, derived columns) as CSV, TSV, Stata or SPSS.
    case export(String, SourceRange)
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

/// One `+`-separated part of a Cox model formula, as written. At the top level of a term `*` and `:` are
/// formula operators, as in R: `a * b` is `a + b + a:b`, `a : b` the interaction alone.
public indirect enum FormulaTerm: Equatable, Sendable {
    case variable(CoxTermSyntax)
    /// `a * b`
    case cross(FormulaTerm, FormulaTerm, SourceRange)
    /// `a : b`
    case interaction(FormulaTerm, FormulaTerm, SourceRange)

    public var range: SourceRange {
        switch self {
        case .variable(let v): return v.expression.range
        case .cross(_, _, let r), .interaction(_, _, let r): return r
        }
    }

    /// The variables as written, left to right.
    public var variables: [CoxTermSyntax] {
        switch self {
        case .variable(let v): return [v]
        case .cross(let a, let b, _), .interaction(let a, let b, _): return a.variables + b.variables
        }
    }
}
