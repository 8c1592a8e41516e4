import Foundation

/// Pearson's chi-square test of independence in a table of counts, as R's `chisq.test` on a matrix.
public enum PearsonChiSquare {
    /// Tests independence of rows and columns.
    ///
    /// - Parameters:
    ///   - table: counts, one inner array per row.
    ///   - yates: apply Yates' continuity correction. As in R it only affects 2×2 tables, and the
    ///     correction is min(0.5, |O - E|) so that it never overshoots the observed difference.
    /// - Returns: the statistic on (r-1)(c-1) degrees of freedom and the expected counts. When an
    ///   expected count is below 5 a warning `small_expected_counts` is attached (R: "Chi-squared
    ///   approximation may be incorrect").
    /// - Throws: `CoreError` for an empty or ragged table, fewer than 2 rows or columns, a negative count,
    ///   or a row or column without observations.
    public static func test(_ table: [[Int]], yates: Bool) throws -> PearsonChiSquareResult {
        let t = try ContingencyTable(table)
        let n = Double(t.total)
        let expected = t.rowTotals.map { r in t.columnTotals.map { c in Double(r) * Double(c) / n } }
        let correction: Double
        if yates && t.rowCount == 2 && t.columnCount == 2 {
            var smallest = 0.5
            for i in 0..<2 { for j in 0..<2 { smallest = min(smallest, abs(Double(t.counts[i][j]) - expected[i][j])) } }
            correction = smallest
        } else {
            correction = 0
        }
        var chisq = 0.0
        var smallExpected = false
        for i in 0..<t.rowCount {
            for j in 0..<t.columnCount {
                let e = expected[i][j]
                let d = abs(Double(t.counts[i][j]) - e) - correction
                chisq += d * d / e
                if e < 5 { smallExpected = true }
            }
        }
        let df = Double((t.rowCount - 1) * (t.columnCount - 1))
        let warnings = smallExpected
            ? [CoreWarning(code: "small_expected_counts",
                           message: "Some expected counts are below 5: the chi-square approximation may be inaccurate; consider Fisher's exact test.")]
            : []
        return PearsonChiSquareResult(statistic: ChiSquareStatistic(chisq: chisq, df: df), expected: expected,
                                      warnings: warnings)
    }
}

/// The outcome of Pearson's chi-square test.
public struct PearsonChiSquareResult: Codable, Equatable, Sendable {
    /// X² with (r-1)(c-1) degrees of freedom and its upper-tail p-value.
    public var statistic: ChiSquareStatistic
    /// Expected counts under independence, row total × column total / n.
    public var expected: [[Double]]
    /// `small_expected_counts` when some expected count is below 5.
    public var warnings: [CoreWarning]

    public init(statistic: ChiSquareStatistic, expected: [[Double]], warnings: [CoreWarning] = []) {
        self.statistic = statistic
        self.expected = expected
        self.warnings = warnings
    }
}
