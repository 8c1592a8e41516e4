import Foundation

/// The chi-square distribution with `df` degrees of freedom (any real df ≥ 0; df = 0 is the point mass
/// at 0, as in R).
///
/// Invalid arguments — NaN, negative or infinite df, a probability outside [0, 1] — give NaN; callers
/// that take user input validate before calling. The upper tail is computed directly, never as
/// 1 - cdf, so `sf(200, df: 1)` is 2.1e-45 rather than 0.
public enum ChiSquared {
    /// Lower tail P(X ≤ x).
    public static func cdf(_ x: Double, df: Double) -> Double {
        guard let tails = tails(x, df: df) else { return .nan }
        return exp(tails.logLower)
    }

    /// Upper tail P(X > x), accurate far into the tail.
    public static func sf(_ x: Double, df: Double) -> Double {
        guard let tails = tails(x, df: df) else { return .nan }
        return exp(tails.logUpper)
    }

    /// The x with P(X ≤ x) = p. Returns 0 for p = 0, +∞ for p = 1.
    public static func quantile(_ p: Double, df: Double) -> Double {
        guard !p.isNaN, p >= 0, p <= 1, valid(df) else { return .nan }
        if p == 0 || df == 0 { return 0 }
        if p == 1 { return .infinity }
        // Solve on the tail that holds the smaller probability (1 - p is exact for p ≥ 0.5), in
        // log x and log probability, where the equation is well conditioned across the whole range.
        let useLower = p <= 0.5
        let target = useLower ? log(p) : log1p(-p)
        let a = df / 2
        let guess = log(initialGuess(p, df: df))
        let equation = { (u: Double) -> Double in
            let tails = IncompleteGamma(a: a, x: exp(u) / 2)
            return useLower ? tails.logLower - target : tails.logUpper - target
        }
        if let root = BrentRoot.solveFromGuess(guess, equation) { return exp(root) }
        // A lower-tail quantile below e^-709 (tiny p on a fraction of a degree of freedom) underflows, as in R.
        if useLower && equation(-BrentRoot.logLimit) > 0 { return 0 }
        // An upper-tail quantile beyond e^709 overflows.
        if !useLower && equation(BrentRoot.logLimit) > 0 { return .infinity }
        return .nan
    }

    private static func valid(_ df: Double) -> Bool { !df.isNaN && df >= 0 && df.isFinite }

    private static func tails(_ x: Double, df: Double) -> (logLower: Double, logUpper: Double)? {
        guard !x.isNaN, valid(df) else { return nil }
        if x <= 0 { return (-.infinity, 0) }
        if df == 0 { return (0, -.infinity) }
        let g = IncompleteGamma(a: df / 2, x: x / 2)
        return (g.logLower, g.logUpper)
    }

    /// Wilson–Hilferty, or for the far lower tail the leading term P ≈ (x/2)^a / Γ(a+1).
    private static func initialGuess(_ p: Double, df: Double) -> Double {
        let z = Normal.quantile(p)
        let c = 2 / (9 * df)
        let wilsonHilferty = df * pow(1 - c + z * c.squareRoot(), 3)
        if wilsonHilferty > 0.1 * df, wilsonHilferty.isFinite { return wilsonHilferty }
        let a = df / 2
        let smallTail = 2 * exp((log(p) + lgamma(a + 1)) / a)
        return smallTail > 0 && smallTail.isFinite ? smallTail : max(wilsonHilferty, 1e-300)
    }
}
