/// Competing-risks data and a design matrix for a Fine–Gray subdistribution-hazard model of the event
/// (cause 1 of `data`), as R's `cmprsk::crr(ftime, fstatus, cov1, failcode =, cencode =)`.
public struct FineGrayInput: Sendable, Equatable {
    public var data: CompetingRisksData
    /// One array per design column, each with one value per row.
    public var covariates: [[Double]]
    /// One label per design column.
    public var columnNames: [String]
    /// Optional censoring-group label per row (crr's `cengroup`): the censoring distribution that weights the
    /// rows failed from a competing cause is estimated separately within each group.
    public var censoringGroups: [Int]?

    public init(data: CompetingRisksData, covariates: [[Double]], columnNames: [String], censoringGroups: [Int]? = nil) {
        self.data = data
        self.covariates = covariates
        self.columnNames = columnNames
        self.censoringGroups = censoringGroups
    }

    /// Each Newton step costs n·p² and the variance holds p×p matrices per censoring group; a clinical model
    /// never needs more columns than this, and a runaway factor expansion is stopped before it allocates.
    public static let maximumCoefficients = 500

    func validate() throws {
        let n = data.rows
        let p = covariates.count
        guard p > 0 else {
            throw CoreError("the Fine–Gray model has no covariates", hint: "name at least one term to model")
        }
        guard p <= Self.maximumCoefficients else {
            throw CoreError("the Fine–Gray model has \(p) coefficients; at most \(Self.maximumCoefficients) can be fitted",
                            hint: "group the levels of large categorical terms, or use fewer terms")
        }
        guard columnNames.count == p else {
            throw CoreError("\(p) covariate columns but \(columnNames.count) names")
        }
        for (j, column) in covariates.enumerated() {
            guard column.count == n else {
                throw CoreError("covariate \(columnNames[j]) has \(column.count) values but there are \(n) rows")
            }
            if let i = column.firstIndex(where: { !$0.isFinite }) {
                throw CoreError("covariate \(columnNames[j]) is \(column[i]) in row \(i + 1)",
                                hint: "drop rows with missing or infinite values before fitting")
            }
        }
        if let groups = censoringGroups, groups.count != n {
            throw CoreError("censoring groups have \(groups.count) values but there are \(n) rows")
        }
        guard data.cause.contains(1) else {
            throw CoreError("no row failed from the event (code \(data.causeCodes[0])), so there is nothing to model",
                            hint: "check the event code and the filter")
        }
        guard n >= 2 else {
            throw CoreError("a Fine–Gray model needs at least 2 rows, and only \(n) is left",
                            hint: "check the filter and the rows dropped for missing values")
        }
    }
}
