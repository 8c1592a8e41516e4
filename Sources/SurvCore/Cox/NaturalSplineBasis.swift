import Foundation

// R's splines::ns(x, df =, intercept =) with its default knots: a cubic B-spline basis on the knots
// {range of x, each four times; df − 1 − intercept interior knots at equally spaced quantiles of x},
// constrained to zero second derivative at both boundary knots. The constraint is imposed as ns does it,
// by rotating the basis with the Q of a QR factorisation of the constraint matrix and dropping the first
// two columns; the remaining columns span exactly the natural splines.

/// R's natural cubic spline basis `ns(x, df = df, intercept = intercept)` evaluated at x.
struct NaturalSplineBasis {
    /// The interior knots (R's `attr(, "knots")`).
    let interiorKnots: [Double]
    /// The smallest and largest x (R's `Boundary.knots`).
    let lowerBoundary: Double
    let upperBoundary: Double
    let columns: Int
    /// One row per x, `columns` values each.
    let rows: [[Double]]

    private static let order = 4

    init(_ x: [Double], df: Int, intercept: Bool) throws {
        guard x.allSatisfy(\.isFinite) else { throw CoreError("a spline basis needs finite values") }
        guard let lower = x.min(), let upper = x.max(), lower < upper else {
            throw CoreError("a spline basis needs at least two distinct values")
        }
        let interiorCount = max(df - 1 - (intercept ? 1 : 0), 0)
        let sorted = x.sorted()
        let probabilities = (0..<interiorCount).map { Double($0 + 1) * (1 / Double(interiorCount + 1)) }
        let interior = probabilities.map { Self.quantile(sorted, $0) }
        let knots = ([Double](repeating: lower, count: Self.order) + interior
                     + [Double](repeating: upper, count: Self.order)).sorted()

        let dropFirst = intercept ? 0 : 1
        func design(_ value: Double, derivative: Int) -> [Double] {
            let mu = Self.interval(of: value, knots: knots)
            return Array(Self.bsplines(value, order: Self.order, derivative: derivative, interval: mu, knots: knots).dropFirst(dropFirst))
        }
        let width = knots.count - Self.order - dropFirst
        // The second derivatives at the two boundaries, as the columns of a width × 2 matrix.
        let constraint = design(lower, derivative: 2) + design(upper, derivative: 2)
        let qr = HouseholderQR(columnMajor: constraint, rows: width, columns: 2)
        rows = x.map { Array(qr.transposeQTimes(design($0, derivative: 0)).dropFirst(2)) }
        interiorKnots = interior
        lowerBoundary = lower
        upperBoundary = upper
        columns = width - 2
    }

    /// R's quantile(type = 7) of sorted values.
    static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        let index = 1 + Double(sorted.count - 1) * p
        let lo = Int(index.rounded(.down)), hi = Int(index.rounded(.up))
        let low = sorted[lo - 1], high = sorted[hi - 1]
        guard index > Double(lo), high != low else { return low }
        let h = index - Double(lo)
        return (1 - h) * low + h * high
    }

    /// The knot interval holding `value`: closed on the left, except that the upper boundary belongs to the
    /// last non-empty interval (so the basis there is its limit from the left, as in R's splineDesign).
    private static func interval(of value: Double, knots: [Double]) -> Int {
        var mu = order - 1
        for j in (order - 1)...(knots.count - order - 1) where knots[j] <= value && knots[j] < knots[j + 1] {
            mu = j
        }
        return mu
    }

    /// The B-splines of `order` on `knots` (or their `derivative`) at `value` in interval `mu`, by the
    /// Cox–de Boor recursion; a term over an empty knot span is 0.
    private static func bsplines(_ value: Double, order k: Int, derivative d: Int, interval mu: Int,
                                 knots t: [Double]) -> [Double] {
        let count = t.count - k
        if k == 1 {
            var b = [Double](repeating: 0, count: count)
            if d == 0 && mu < count { b[mu] = 1 }
            return b
        }
        let lower = bsplines(value, order: k - 1, derivative: max(d - 1, 0), interval: mu, knots: t)
        var b = [Double](repeating: 0, count: count)
        for i in 0..<count {
            let left = t[i + k - 1] - t[i], right = t[i + k] - t[i + 1]
            if d == 0 {
                b[i] = (left > 0 ? (value - t[i]) / left * lower[i] : 0)
                    + (right > 0 ? (t[i + k] - value) / right * lower[i + 1] : 0)
            } else {
                b[i] = Double(k - 1) * ((left > 0 ? lower[i] / left : 0) - (right > 0 ? lower[i + 1] / right : 0))
            }
        }
        return b
    }
}
