/// The log-rank test for trend across ordered groups, as Stata's `sts test, trend`:
/// U = s′(O − E), V = s′ Var(O − E) s, chi-square = U² / V on 1 degree of freedom.
public struct LogRankTrendTest: Codable, Equatable, Sendable {
    public var statistic: ChiSquareStatistic
    /// The score of each group (default 1, 2, …, groupCount).
    public var scores: [Double]
    /// U, the score-weighted sum of observed minus expected events.
    public var u: Double
    /// V, the variance of U.
    public var v: Double

    /// - Throws: `CoreError` for invalid input, scores of the wrong length or not finite, or V = 0
    ///   (for example no events, or all scores equal).
    public static func compute(time: [Double], event: [Bool], group: [Int], groupCount: Int,
                               scores: [Double]? = nil, strata: [Int]? = nil) throws -> LogRankTrendTest {
        let s = try checkedScores(scores, groupCount: groupCount)
        return try test(LogRankSums.compute(time: time, event: event, group: group, groupCount: groupCount,
                                            strata: strata, rho: 0), scores: s)
    }

    /// The trend across the strata of prepared data, taken as ordered groups.
    public static func compute(_ prepared: SurvivalPreparation, scores: [Double]? = nil) throws -> LogRankTrendTest {
        let s = try checkedScores(scores, groupCount: prepared.strata)
        return try test(LogRankSums.compute(prepared, rho: 0), scores: s)
    }

    private static func checkedScores(_ scores: [Double]?, groupCount: Int) throws -> [Double] {
        let s = scores ?? (0..<max(groupCount, 0)).map { Double($0 + 1) }
        guard s.count == groupCount else {
            throw CoreError("\(s.count) scores given for \(groupCount) groups")
        }
        guard s.allSatisfy(\.isFinite) else { throw CoreError("trend scores must be finite numbers") }
        return s
    }

    private static func test(_ sums: LogRankSums, scores s: [Double]) throws -> LogRankTrendTest {
        let k = sums.groupCount
        var u = 0.0, v = 0.0
        for r in 0..<k {
            u += s[r] * (sums.observed[r] - sums.expected[r])
            for c in 0..<k { v += s[r] * sums.variance[r * k + c] * s[c] }
        }
        guard v > 0 else {
            throw CoreError("the trend statistic has no variance",
                            hint: "there are no events in comparable groups, or the scores are all equal")
        }
        return LogRankTrendTest(statistic: ChiSquareStatistic(chisq: u * u / v, df: 1), scores: s, u: u, v: v)
    }
}
