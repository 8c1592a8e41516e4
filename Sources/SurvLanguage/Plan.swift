import SurvCore

/// A checked command: a typed call the session can execute without further validation of names or types.
public enum Plan: Equatable, Sendable {
    case loadBundled(String)
    case loadFile(String)
    case defineEndpoint(name: String?, time: String, event: String)
    case selectEndpoint(String)
    case filter(TypedExpression)
    case clearFilter
    case derive(String, TypedExpression)
    case stratify([String])
    case stratifyNone
    case kaplanMeier(times: [Double])
    case kaplanMeierTable
    /// Probabilities strictly between 0 and 1.
    case kaplanMeierQuantiles([Double])
    /// A horizon > 0; whether the data reach it is known only when it runs.
    case restrictedMean(tau: Double)
    /// `rho` weights each event time by S(t-)^rho (Fleming–Harrington; 0 = log-rank, 1 = Peto–Peto).
    case logrank(trend: Bool, rho: Double)
    case cox([CoxTermPlan])
    case phtest
    case followup
    case describe([String])
    case tabulate(String, by: String?)
    case fisher(String, by: String)
    /// Yates' continuity correction is asked for (R's default); it applies to 2×2 tables only.
    case chisq(String, by: String, correct: Bool)
    /// A numeric column compared between the two groups of another (R's `wilcox.test(x ~ g)`).
    case wilcoxon(String, by: String)
    /// A numeric column compared across the groups of another (R's `kruskal.test(x ~ g)`).
    case kruskal(String, by: String)
    case setting(SettingChange)
    case show
    case help(String?)
    case save(String)
    case title(String)
    /// Replays a notebook into the live session.
    case open(String)
    /// Writes the previous, unsaved session (from the journal) to this notebook and replays it.
    case recover(String)
}

/// One term of a Cox model as the user wrote it.
public enum CoxTermPlan: Equatable, Sendable {
    /// A numeric column or expression, labelled by its source text.
    case numeric(label: String, TypedExpression)
    /// A text column: indicators for each level against the first.
    case categorical(column: String)
    /// `strata(column)`: separate baseline hazards, no coefficient.
    case strata(column: String)
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
}
