import SurvCore

/// A checked command: a typed call the session can execute without further validation of names or types.
public enum Plan: Equatable, Sendable {
    case loadBundled(String)
    case loadFile(String)
    /// What a bundled data set is: its description, declared endpoints and data dictionary; nil for the
    /// bundled data set loaded.
    case about(String?)
    case defineEndpoint(EndpointPlan)
    case selectEndpoint(String)
    case filter(TypedExpression)
    case clearFilter
    case derive(String, TypedExpression)
    case stratify([String])
    case stratifyNone
    case kaplanMeier(times: [Double])
    case kaplanMeierTable
    case kaplanMeierWide(times: [Double])
    /// Probabilities strictly between 0 and 1.
    case kaplanMeierQuantiles([Double])
    /// A horizon > 0; whether the data reach it is known only when it runs.
    case restrictedMean(tau: Double)
    /// `rho` weights each event time by S(t-)^rho (Fleming–Harrington; 0 = log-rank, 1 = Peto–Peto).
    case logrank(trend: Bool, rho: Double)
    case cox(CoxModelPlan)
    case phtest
    case followup
    case describe([String])
    case tabulate(String, by: String?)
    /// The opening table of a paper: each variable summarised per group of `by`, with a test per variable.
    case table1([String], by: String?, overall: Bool)
    case fisher(String, by: String)
    /// Yates' continuity correction is asked for (R's default); it applies to 2×2 tables only.
    case chisq(String, by: String, correct: Bool)
    /// A numeric column compared between the two groups of another (R's `wilcox.test(x ~ g)`).
    case wilcoxon(String, by: String)
    /// A numeric column compared across the groups of another (R's `kruskal.test(x ~ g)`).
    case kruskal(String, by: String)
    case setting(SettingChange)
    case plot(PlotPlan)
    case expect(ExpectPlan)
    /// A 0/1 covariate NAME switching on at each row's COLUMN time, each row's follow-up split there.
    case split(name: String, at: String)
    /// Survival analyses start at this time, among the rows still event-free and followed beyond it (nil: undo).
    case landmark(Double?)
    /// Follow-up ends, censored, at this value where it comes first (nil: undo).
    case censorAt(TypedExpression?, source: String)
    /// Aalen–Johansen cumulative incidence per cause and stratum (at these times, if any) and Gray's test.
    case cumulativeIncidence(times: [Double])
    /// Fine–Gray regression of the endpoint's event.
    case fineGray(CoxModelPlan)
    /// `set ref COLUMN VALUE`: the level listed first for this column (nil = back to the first in level order).
    case setReference(column: String, ReferenceLevel?)
    case show
    case showColumns
    case help(String?)
    case save(String)
    case export(String)
    case title(String)
    /// Replays a notebook into the live session.
    case open(String)
    /// Writes the previous, unsaved session (from the journal) to this notebook and replays it.
    case recover(String)
}

/// A Cox model: its variables, the terms built from them in R's order, and the strata.
public struct CoxModelPlan: Equatable, Sendable {
    /// Each distinct variable once, in order of first appearance (R's variable order, which orders the
    /// parts of an interaction's name: `sexc:age` when sexc is written first).
    public var variables: [CoxVariable]
    /// Main effects first, then two-way, then three-way interactions, each group in the order written.
    public var terms: [CoxTerm]
    /// Columns given as `strata(...)`.
    public var strata: [String]
    /// The column given as `cluster(...)`: rows sharing its value are one subject for the robust variance.
    public var cluster: String?

    public init(variables: [CoxVariable], terms: [CoxTerm], strata: [String], cluster: String? = nil) {
        self.variables = variables
        self.terms = terms
        self.strata = strata
        self.cluster = cluster
    }
}

/// One term: a variable, or the interaction of several (indices into `CoxModelPlan.variables`, ascending).
public struct CoxTerm: Equatable, Sendable {
    public var variables: [Int]
    public init(variables: [Int]) { self.variables = variables }
}

/// A variable of a Cox model.
public struct CoxVariable: Equatable, Sendable {
    /// As written (`age`, `log(bili)`, `factor(ph.ecog)`); coefficient names start with it.
    public var label: String
    public var kind: Kind
    public var range: SourceRange

    public enum Kind: Equatable, Sendable {
        /// One slope: a numeric column or expression (a condition counts as 1/0).
        case numeric(TypedExpression)
        /// Indicators of the levels: a text column or expression, or `factor(x)` of a numeric one.
        /// `column` names the column when the variable is one (so `set ref` applies); `reference` is
        /// `factor(x, ref = ...)`'s choice, written at `referenceRange`.
        case factor(TypedExpression, column: String?, reference: ReferenceLevel?, referenceRange: SourceRange?)
    }

    public init(label: String, kind: Kind, range: SourceRange) {
        self.label = label
        self.kind = kind
        self.range = range
    }
}

/// A level chosen as a factor's reference: a text level, or a value of a numeric column.
public enum ReferenceLevel: Equatable, Sendable {
    case text(String)
    case number(Double)
}

public enum Profile: String, Sendable, Equatable, Codable {
    case r, stata
}

public enum SettingChange: Equatable, Sendable {
    case confidenceTransform(ConfidenceTransform)
    case ties(TiesMethod)
    case level(Double)
    case digits(Int)
    case profile(Profile)
    /// Columns of a figure drawn in a notebook or script (at the prompt the terminal's width wins).
    case plotWidth(Int)
    /// Plain ASCII figures, for terminals without Unicode; false goes back to braille.
    case plotASCII(Bool)
}
