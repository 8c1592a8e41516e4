import Foundation

/// Fisher's exact test of independence in a table of counts, as R's `fisher.test` computes it.
public enum FisherExact {
    /// Two tables whose probabilities differ by less than this relative amount count as equally
    /// probable (R's `relErr` in `fisher.test`), so rounding cannot drop the observed table's ties.
    static let relativeTolerance = 1e-7

    /// Tests independence of rows and columns.
    ///
    /// - 2×2 tables: two-sided p-value (sum of the probabilities of tables no more probable than the
    ///   observed one), the conditional maximum-likelihood odds ratio and its exact confidence interval
    ///   from the noncentral hypergeometric distribution — the numbers R prints. An odds ratio of 0 or
    ///   +∞ (a zero cell) is returned as such; note that JSON encoding of +∞ needs a non-conforming
    ///   float strategy.
    /// - r×c tables: exact two-sided p-value by a network enumeration of all tables with the observed
    ///   margins; the odds ratio fields are nil. Tables whose enumeration would be too large are refused.
    ///
    /// - Parameters:
    ///   - table: counts, one inner array per row.
    ///   - level: confidence level of the odds-ratio interval, in (0, 1).
    /// - Throws: `CoreError` for an empty or ragged table, fewer than 2 rows or columns, a negative count,
    ///   a row or column without observations, an invalid level, or an r×c table too large to enumerate.
    public static func test(_ table: [[Int]], level: Double = 0.95) throws -> FisherExactResult {
        guard level > 0, level < 1 else {
            throw CoreError("The confidence level must lie strictly between 0 and 1 (got \(level)).")
        }
        let validated = try ContingencyTable(table)
        if validated.rowCount == 2 && validated.columnCount == 2 {
            return try FisherTwoByTwo(validated).result(level: level)
        }
        let p = try FisherNetwork(validated).pValue()
        return FisherExactResult(p: p, oddsRatio: nil, oddsRatioLower: nil, oddsRatioUpper: nil)
    }
}

/// The outcome of Fisher's exact test.
public struct FisherExactResult: Codable, Equatable, Sendable {
    /// Two-sided exact p-value.
    public var p: Double
    /// Conditional maximum-likelihood odds ratio (2×2 only; may be 0 or +∞).
    public var oddsRatio: Double?
    /// Lower confidence limit of the odds ratio (2×2 only; 0 when the first cell is at its minimum).
    public var oddsRatioLower: Double?
    /// Upper confidence limit of the odds ratio (2×2 only; +∞ when the first cell is at its maximum).
    public var oddsRatioUpper: Double?

    public init(p: Double, oddsRatio: Double?, oddsRatioLower: Double?, oddsRatioUpper: Double?) {
        self.p = p
        self.oddsRatio = oddsRatio
        self.oddsRatioLower = oddsRatioLower
        self.oddsRatioUpper = oddsRatioUpper
    }
}
