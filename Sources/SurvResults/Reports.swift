import SurvCore

/// The conventions a result was computed under; every result footer names them.
public struct Conventions: Codable, Equatable, Sendable {
    public var profile: String
    public var transform: ConfidenceTransform
    public var level: Double
    public var ties: TiesMethod
    public var quantileRule: QuantileRule

    public init(profile: String, transform: ConfidenceTransform, level: Double, ties: TiesMethod, quantileRule: QuantileRule = .r) {
        self.profile = profile
        self.transform = transform
        self.level = level
        self.ties = ties
        self.quantileRule = quantileRule
    }
}

/// Rows a computation could not use.
public struct RowAccounting: Codable, Equatable, Sendable {
    /// Rows kept by the filter.
    public var kept: Int
    /// Of those, rows dropped because a used column was missing (R's na.action).
    public var droppedMissing: Int
    public init(kept: Int, droppedMissing: Int) {
        self.kept = kept
        self.droppedMissing = droppedMissing
    }
}

public struct KaplanMeierStratum: Codable, Equatable, Sendable {
    public var label: String
    public var curve: KaplanMeierCurve
    /// The median under the conventions in force (R's or Stata's rule).
    public var median: EstimateWithInterval
    public var at: [SurvivalAtTime?]
    /// One per probability of `km quantile`, under the same rule as the median.
    public var quantiles: [EstimateWithInterval]
    public init(label: String, curve: KaplanMeierCurve, median: EstimateWithInterval, at: [SurvivalAtTime?],
                quantiles: [EstimateWithInterval] = []) {
        self.label = label
        self.curve = curve
        self.median = median
        self.at = at
        self.quantiles = quantiles
    }
}

public struct KaplanMeierReport: Codable, Equatable, Sendable {
    public var endpoint: String
    public var strata: [KaplanMeierStratum]
    public var times: [Double]
    public var rows: RowAccounting
    public var conventions: Conventions
    /// `km table`: the whole product-limit table instead of the summary.
    public var fullTable: Bool
    /// The probabilities of `km quantile` (empty otherwise).
    public var probabilities: [Double]
    /// `km at T, ... wide`: the survival at the times as a strata × times table.
    public var wide: Bool
    /// With a competing-risks endpoint, the competing causes `km` treated as censored (the naive estimate).
    public var censoredCompetingCauses: [String] = []
    public init(endpoint: String, strata: [KaplanMeierStratum], times: [Double], rows: RowAccounting, conventions: Conventions, fullTable: Bool,
                probabilities: [Double] = [], wide: Bool = false) {
        self.wide = wide
        self.endpoint = endpoint
        self.strata = strata
        self.times = times
        self.rows = rows
        self.conventions = conventions
        self.fullTable = fullTable
        self.probabilities = probabilities
    }
}

public struct LogRankReport: Codable, Equatable, Sendable {
    public var endpoint: String
    public var labels: [String]
    public var test: LogRankTest
    public var trend: LogRankTrendTest?
    public var rows: RowAccounting
    public var conventions: Conventions
    public init(endpoint: String, labels: [String], test: LogRankTest, trend: LogRankTrendTest?, rows: RowAccounting, conventions: Conventions) {
        self.endpoint = endpoint
        self.labels = labels
        self.test = test
        self.trend = trend
        self.rows = rows
        self.conventions = conventions
    }
}

public struct CoxReport: Codable, Equatable, Sendable {
    public var endpoint: String
    public var fit: CoxFit
    public var strataColumns: [String]
    public var rows: RowAccounting
    public var conventions: Conventions
    /// The `cluster()` column: the coefficients then carry robust standard errors.
    public var cluster: String? = nil
    public init(endpoint: String, fit: CoxFit, strataColumns: [String], rows: RowAccounting, conventions: Conventions) {
        self.endpoint = endpoint
        self.fit = fit
        self.strataColumns = strataColumns
        self.rows = rows
        self.conventions = conventions
    }
}

/// A Cox model with no terms but strata (R's `coxph(Surv(t, s) ~ strata(g))`): the null model, of which
/// R reports the log-likelihood, n and the events.
public struct CoxNullReport: Codable, Equatable, Sendable {
    public var endpoint: String
    public var model: CoxNullModel
    public var strataColumns: [String]
    public var rows: RowAccounting
    public var conventions: Conventions
    public init(endpoint: String, model: CoxNullModel, strataColumns: [String], rows: RowAccounting, conventions: Conventions) {
        self.endpoint = endpoint
        self.model = model
        self.strataColumns = strataColumns
        self.rows = rows
        self.conventions = conventions
    }
}

public struct PHTestReport: Codable, Equatable, Sendable {
    public var test: ProportionalHazardsTest
    public var conventions: Conventions
    /// The command that fitted the model tested (`cox age + sex`): the last model that succeeded, which is
    /// not the last `cox` typed when that one failed.
    public var model: String?
    /// Rows and events the model was fitted on.
    public var n: Int?
    public var events: Int?
    public init(test: ProportionalHazardsTest, conventions: Conventions, model: String? = nil, n: Int? = nil, events: Int? = nil) {
        self.test = test
        self.conventions = conventions
        self.model = model
        self.n = n
        self.events = events
    }
}

public struct FollowupStratum: Codable, Equatable, Sendable {
    public var label: String
    public var n: Int
    public var median: EstimateWithInterval
    public init(label: String, n: Int, median: EstimateWithInterval) {
        self.label = label
        self.n = n
        self.median = median
    }
}

public struct FollowupReport: Codable, Equatable, Sendable {
    public var endpoint: String
    public var strata: [FollowupStratum]
    public var rows: RowAccounting
    public var conventions: Conventions
    public init(endpoint: String, strata: [FollowupStratum], rows: RowAccounting, conventions: Conventions) {
        self.endpoint = endpoint
        self.strata = strata
        self.rows = rows
        self.conventions = conventions
    }
}

public enum ColumnDescription: Codable, Equatable, Sendable {
    /// `label`: the column's variable label from a Stata, SPSS or SAS file.
    case numeric(name: String, NumericSummary, label: String? = nil)
    case categorical(name: String, counts: [CategoryCount], missing: Int, label: String? = nil)
    /// A column of dates: the summary's values are days since 1970-01-01; `withTime` for dates and times.
    case date(name: String, NumericSummary, label: String?, withTime: Bool)
}

public struct CrossTable: Codable, Equatable, Sendable {
    public var rowName: String
    public var columnName: String?
    public var rowLevels: [String]
    public var columnLevels: [String]
    /// counts[row][column]; a single column when there is no second variable.
    public var counts: [[Int]]
    public var missing: Int
    public init(rowName: String, columnName: String?, rowLevels: [String], columnLevels: [String], counts: [[Int]], missing: Int) {
        self.rowName = rowName
        self.columnName = columnName
        self.rowLevels = rowLevels
        self.columnLevels = columnLevels
        self.counts = counts
        self.missing = missing
    }
}

public struct FisherReport: Codable, Equatable, Sendable {
    public var table: CrossTable
    public var result: FisherExactResult
    public var level: Double
    public init(table: CrossTable, result: FisherExactResult, level: Double) {
        self.table = table
        self.result = result
        self.level = level
    }
}

/// A column's reference level chosen with `set ref`, as text (a number as it prints).
public struct ReferenceChoice: Codable, Equatable, Sendable {
    public var column: String
    public var level: String
    public init(column: String, level: String) {
        self.column = column
        self.level = level
    }
}

/// The session's state as `show` prints it.
public struct StateReport: Codable, Equatable, Sendable {
    public var dataset: String?
    public var rows: Int
    public var kept: Int
    public var filters: [String]
    public var endpoint: String?
    public var endpoints: [String]
    public var strata: [String]
    public var conventions: Conventions
    public var digits: Int
    /// `set ref` choices, by column name: the reference level as text (a number as it prints).
    public var references: [ReferenceChoice] = []
    /// `landmark at T` in force.
    public var landmark: Double? = nil
    /// `censor at EXPR` in force, as written.
    public var censorAt: String? = nil
    public init(dataset: String?, rows: Int, kept: Int, filters: [String], endpoint: String?, endpoints: [String], strata: [String], conventions: Conventions, digits: Int,
                references: [ReferenceChoice] = []) {
        self.references = references
        self.dataset = dataset
        self.rows = rows
        self.kept = kept
        self.filters = filters
        self.endpoint = endpoint
        self.endpoints = endpoints
        self.strata = strata
        self.conventions = conventions
        self.digits = digits
    }
}

/// Everything a command can produce. Text and JSON are both drawn from this value.
public enum Report: Codable, Equatable, Sendable {
    case message(String)
    case kaplanMeier(KaplanMeierReport)
    case logrank(LogRankReport)
    case cox(CoxReport)
    case coxNull(CoxNullReport)
    case phtest(PHTestReport)
    case followup(FollowupReport)
    case describe([ColumnDescription])
    case tabulate(CrossTable)
    case fisher(FisherReport)
    case restrictedMean(RestrictedMeanReport)
    case chisq(ChiSquareReport)
    case wilcoxon(WilcoxonReport)
    case kruskal(KruskalReport)
    case state(StateReport)
    case help(HelpReport)
    case figure(FigureReport)
    case table1(Table1Report)
    case expect(ExpectReport)
    case columns(ColumnListReport)
    case cumulativeIncidence(CumulativeIncidenceReport)
    case landmark(LandmarkReport)
    case split(SplitReport)
    case censor(CensorReport)
    case fineGray(FineGrayReport)
    case about(AboutReport)

    /// The `kind` field of the JSON Lines output.
    public var kind: String {
        switch self {
        case .message: return "message"
        case .kaplanMeier(let r): return r.fullTable ? "km_table" : "km"
        case .logrank: return "logrank"
        case .cox, .coxNull: return "cox"
        case .phtest: return "phtest"
        case .followup: return "followup"
        case .describe: return "describe"
        case .tabulate: return "tab"
        case .fisher: return "fisher"
        case .restrictedMean: return "rmst"
        case .chisq: return "chisq"
        case .wilcoxon: return "wilcoxon"
        case .kruskal: return "kruskal"
        case .state: return "show"
        case .help: return "help"
        case .figure: return "plot"
        case .table1: return "table1"
        case .expect: return "expect"
        case .columns: return "columns"
        case .cumulativeIncidence: return "cuminc"
        case .landmark: return "landmark"
        case .split: return "split"
        case .censor: return "censor"
        case .fineGray: return "finegray"
        case .about: return "about"
        }
    }
}
