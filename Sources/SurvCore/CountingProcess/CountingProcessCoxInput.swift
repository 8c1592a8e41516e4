/// A Cox model on (start, stop] intervals: R's `coxph(Surv(start, stop, event) ~ ...)`, optionally with
/// `cluster(id)` for a sandwich variance over the clusters.
public struct CountingProcessCoxInput: Sendable {
    public var start: [Double]
    public var stop: [Double]
    public var event: [Bool]
    /// Design columns, one array of n values each.
    public var covariates: [[Double]]
    public var columnNames: [String]
    /// Stratum code per row; nil for one stratum.
    public var strata: [Int]?
    /// Cluster code per row (`cluster(id)`); nil for the model-based variance only.
    public var cluster: [Int]?
    public var ties: TiesMethod

    public init(start: [Double], stop: [Double], event: [Bool], covariates: [[Double]], columnNames: [String],
                strata: [Int]? = nil, cluster: [Int]? = nil, ties: TiesMethod = .efron) {
        self.start = start
        self.stop = stop
        self.event = event
        self.covariates = covariates
        self.columnNames = columnNames
        self.strata = strata
        self.cluster = cluster
        self.ties = ties
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
    }
}
