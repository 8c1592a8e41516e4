import Foundation

// R's qr() (LINPACK dqrdc2) reflects each column onto −sign(x₁)·‖x‖·e₁. That reflection is unique, so
// reflecting the same way reproduces R's Q itself, not merely its column space: R's natural-spline basis
// is defined through that Q, and so stays comparable column by column.

/// A Householder QR factorisation of a tall matrix, without pivoting.
struct HouseholderQR {
    let rows: Int
    let columns: Int
    /// Column-major: R on and above the diagonal, the reflection vectors (scaled to a leading 1) below it.
    private var storage: [Double]
    /// Each reflection's leading component, 1 + |x₁|/‖x‖ (LINPACK's qraux); 0 for an identity step.
    private var leading: [Double]
    /// Whether every column kept more than `tolerance` of its original norm after the reflections before it
    /// (dqrdc2's rule, which R's qr() reports as a rank below the number of columns).
    let isFullRank: Bool

    /// Factors the `rows`×`columns` matrix given column by column. R's qr() uses a tolerance of 1e-7.
    init(columnMajor matrix: [Double], rows n: Int, columns p: Int, tolerance: Double = 1e-7) {
        rows = n
        columns = p
        storage = matrix
        leading = [Double](repeating: 0, count: p)
        var fullRank = n >= p && matrix.count == n * p
        guard fullRank else {
            isFullRank = false
            return
        }
        for l in 0..<p {
            let original = Self.norm(storage, from: l * n, count: n)
            let remaining = Self.norm(storage, from: l * n + l, count: n - l)
            if !(remaining >= (original == 0 ? 1 : original) * tolerance) { fullRank = false }
            guard remaining > 0, remaining.isFinite else { continue }
            let signed = storage[l * n + l] < 0 ? -remaining : remaining
            for i in l..<n { storage[l * n + i] /= signed }
            storage[l * n + l] += 1
            let v1 = storage[l * n + l]
            for j in (l + 1)..<p {
                var dot = 0.0
                for i in l..<n { dot += storage[l * n + i] * storage[j * n + i] }
                let t = -dot / v1
                for i in l..<n { storage[j * n + i] += t * storage[l * n + i] }
            }
            leading[l] = v1
            storage[l * n + l] = -signed
        }
        isFullRank = fullRank
    }

    private static func norm(_ a: [Double], from start: Int, count: Int) -> Double {
        // Scaled like BLAS dnrm2, so that large or tiny columns neither overflow nor underflow.
        var scale = 0.0, sum = 1.0
        for i in start..<(start + count) where a[i] != 0 {
            let v = Swift.abs(a[i])
            if scale < v {
                sum = 1 + sum * (scale / v) * (scale / v)
                scale = v
            } else {
                sum += (v / scale) * (v / scale)
            }
        }
        return scale * sum.squareRoot()
    }

    /// Qᵀ·y for a vector of `rows` values (R's qr.qty).
    func transposeQTimes(_ y: [Double]) -> [Double] {
        var y = y
        guard y.count == rows else { return y }
        for l in 0..<min(columns, rows) where leading[l] != 0 {
            let n = rows
            var dot = leading[l] * y[l]
            for i in (l + 1)..<n { dot += storage[l * n + i] * y[i] }
            let t = -dot / leading[l]
            y[l] += t * leading[l]
            for i in (l + 1)..<n { y[i] += t * storage[l * n + i] }
        }
        return y
    }

    /// R's upper-triangular element (i, j), i ≤ j < columns.
    func r(_ i: Int, _ j: Int) -> Double { storage[j * rows + i] }

    /// The least-squares coefficients b minimising ‖y − A·b‖ (R's qr.coef), for a full-rank factor.
    func leastSquares(_ y: [Double]) -> [Double] {
        let qty = transposeQTimes(y)
        var b = [Double](repeating: 0, count: columns)
        guard qty.count >= columns else { return b }
        for i in stride(from: columns - 1, through: 0, by: -1) {
            var t = qty[i]
            for j in (i + 1)..<columns { t -= r(i, j) * b[j] }
            b[i] = t / r(i, i)
        }
        return b
    }

    /// z with Rᵀ·z = x, so that ‖z‖² = xᵀ(AᵀA)⁻¹x: the variance factor of a prediction at x.
    func solveTransposeR(_ x: [Double]) -> [Double] {
        var z = [Double](repeating: 0, count: columns)
        guard x.count >= columns else { return z }
        for i in 0..<columns {
            var t = x[i]
            for j in 0..<i { t -= r(j, i) * z[j] }
            z[i] = t / r(i, i)
        }
        return z
    }
}
