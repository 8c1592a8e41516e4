/// The exact null distribution of the Wilcoxon–Mann–Whitney statistic W (R's `pwilcox`), for samples
/// without ties.
///
/// The number of ways to reach W = u is the coefficient of q^u in the Gaussian binomial [m+n choose m],
/// built by the recurrence [N, k] = [N-1, k-1] + q^k [N-1, k]. Only additions of non-negative counts are
/// involved, so the counts (up to C(98, 49) ≈ 2.5e28 for the largest samples R treats exactly) keep
/// full relative precision in Double.
struct WilcoxonDistribution {
    /// counts[u] = number of rank assignments giving W = u, u in 0...m·n.
    private let counts: [Double]
    private let total: Double

    init(m: Int, n: Int) {
        let size = m + n
        // g[k][u]: k-subsets of {1...N} whose rank sum exceeds the minimum k(k+1)/2 by u.
        var g = (0...m).map { k in [Double](repeating: 0, count: k * (size - k) + 1) }
        g[0][0] = 1
        if size >= 1 {
            for N in 1...size {
                for k in stride(from: min(N, m), through: 1, by: -1) {
                    // New g[k][u] = old g[k-1][u] + old g[k][u-k]; u descending reads old g[k].
                    let top = k * (N - k)
                    for u in stride(from: top, through: 0, by: -1) {
                        let fromSmaller = u < g[k - 1].count && u <= (k - 1) * (N - k) ? g[k - 1][u] : 0
                        let fromSame = u >= k && k <= N - 1 && u - k <= k * (N - 1 - k) ? g[k][u - k] : 0
                        g[k][u] = fromSmaller + fromSame
                    }
                }
            }
        }
        counts = g[m]
        total = counts.reduce(0, +)
    }

    /// P(W ≤ q).
    func lowerTail(_ q: Int) -> Double {
        guard q >= 0 else { return 0 }
        guard q < counts.count - 1 else { return 1 }
        var sum = 0.0
        for u in 0...q { sum += counts[u] }
        return sum / total
    }

    /// P(W ≥ q).
    func upperTail(_ q: Int) -> Double {
        guard q <= counts.count - 1 else { return 0 }
        guard q > 0 else { return 1 }
        var sum = 0.0
        for u in q..<counts.count { sum += counts[u] }
        return sum / total
    }
}
