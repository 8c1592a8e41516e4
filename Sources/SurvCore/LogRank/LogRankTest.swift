/// One group's row of a log-rank table.
public struct LogRankGroup: Codable, Equatable, Sendable {
    /// Rows in the group.
    public var n: Int
    /// Observed events (weighted by S(t−)^rho when rho ≠ 0, as survdiff reports them).
    public var observed: Double
    /// Expected events under the null hypothesis, summed over strata.
    public var expected: Double
    public init(n: Int, observed: Double, expected: Double) {
        self.n = n
        self.observed = observed
        self.expected = expected
    }
}

/// The G-rho family of tests comparing survival between groups, as R survival's `survdiff`
/// (rho = 0: log-rank; rho = 1: Peto–Peto modification of Gehan–Wilcoxon), optionally stratified.
public struct LogRankTest: Codable, Equatable, Sendable {
    /// One entry per group code 0..<groupCount.
    public var groups: [LogRankGroup]
    /// Covariance of O − E, groupCount × groupCount, summed over strata (survdiff's `var`).
    public var variance: [[Double]]
    /// Chi-square on (groups with expected > 0) − 1 degrees of freedom.
    public var statistic: ChiSquareStatistic
    public var rho: Double

    /// Compares survival between groups.
    /// - Parameters:
    ///   - group: a code in 0..<groupCount per row.
    ///   - strata: optional stratum labels (any integers): O, E and the variance are summed over strata.
    ///   - rho: the Fleming–Harrington weight exponent on S(t−).
    /// - A group with no rows (or no one at risk at any event time) has expected 0 and, as in survdiff, is
    ///   left out of the degrees of freedom; it still appears in `groups`.
    /// - Throws: `CoreError` for invalid input, or when fewer than two groups have anyone at risk at an event
    ///   time (no events at all, for example), where there is nothing to compare.
    public static func compute(time: [Double], event: [Bool], group: [Int], groupCount: Int,
                               strata: [Int]? = nil, rho: Double = 0) throws -> LogRankTest {
        try test(LogRankSums.compute(time: time, event: event, group: group, groupCount: groupCount,
                                     strata: strata, rho: rho), rho: rho)
    }

    /// Compares the strata of prepared data as the groups (R's `survdiff(Surv(time, status) ~ strata)`);
    /// group g is the preparation's stratum g.
    public static func compute(_ prepared: SurvivalPreparation, rho: Double = 0) throws -> LogRankTest {
        try test(LogRankSums.compute(prepared, rho: rho), rho: rho)
    }

    private static func test(_ sums: LogRankSums, rho: Double) throws -> LogRankTest {
        let k = sums.groupCount
        // survdiff: drop groups with no expected events, then the first remaining one (the sum of O − E is 0).
        let used = (0..<k).filter { sums.expected[$0] > 0 }
        guard used.count >= 2 else {
            throw CoreError("nothing to compare: fewer than two groups have anyone at risk at an event time",
                            hint: sums.expected.allSatisfy { $0 == 0 } ? "there are no events" : nil)
        }
        let free = Array(used.dropFirst())
        let m = free.count
        let difference = free.map { sums.observed[$0] - sums.expected[$0] }
        var v = [Double](repeating: 0, count: m * m)
        for (r, gr) in free.enumerated() { for (c, gc) in free.enumerated() { v[r * m + c] = sums.variance[gr * k + gc] } }
        // A variance matrix is symmetric and non-negative definite: the factorisation the Cox code uses solves
        // it, and a short rank is the singular case survdiff's solve() refuses.
        let factor = EquilibratedCholesky(symmetric: v, size: m)
        guard factor.rank == m else {
            throw CoreError("the variance matrix of the log-rank test is singular",
                            hint: "some groups may have no comparable follow-up")
        }
        let solved = factor.solve(difference)
        let chisq = zip(solved, difference).reduce(0) { $0 + $1.0 * $1.1 }
        return LogRankTest(
            groups: (0..<k).map { LogRankGroup(n: sums.rowsPerGroup[$0], observed: sums.observed[$0], expected: sums.expected[$0]) },
            variance: (0..<k).map { r in Array(sums.variance[(r * k)..<(r * k + k)]) },
            statistic: ChiSquareStatistic(chisq: chisq, df: Double(m)),
            rho: rho)
    }
}
