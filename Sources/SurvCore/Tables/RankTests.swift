import Foundation

/// Rank-based comparisons of a numeric variable between groups, as R's `wilcox.test` and `kruskal.test`.
/// Callers remove missing values first: NaN or infinite values are refused.
public enum RankTests {
    /// Samples this small (both sides) and free of ties get R's exact p-value.
    static let exactLimit = 50

    /// Two-sample Wilcoxon rank-sum (Mann–Whitney) test with R's defaults: two-sided; exact when both
    /// samples have fewer than 50 values and there are no ties; otherwise the normal approximation with
    /// continuity correction and the tie-corrected variance.
    ///
    /// - Returns: W = (sum of the ranks of `x`) − nₓ(nₓ+1)/2, the two-sided p-value, and whether it is exact.
    /// - Throws: `CoreError` if a sample is empty, a value is not finite, or all values are equal.
    public static func wilcoxon(_ x: [Double], _ y: [Double]) throws -> RankTestResult {
        guard !x.isEmpty, !y.isEmpty else {
            throw CoreError("The Wilcoxon test needs at least one value in each group (got \(x.count) and \(y.count)).")
        }
        guard x.allSatisfy(\.isFinite), y.allSatisfy(\.isFinite) else {
            throw CoreError("The Wilcoxon test got a missing or infinite value.", hint: "Remove missing values first.")
        }
        let ranks = MidRanks(x + y)
        let nx = Double(x.count), ny = Double(y.count)
        let rankSumX = ranks.ranks[0..<x.count].reduce(0, +)
        let w = rankSumX - nx * (nx + 1) / 2

        if x.count < exactLimit && y.count < exactLimit && !ranks.hasTies {
            let distribution = WilcoxonDistribution(m: x.count, n: y.count)
            // Without ties W is an integer.
            let observed = Int(w.rounded())
            let oneSided = w > nx * ny / 2 ? distribution.upperTail(observed) : distribution.lowerTail(observed)
            return RankTestResult(statistic: w, p: min(2 * oneSided, 1), exact: true)
        }

        let n = nx + ny
        let variance = nx * ny / 12 * ((n + 1) - ranks.tieCorrection / (n * (n - 1)))
        guard variance > 0 else {
            throw CoreError("All values are equal: the Wilcoxon test is undefined.")
        }
        let centred = w - nx * ny / 2
        let continuity = centred > 0 ? 0.5 : (centred < 0 ? -0.5 : 0)
        let z = (centred - continuity) / variance.squareRoot()
        let p = 2 * min(Normal.cdf(z), Normal.sf(z))
        return RankTestResult(statistic: w, p: min(p, 1), exact: false)
    }

    /// Kruskal–Wallis rank-sum test with the correction for ties (R's `kruskal.test`), on k − 1
    /// degrees of freedom where k is the number of distinct groups.
    ///
    /// - Parameters:
    ///   - values: the observations.
    ///   - groups: a group label for each observation (any integers; only equality matters).
    /// - Throws: `CoreError` if the lengths differ, a value is not finite, there are fewer than two
    ///   groups, or all values are equal.
    public static func kruskalWallis(values: [Double], groups: [Int]) throws -> ChiSquareStatistic {
        guard values.count == groups.count else {
            throw CoreError("The Kruskal–Wallis test got \(values.count) values but \(groups.count) group labels.")
        }
        guard values.allSatisfy(\.isFinite) else {
            throw CoreError("The Kruskal–Wallis test got a missing or infinite value.", hint: "Remove missing values first.")
        }
        guard values.count >= 2 else {
            throw CoreError("The Kruskal–Wallis test needs at least two observations.")
        }
        let ranks = MidRanks(values)
        var sums: [Int: (rankSum: Double, count: Double)] = [:]
        for (rank, group) in zip(ranks.ranks, groups) {
            sums[group, default: (0, 0)].rankSum += rank
            sums[group, default: (0, 0)].count += 1
        }
        guard sums.count >= 2 else {
            throw CoreError("All observations are in the same group: the Kruskal–Wallis test needs at least two.")
        }
        let n = Double(values.count)
        let tieFactor = 1 - ranks.tieCorrection / (n * n * n - n)
        guard tieFactor > 0 else {
            throw CoreError("All values are equal: the Kruskal–Wallis test is undefined.")
        }
        // Sum over groups in a fixed order so the result does not depend on dictionary order.
        let between = sums.keys.sorted().reduce(0.0) { acc, g in
            let s = sums[g] ?? (0, 1)
            return acc + s.rankSum * s.rankSum / s.count
        }
        let h = (12 * between / (n * (n + 1)) - 3 * (n + 1)) / tieFactor
        return ChiSquareStatistic(chisq: h, df: Double(sums.count - 1))
    }
}

/// The outcome of a two-sample rank test.
public struct RankTestResult: Codable, Equatable, Sendable {
    /// R's W: the rank sum of the first sample minus its minimum possible value.
    public var statistic: Double
    /// Two-sided p-value.
    public var p: Double
    /// Whether the p-value comes from the exact permutation distribution (else the normal approximation).
    public var exact: Bool

    public init(statistic: Double, p: Double, exact: Bool) {
        self.statistic = statistic
        self.p = p
        self.exact = exact
    }
}
