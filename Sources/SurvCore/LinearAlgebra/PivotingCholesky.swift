import Foundation

// The Cholesky decomposition used by R's survival package (cholesky2/chsolve2/chinv2): a symmetric matrix is
// factored as F·D·F' with unit lower-triangular F, and a pivot that falls below a tolerance relative to the
// largest diagonal marks its column as redundant instead of failing. Matching that rule exactly is what makes
// collinear columns drop out the same way they do in coxph.

/// An F·D·F' factorisation of a symmetric non-negative definite matrix, tolerant of singular columns.
struct PivotingCholesky {
    /// Matrix order.
    let size: Int
    /// Row-major storage: strict lower triangle holds F, the diagonal holds D (0 for a redundant column).
    private(set) var storage: [Double]
    /// Number of non-redundant columns; negative when the matrix was found not to be non-negative definite.
    let rank: Int

    /// R's `coxph.control()$toler.chol`, `.Machine$double.eps^0.75`.
    static let defaultTolerance = pow(Double.ulpOfOne, 0.75)

    /// Factors the symmetric `matrix` (row-major, `size`×`size`; only the upper triangle and diagonal are read).
    init(symmetric matrix: [Double], size n: Int, tolerance: Double = PivotingCholesky.defaultTolerance) {
        size = n
        var m = matrix
        var largest = 0.0
        for i in 0..<n {
            if m[i * n + i] > largest { largest = m[i * n + i] }
            for j in (i + 1)..<n { m[j * n + i] = m[i * n + j] }
        }
        guard largest > 0 else {
            // Every column constant: nothing can be estimated.
            for i in 0..<n { m[i * n + i] = 0 }
            storage = m
            rank = 0
            return
        }
        let eps = largest * tolerance
        var r = 0
        var nonNegative = 1
        for i in 0..<n {
            let pivot = m[i * n + i]
            if pivot.isNaN || pivot.isInfinite || pivot < eps {
                m[i * n + i] = 0
                if pivot < -8 * eps { nonNegative = -1 }
            } else {
                r += 1
                for j in (i + 1)..<n {
                    let t = m[j * n + i] / pivot
                    m[j * n + i] = t
                    m[j * n + j] -= t * t * pivot
                    for k in (j + 1)..<n { m[k * n + j] -= t * m[k * n + i] }
                }
            }
        }
        storage = m
        rank = r * nonNegative
    }

    /// Whether column `i` was judged redundant.
    func isSingular(_ i: Int) -> Bool { storage[i * size + i] == 0 }

    /// Solves A·b = y; components of redundant columns come back as 0 (R's chsolve2).
    func solve(_ y: [Double]) -> [Double] {
        let n = size
        var b = y
        for i in 0..<n {
            var t = b[i]
            for j in 0..<i { t -= b[j] * storage[i * n + j] }
            b[i] = t
        }
        for i in stride(from: n - 1, through: 0, by: -1) {
            let d = storage[i * n + i]
            if d == 0 {
                b[i] = 0
            } else {
                var t = b[i] / d
                for j in (i + 1)..<n { t -= b[j] * storage[j * n + i] }
                b[i] = t
            }
        }
        return b
    }

    /// The generalised inverse (R's chinv2): rows and columns of redundant columns are 0. Row-major, symmetric.
    func inverse() -> [Double] {
        let n = size
        var m = storage
        for i in 0..<n where m[i * n + i] > 0 {
            m[i * n + i] = 1 / m[i * n + i]
            for j in (i + 1)..<n {
                m[j * n + i] = -m[j * n + i]
                for k in 0..<i { m[j * n + k] += m[j * n + i] * m[i * n + k] }
            }
        }
        for i in 0..<n {
            if m[i * n + i] == 0 {
                for j in 0..<i { m[j * n + i] = 0 }
                for j in i..<n { m[i * n + j] = 0 }
            } else {
                for j in (i + 1)..<n {
                    let t = m[j * n + i] * m[j * n + j]
                    m[i * n + j] = t
                    for k in i..<j { m[i * n + k] += t * m[j * n + k] }
                }
            }
        }
        // The result lives in the upper triangle; mirror it.
        for i in 0..<n { for j in 0..<i { m[i * n + j] = m[j * n + i] } }
        return m
    }
}
