import Foundation

/// Fisher's test on a 2×2 table, step for step as R's `fisher.test`: the distribution of the first
/// cell given the margins is the noncentral hypergeometric, whose noncentrality is the odds ratio.
/// The estimate and the confidence limits solve equations in that parameter with R's `uniroot`
/// (same algorithm, same default tolerance), so they agree with R's printed digits rather than
/// with a more precise root R does not report.
struct FisherTwoByTwo {
    /// Observed count in row 1, column 1.
    let observed: Int
    /// Smallest and largest values the first cell can take given the margins.
    let low: Int, high: Int
    /// log of the central hypergeometric probabilities over low...high (up to a constant).
    let logCentral: [Double]

    /// R's uniroot default tolerance, .Machine$double.eps^0.25.
    private static let rootTolerance = pow(Double.ulpOfOne, 0.25)
    /// Beyond this many possible values of the first cell the table is better served by chi-square.
    private static let maxSupport = 10_000_000

    init(_ table: ContingencyTable) throws {
        let m = table.columnTotals[0], n = table.columnTotals[1], k = table.rowTotals[0]
        observed = table.counts[0][0]
        low = max(0, k - n)
        high = min(k, m)
        guard high - low < Self.maxSupport else {
            throw CoreError("The table's counts are too large for an exact test.",
                            hint: "Use the chi-square test instead.")
        }
        // log C(m, x) + log C(n, k - x); the common denominator C(m + n, k) cancels on normalising.
        func logFactorial(_ v: Int) -> Double { lgamma(Double(v) + 1) }
        let constant = logFactorial(m) + logFactorial(n)
        logCentral = (low...high).map { x in
            constant - logFactorial(x) - logFactorial(m - x) - logFactorial(k - x) - logFactorial(n - k + x)
        }
    }

    func result(level: Double) -> FisherExactResult {
        let alpha = (1 - level) / 2
        return FisherExactResult(p: twoSidedP(), oddsRatio: conditionalMLE(),
                                 oddsRatioLower: lowerLimit(alpha), oddsRatioUpper: upperLimit(alpha))
    }

    /// Probabilities of low...high under odds ratio `ncp` (0 < ncp < ∞), normalised.
    private func density(_ ncp: Double) -> [Double] {
        let logNcp = log(ncp)
        var d = logCentral.enumerated().map { i, value in value + logNcp * Double(low + i) }
        let top = d.max() ?? 0
        var sum = 0.0
        for i in d.indices {
            d[i] = exp(d[i] - top)
            sum += d[i]
        }
        return d.map { $0 / sum }
    }

    /// Mean of the first cell under odds ratio `ncp` (R's mnhyper).
    private func mean(_ ncp: Double) -> Double {
        if ncp == 0 { return Double(low) }
        if ncp.isInfinite { return Double(high) }
        return density(ncp).enumerated().reduce(0) { $0 + Double(low + $1.offset) * $1.element }
    }

    /// P(X ≤ q) or P(X ≥ q) under odds ratio `ncp` (R's pnhyper).
    private func tail(_ q: Int, _ ncp: Double, upper: Bool) -> Double {
        if ncp == 0 { return upper ? (q <= low ? 1 : 0) : (q >= low ? 1 : 0) }
        if ncp.isInfinite { return upper ? (q <= high ? 1 : 0) : (q >= high ? 1 : 0) }
        let d = density(ncp)
        var sum = 0.0
        for (i, value) in d.enumerated() where upper ? low + i >= q : low + i <= q { sum += value }
        return sum
    }

    /// Sum of the probabilities (odds ratio 1) of every table no more probable than the observed one.
    func twoSidedP() -> Double {
        let d = density(1)
        let threshold = d[observed - low] * (1 + FisherExact.relativeTolerance)
        var p = 0.0
        for value in d where value <= threshold { p += value }
        return min(p, 1)
    }

    /// R's uniroot on [lower, upper] of f; falls back to the bracket end nearer zero if R would fail.
    private func uniroot(_ lower: Double, _ upper: Double, _ f: (Double) -> Double) -> Double {
        let fLower = f(lower), fUpper = f(upper)
        if let root = BrentRoot.find(lower: lower, upper: upper, fLower: fLower, fUpper: fUpper,
                                     tolerance: Self.rootTolerance, f) {
            return root
        }
        return abs(fLower) < abs(fUpper) ? lower : upper
    }

    /// The conditional maximum-likelihood estimate: the odds ratio whose mean equals the observation.
    func conditionalMLE() -> Double {
        let x = Double(observed)
        if observed == low { return 0 }
        if observed == high { return .infinity }
        let mu = mean(1)
        if mu > x { return uniroot(0, 1) { mean($0) - x } }
        if mu < x { return 1 / uniroot(Double.ulpOfOne, 1) { mean(1 / $0) - x } }
        return 1
    }

    /// Smallest odds ratio not rejected by the upper-tail test at level alpha.
    func lowerLimit(_ alpha: Double) -> Double {
        if observed == low { return 0 }
        let p = tail(observed, 1, upper: true)
        if p > alpha { return uniroot(0, 1) { tail(observed, $0, upper: true) - alpha } }
        if p < alpha { return 1 / uniroot(Double.ulpOfOne, 1) { tail(observed, 1 / $0, upper: true) - alpha } }
        return 1
    }

    /// Largest odds ratio not rejected by the lower-tail test at level alpha.
    func upperLimit(_ alpha: Double) -> Double {
        if observed == high { return .infinity }
        let p = tail(observed, 1, upper: false)
        if p < alpha { return uniroot(0, 1) { tail(observed, $0, upper: false) - alpha } }
        if p > alpha { return 1 / uniroot(Double.ulpOfOne, 1) { tail(observed, 1 / $0, upper: false) - alpha } }
        return 1
    }
}
