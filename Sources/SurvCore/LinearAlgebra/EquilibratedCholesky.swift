// The pivoting Cholesky judges a pivot against the largest diagonal, so a matrix whose variables differ in
// scale by 10^6 (a 0/1 indicator beside values in the millions: 10^12 between diagonals) looks singular to it
// although it is well conditioned. The proportional-hazards test is invariant to each covariate's scale, and
// R's cox.zph (solve(), LU with a condition-number check) answers there; so the matrix is first scaled to a
// unit diagonal, D·A·D with D = diag(1/√a_ii), factored, and solutions scaled back. For a matrix already on
// one scale this changes the result only by rounding.

/// A pivoting Cholesky factorisation of a symmetric matrix after scaling it to a unit diagonal.
struct EquilibratedCholesky {
    let size: Int
    /// The factor of D·A·D.
    private let factor: PivotingCholesky
    /// D's diagonal: 1/√a_ii, or 1 where a_ii is not positive (that column is left for the factor to judge).
    private let scale: [Double]

    init(symmetric matrix: [Double], size n: Int) {
        size = n
        var d = [Double](repeating: 1, count: n)
        for i in 0..<n {
            let a = matrix[i * n + i]
            if a > 0 && a.isFinite { d[i] = 1 / a.squareRoot() }
        }
        var scaled = matrix
        for i in 0..<n { for j in 0..<n { scaled[i * n + j] *= d[i] * d[j] } }
        factor = PivotingCholesky(symmetric: scaled, size: n)
        scale = d
    }

    var rank: Int { factor.rank }

    func isSingular(_ i: Int) -> Bool { factor.isSingular(i) }

    /// Solves A·x = y as D·(D·A·D)⁻¹·D·y; components of redundant columns come back as 0.
    func solve(_ y: [Double]) -> [Double] {
        let solved = factor.solve((0..<size).map { y[$0] * scale[$0] })
        return (0..<size).map { solved[$0] * scale[$0] }
    }
}
