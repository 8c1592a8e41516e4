import SurvCore

/// `table1`: each variable summarised per group, with the test a clinical paper reports for it.
public struct Table1Report: Codable, Equatable, Sendable {
    /// The grouping column; nil for one column of the whole cohort.
    public var by: String?
    /// The columns of the table: the groups of `by` in level order, then `All` when asked for.
    public var groups: [Table1Group]
    public var variables: [Table1Variable]
    /// Kept rows left out because `by` was missing in them.
    public var missingGroup: Int

    public init(by: String?, groups: [Table1Group], variables: [Table1Variable], missingGroup: Int) {
        self.by = by
        self.groups = groups
        self.variables = variables
        self.missingGroup = missingGroup
    }
}

public struct Table1Group: Codable, Equatable, Sendable {
    public var label: String
    public var n: Int
    public init(label: String, n: Int) {
        self.label = label
        self.n = n
    }
}

/// Which test a row's p-value comes from (gtsummary's `add_p()` choices).
public enum Table1Test: String, Codable, Sendable, CaseIterable {
    case wilcoxon, kruskal, chisq, fisher
}

public struct Table1Variable: Codable, Equatable, Sendable {
    public enum Summary: Codable, Equatable, Sendable {
        /// Per column of the table.
        case numeric([NumericSummary])
        /// Per level, counts per column; percents of the column's non-missing rows.
        case categorical(levels: [Table1Level], missing: [Int])
    }

    public var name: String
    /// The column's variable label from a Stata, SPSS or SAS file: the row's name in the table, as gtsummary
    /// uses it.
    public var label: String?
    public var summary: Summary
    public var test: Table1Test?
    public var p: Double?

    public init(name: String, label: String? = nil, summary: Summary, test: Table1Test?, p: Double?) {
        self.name = name
        self.label = label
        self.summary = summary
        self.test = test
        self.p = p
    }
}

public struct Table1Level: Codable, Equatable, Sendable {
    public var level: String
    public var counts: [Int]
    public var percents: [Double?]
    public init(level: String, counts: [Int], percents: [Double?]) {
        self.level = level
        self.counts = counts
        self.percents = percents
    }
}
