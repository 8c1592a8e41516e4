/// A user-level term of a Cox model that may span several design columns (e.g. the indicators of a factor),
/// so that tests by term (cox.zph's `terms = TRUE`) group them the way R's `assign` does.
public struct CoxTermGroup: Codable, Equatable, Sendable {
    /// The term's label, e.g. `celltype`.
    public var name: String
    /// Indices into `CoxModelInput.covariates` of the term's design columns.
    public var columns: [Int]
    public init(name: String, columns: [Int]) {
        self.name = name
        self.columns = columns
    }
}

/// Right-censored data and a design matrix for a Cox proportional-hazards fit (R's `coxph`).
public struct CoxModelInput: Sendable, Equatable {
    /// Follow-up time per subject.
    public var time: [Double]
    /// `true` when the follow-up ended in the event.
    public var event: [Bool]
    /// One array per design column, each of length `time.count`.
    public var covariates: [[Double]]
    /// One label per design column (used in coefficients and warnings).
    public var columnNames: [String]
    /// User-level terms; `nil` means one term per column.
    public var terms: [CoxTermGroup]?
    /// Stratum label per subject (`strata()` in R); each stratum has its own baseline hazard.
    public var strata: [Int]?
    /// Case weights (`weights=` in R), all > 0.
    public var weights: [Double]?
    /// How tied event times are handled.
    public var ties: TiesMethod

    public init(time: [Double], event: [Bool], covariates: [[Double]], columnNames: [String],
                terms: [CoxTermGroup]? = nil, strata: [Int]? = nil, weights: [Double]? = nil,
                ties: TiesMethod = .efron) {
        self.time = time
        self.event = event
        self.covariates = covariates
        self.columnNames = columnNames
        self.terms = terms
        self.strata = strata
        self.weights = weights
        self.ties = ties
    }

    /// The data prepared for fitting: R's `timefix` applied to the times (coxph calls `aeqSurv` on the response
    /// before fitting, and cox.zph on the response it re-reads, so times that differ by rounding noise are one
    /// tied time in both; across all rows, not per stratum, as `aeqSurv` sees the whole response), the rows
    /// ordered by stratum (in label order, as R's `strata()` levels) then time.
    public func prepared() throws(CoreError) -> SurvivalPreparation {
        var codes: StratumCodes?
        if let strata { codes = try StratumCodes(labels: strata) }
        return try SurvivalPreparation(time: time, event: event, strata: codes, weights: weights)
    }

    /// `prepared` when given (it must have been prepared from this input), else a new preparation.
    func prepared(reusing given: SurvivalPreparation?) throws(CoreError) -> SurvivalPreparation {
        guard let given else { return try prepared() }
        guard given.rows == time.count else {
            throw CoreError("the data were prepared for \(given.rows) rows, the model has \(time.count)")
        }
        // What can be checked without redoing the work: weights and strata were prepared if the model has them.
        guard (given.sortedWeight == nil) == (weights == nil), strata != nil || given.strata == 1 else {
            throw CoreError("the data were prepared with other weights or strata than the model has")
        }
        return given
    }

    /// The terms, one per column when none were given.
    var resolvedTerms: [CoxTermGroup] {
        terms ?? columnNames.enumerated().map { CoxTermGroup(name: $0.element, columns: [$0.offset]) }
    }

    /// The most design columns (coefficients) a model may have. The fit holds p×p information matrices and the
    /// proportional-hazards test a 2p×2p one (8 MB at 500); each Newton iteration costs n·p² and the test one
    /// (p + k)³ factorisation per term, so a model at the cap still fits in seconds while 10 factors of 100
    /// levels (990 columns) took half a minute and 25 000 columns tried to allocate 5 GB. No data set a
    /// clinician fits supports that many: at 10 events per coefficient, 500 already needs 5 000 events.
    public static let maximumCoefficients = 500

    /// Checks shapes and values; every problem that would make the fit meaningless is a `CoreError`.
    func validate() throws {
        let n = time.count
        guard n > 0 else { throw CoreError("the Cox model has no observations") }
        guard covariates.count <= Self.maximumCoefficients else {
            throw CoreError("the Cox model has \(covariates.count) coefficients; at most \(Self.maximumCoefficients) can be fitted",
                            hint: "group the levels of large categorical terms, or use fewer terms")
        }
        guard event.count == n else {
            throw CoreError("time has \(n) values but event has \(event.count)")
        }
        guard !covariates.isEmpty else {
            throw CoreError("the Cox model has no covariates", hint: "give at least one predictor")
        }
        guard columnNames.count == covariates.count else {
            throw CoreError("\(covariates.count) covariate columns but \(columnNames.count) names")
        }
        for (j, column) in covariates.enumerated() {
            guard column.count == n else {
                throw CoreError("covariate \(columnNames[j]) has \(column.count) values, expected \(n)")
            }
            guard column.allSatisfy(\.isFinite) else {
                throw CoreError("covariate \(columnNames[j]) has missing or non-finite values",
                                hint: "remove incomplete rows before fitting")
            }
        }
        guard time.allSatisfy(\.isFinite) else {
            throw CoreError("time has missing or non-finite values", hint: "remove incomplete rows before fitting")
        }
        if let strata, strata.count != n {
            throw CoreError("strata has \(strata.count) values, expected \(n)")
        }
        if let weights {
            guard weights.count == n else { throw CoreError("weights has \(weights.count) values, expected \(n)") }
            guard weights.allSatisfy({ $0.isFinite && $0 > 0 }) else {
                throw CoreError("invalid weights, all must be finite and > 0")
            }
        }
        guard event.contains(true) else { throw CoreError("the Cox model has no events") }
        if let terms {
            var seen = Set<Int>()
            for term in terms {
                guard !term.columns.isEmpty else { throw CoreError("term \(term.name) has no columns") }
                for c in term.columns {
                    guard c >= 0 && c < covariates.count else {
                        throw CoreError("term \(term.name) refers to column \(c), but there are \(covariates.count)")
                    }
                    guard seen.insert(c).inserted else { throw CoreError("column \(c) belongs to two terms") }
                }
            }
            guard seen.count == covariates.count else {
                throw CoreError("terms cover \(seen.count) of \(covariates.count) columns")
            }
        }
    }
}
