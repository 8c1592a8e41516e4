/// A Cox model on (start, stop] intervals: R's `coxph(Surv(start, stop, event) ~ ...)`, optionally with
/// `cluster(id)` for a sandwich variance over the clusters.
public struct CountingProcessCoxInput: Sendable {
    public var start: [Double]
    public var stop: [Double]
    public var event: [Bool]
    /// Design columns, one array of n values each.
    public var covariates: [[Double]]
    public var columnNames: [String]
    /// User-level terms over the columns (a factor's indicators are one term); nil for one term per column.
    /// The fit does not need them; the proportional-hazards test groups its per-term tests by them.
    public var terms: [CoxTermGroup]?
    /// Stratum code per row; nil for one stratum.
    public var strata: [Int]?
    /// Cluster code per row (`cluster(id)`); nil for the model-based variance only.
    public var cluster: [Int]?
    public var ties: TiesMethod

    public init(start: [Double], stop: [Double], event: [Bool], covariates: [[Double]], columnNames: [String],
                strata: [Int]? = nil, cluster: [Int]? = nil, ties: TiesMethod = .efron, terms: [CoxTermGroup]? = nil) {
        self.start = start
        self.stop = stop
        self.event = event
        self.covariates = covariates
        self.columnNames = columnNames
        self.strata = strata
        self.cluster = cluster
        self.ties = ties
        self.terms = terms
    }

    /// The terms, one per column when none were given.
    var resolvedTerms: [CoxTermGroup] {
        terms ?? columnNames.enumerated().map { CoxTermGroup(name: $0.element, columns: [$0.offset]) }
    }

    func validate() throws(CoreError) {
        try CountingProcessInput.validate(start: start, stop: stop, event: event)
        let n = stop.count
        guard !covariates.isEmpty, covariates.count == columnNames.count else {
            throw CoreError("a Cox model needs at least one covariate column, each with a name")
        }
        for (j, column) in covariates.enumerated() {
            guard column.count == n else { throw CoreError("\(columnNames[j]) has \(column.count) values but there are \(n) rows") }
            if let bad = column.firstIndex(where: { !$0.isFinite }) {
                throw CoreError("\(columnNames[j]) is not finite in row \(bad + 1)")
            }
        }
        if let strata, strata.count != n || strata.contains(where: { $0 < 0 }) { throw CoreError("bad strata codes") }
        if let cluster, cluster.count != n || cluster.contains(where: { $0 < 0 }) { throw CoreError("bad cluster codes") }
        if let terms {
            var seen = Set<Int>()
            for term in terms {
                for c in term.columns where c < 0 || c >= covariates.count || !seen.insert(c).inserted {
                    throw CoreError("term \(term.name) refers to a design column that does not exist or belongs to another term")
                }
            }
            guard seen.count == covariates.count else { throw CoreError("terms cover \(seen.count) of \(covariates.count) columns") }
        }
    }
}
