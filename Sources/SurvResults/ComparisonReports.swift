import SurvCore

/// Tests comparing two columns of the cohort (beside Fisher's, which has its own report): Pearson's
/// chi-square on their cross-table, and the rank tests of a numeric column across groups.

public struct ChiSquareReport: Codable, Equatable, Sendable {
    public var table: CrossTable
    public var result: PearsonChiSquareResult
    /// Whether Yates' continuity correction was applied: asked for (R's default) and the table is 2×2.
    public var corrected: Bool
    public init(table: CrossTable, result: PearsonChiSquareResult, corrected: Bool) {
        self.table = table
        self.result = result
        self.corrected = corrected
    }
}

/// One group of a rank test: its label, size and median (what a reader compares the test with).
public struct RankTestGroup: Codable, Equatable, Sendable {
    public var label: String
    public var n: Int
    public var median: Double?
    public init(label: String, n: Int, median: Double?) {
        self.label = label
        self.n = n
        self.median = median
    }
}

public struct WilcoxonReport: Codable, Equatable, Sendable {
    public var variable: String
    public var by: String
    /// The first group is R's `x` (the first level), so W is the first group's rank sum minus its minimum.
    public var groups: [RankTestGroup]
    public var result: RankTestResult
    /// Ties made R's default exact test impossible (both groups under 50): R warns and uses the normal approximation.
    public var tiesPreventedExact: Bool
    public var rows: RowAccounting
    public init(variable: String, by: String, groups: [RankTestGroup], result: RankTestResult, tiesPreventedExact: Bool, rows: RowAccounting) {
        self.variable = variable
        self.by = by
        self.groups = groups
        self.result = result
        self.tiesPreventedExact = tiesPreventedExact
        self.rows = rows
    }
}

public struct KruskalReport: Codable, Equatable, Sendable {
    public var variable: String
    public var by: String
    public var groups: [RankTestGroup]
    public var statistic: ChiSquareStatistic
    public var rows: RowAccounting
    public init(variable: String, by: String, groups: [RankTestGroup], statistic: ChiSquareStatistic, rows: RowAccounting) {
        self.variable = variable
        self.by = by
        self.groups = groups
        self.statistic = statistic
        self.rows = rows
    }
}
