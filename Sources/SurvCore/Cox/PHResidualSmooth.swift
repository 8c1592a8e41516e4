import Foundation

// What R's plot.cox.zph draws through each term's scaled Schoenfeld residuals: a least-squares fit on a
// natural-spline basis of transformed time, evaluated at equally spaced points, with a band of two
// standard errors. The basis is built on the evaluation points and the event times together (R's
// ns(c(pred.x, x))), which moves its interior knots; doing the same keeps the curve R's.

/// The smoothed coefficient β(t) of one term, with R's band around it.
public struct PHResidualSmooth: Codable, Equatable, Sendable {
    public var term: String
    /// Equally spaced transformed times from the first to the last event's (R's `pred.x`), on the scale of
    /// `ScaledSchoenfeldResiduals.transformedTime`. (For the log transform R draws against exp(x), that is
    /// time on a logarithmic axis.)
    public var x: [Double]
    /// The smooth at each x.
    public var fit: [Double]
    /// The smooth ∓ 2 standard errors.
    public var lower: [Double]
    public var upper: [Double]

    public init(term: String, x: [Double], fit: [Double], lower: [Double], upper: [Double]) {
        self.term = term
        self.x = x
        self.fit = fit
        self.lower = lower
        self.upper = upper
    }

    /// True where R skips the term ("spline fit is singular"): too few distinct times among its residuals.
    public var isEmpty: Bool { x.isEmpty }
}

extension ProportionalHazardsTest {
    /// The most evaluation points a smooth takes: far more than a figure resolves.
    public static let maximumSmoothPoints = 10_000

    /// R's `plot(cox.zph(fit), df = df, nsmo = points)` smooths, one per term in the order of
    /// `residuals.terms`. A term whose residuals take fewer distinct times than the basis has columns gets
    /// an empty smooth, where R skips its plot.
    public func smooths(df: Int = 4, points: Int = 40) throws -> [PHResidualSmooth] {
        guard df >= 2 else { throw CoreError("the smooth needs at least 2 degrees of freedom, got \(df)") }
        guard (1...Self.maximumSmoothPoints).contains(points) else {
            throw CoreError("the smooth takes 1 to \(Self.maximumSmoothPoints) points, got \(points)")
        }
        let r = residuals
        let m = r.terms.count
        let events = r.transformedTime.count
        guard r.values.count == m, r.values.allSatisfy({ $0.count == events }) else {
            throw CoreError("the scaled residuals do not have one value per event for each term")
        }
        guard r.variance.count == m, r.variance.allSatisfy({ $0.count == m }) else {
            throw CoreError("the variance of the scaled residuals is not available",
                            hint: "their average information matrix is singular")
        }
        guard events > 0 else { throw CoreError("there are no events to smooth") }
        let xx = r.transformedTime
        guard xx.allSatisfy(\.isFinite) else { throw CoreError("the transformed event times are not all finite") }
        let empty = r.terms.map { PHResidualSmooth(term: $0, x: [], fit: [], lower: [], upper: []) }
        // Each fit's rank is at most the number of distinct times, so more columns than that fail for every
        // term; deciding it here also keeps an oversized df from building a basis.
        guard let low = xx.min(), let high = xx.max(), low < high, Set(xx).count >= df else { return empty }

        let predX = Self.evenlySpaced(from: low, to: high, count: points)
        let basis = try NaturalSplineBasis(predX + xx, df: df, intercept: true)
        let p = basis.columns
        let pmat = Array(basis.rows[0..<points])
        let xmat = Array(basis.rows[points...])

        var result: [PHResidualSmooth] = []
        for (i, term) in r.terms.enumerated() {
            try Interruption.checkpoint()
            // R drops NA residuals (a term constant in the event's stratum); a non-finite one is no better.
            let keep = (0..<events).filter { r.values[i][$0]?.isFinite ?? false }
            guard keep.count >= p else {
                result.append(empty[i])
                continue
            }
            var design = [Double](repeating: 0, count: keep.count * p)
            for j in 0..<p { for (row, e) in keep.enumerated() { design[j * keep.count + row] = xmat[e][j] } }
            let qr = HouseholderQR(columnMajor: design, rows: keep.count, columns: p)
            guard qr.isFullRank else {
                result.append(empty[i])
                continue
            }
            let coef = qr.leastSquares(keep.map { r.values[i][$0] ?? 0 })
            let variance = r.variance[i][i]
            var fit: [Double] = [], lower: [Double] = [], upper: [Double] = []
            for row in pmat {
                let yhat = zip(row, coef).reduce(0) { $0 + $1.0 * $1.1 }
                let seval = qr.solveTransposeR(row).reduce(0) { $0 + $1 * $1 }
                let half = 2 * (variance * seval).squareRoot()
                fit.append(yhat)
                lower.append(yhat - half)
                upper.append(yhat + half)
            }
            result.append(PHResidualSmooth(term: term, x: predX, fit: fit, lower: lower, upper: upper))
        }
        return result
    }

    /// R's seq(from, to, length.out = count).
    static func evenlySpaced(from: Double, to: Double, count: Int) -> [Double] {
        guard count > 2 else { return Array([from, to].prefix(max(count, 0))) }
        guard from != to else { return [Double](repeating: from, count: count) }
        let step = (to - from) / Double(count - 1)
        return [from] + (1..<(count - 1)).map { from + Double($0) * step } + [to]
    }
}
