/// Summaries for describing a cohort: numeric variables by their moments and quantiles, categorical
/// variables by counts and percentages.
public enum Descriptive {
    /// Summarises the non-missing values of a numeric variable.
    ///
    /// - Parameters:
    ///   - values: the observed values (any order). A NaN among them is counted as missing too.
    ///   - missing: how many observations were missing before `values` was extracted.
    /// - Complexity: one sort, O(n log n).
    public static func summarize(_ values: [Double], missing: Int) -> NumericSummary {
        let present = values.filter { !$0.isNaN }
        let totalMissing = missing + (values.count - present.count)
        guard !present.isEmpty else {
            return NumericSummary(n: 0, missing: totalMissing, mean: nil, sd: nil, median: nil, q1: nil, q3: nil,
                                  min: nil, max: nil)
        }
        return summarize(sorted: present.sorted(), missing: totalMissing)
    }

    /// The same, for values already sorted and free of NaN (a caller that sorted them for another use).
    public static func summarize(sorted: [Double], missing totalMissing: Int) -> NumericSummary {
        guard !sorted.isEmpty else {
            return NumericSummary(n: 0, missing: totalMissing, mean: nil, sd: nil, median: nil, q1: nil, q3: nil,
                                  min: nil, max: nil)
        }
        let n = Double(sorted.count)
        // Two passes, as R's mean does: the second removes most of the first's rounding error.
        var mean = sorted.reduce(0, +) / n
        if mean.isFinite {
            mean += sorted.reduce(0) { $0 + ($1 - mean) } / n
        }
        var sd: Double? = nil
        if sorted.count >= 2 {
            let m = mean
            let squares = sorted.reduce(0) { $0 + ($1 - m) * ($1 - m) }
            sd = (squares / (n - 1)).squareRoot()
        }
        return NumericSummary(n: sorted.count, missing: totalMissing, mean: mean, sd: sd,
                              median: quantile(sorted, 0.5), q1: quantile(sorted, 0.25), q3: quantile(sorted, 0.75),
                              min: sorted.first, max: sorted.last)
    }

    /// The p-quantile of sorted values, R's type 7 (`quantile`'s default): linear interpolation between
    /// the order statistics at positions 1 + (n − 1)p.
    ///
    /// Returns NaN when `sorted` is empty or `p` is outside [0, 1] (a caller error; `summarize` never
    /// asks for either). `sorted` must be in ascending order.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard !sorted.isEmpty, p >= 0, p <= 1 else { return .nan }
        let position = Double(sorted.count - 1) * p
        let lowIndex = Int(position.rounded(.down))
        let highIndex = Swift.min(Int(position.rounded(.up)), sorted.count - 1)
        let low = sorted[lowIndex], high = sorted[highIndex]
        let h = position - Double(lowIndex)
        // R: (1 - h) x[lo] + h x[hi], skipped when the two order statistics are equal.
        if h == 0 || high == low { return low }
        return (1 - h) * low + h * high
    }

    /// Counts each level of a categorical variable.
    ///
    /// - Parameters:
    ///   - codes: one code per observation, an index into `levels`; a negative code means missing.
    ///     Codes past the end of `levels` are counted as missing as well.
    ///   - levels: the level names, in display order (levels that never occur get a zero count).
    /// - Returns: one count per level, with percentages of the non-missing observations, and the number
    ///   of missing observations.
    public static func counts(codes: [Int], levels: [String]) -> ([CategoryCount], missing: Int) {
        var tally = [Int](repeating: 0, count: levels.count)
        var missing = 0
        for code in codes {
            if code >= 0 && code < levels.count { tally[code] += 1 } else { missing += 1 }
        }
        let present = codes.count - missing
        let counts = zip(levels, tally).map { level, count in
            CategoryCount(level: level, count: count,
                          percent: present > 0 ? 100 * Double(count) / Double(present) : nil)
        }
        return (counts, missing: missing)
    }
}
