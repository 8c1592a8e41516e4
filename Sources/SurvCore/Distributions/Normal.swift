import Foundation

/// The standard normal distribution.
///
/// Invalid arguments (NaN, or a probability outside [0, 1]) give NaN; callers that take user input
/// validate before calling. Both tails are accurate to near full double precision: `sf(12)` is
/// 1.776e-33, not 0.
public enum Normal {
    private static let invSqrt2 = 0.70710678118654752440

    /// Lower tail P(Z ≤ x).
    public static func cdf(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        // erfc keeps relative precision in the far lower tail, where 1 - erfc(...) would round to 0.
        return 0.5 * erfc(-x * invSqrt2)
    }

    /// Upper tail P(Z > x), accurate far into the tail.
    public static func sf(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        return 0.5 * erfc(x * invSqrt2)
    }

    /// Density φ(x).
    public static func pdf(_ x: Double) -> Double {
        guard !x.isNaN else { return .nan }
        return exp(-0.5 * x * x) * 0.39894228040143267794
    }

    /// The x with P(Z ≤ x) = p, by Wichura's algorithm AS241 (PPND16), the one R's `qnorm` uses.
    /// Returns -∞ for p = 0, +∞ for p = 1 and NaN outside [0, 1].
    public static func quantile(_ p: Double) -> Double {
        guard !p.isNaN, p >= 0, p <= 1 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            return q * WichuraAS241.central(r)
        }
        // Tails: work with the smaller of p and 1 - p so that the tail keeps its precision.
        let tail = q < 0 ? p : 1 - p
        let r = (-log(tail)).squareRoot()
        let value = r <= 5 ? WichuraAS241.intermediate(r - 1.6) : WichuraAS241.far(r - 5)
        return q < 0 ? -value : value
    }
}
