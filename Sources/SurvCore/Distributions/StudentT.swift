import Foundation

/// Student's t distribution with `df` degrees of freedom (any real df > 0; df = +∞ is the normal).
///
/// Invalid arguments — NaN, df ≤ 0, a probability outside [0, 1] — give NaN; callers that take user
/// input validate before calling. Both tails keep full relative precision: `sf(1e10, df: 1)` is
/// 3.18e-11, and `sf(1e200, df: 0.5)` is 3.2e-101, not 0.
public enum StudentT {
    /// Lower tail P(T ≤ t).
    public static func cdf(_ t: Double, df: Double) -> Double {
        guard let logUpper = logSf(-t, df: df) else { return .nan }
        return exp(logUpper)
    }

    /// Upper tail P(T > t).
    public static func sf(_ t: Double, df: Double) -> Double {
        guard let logUpper = logSf(t, df: df) else { return .nan }
        return exp(logUpper)
    }

    /// The t with P(T ≤ t) = p. Returns -∞ for p = 0 and +∞ for p = 1.
    public static func quantile(_ p: Double, df: Double) -> Double {
        guard !p.isNaN, p >= 0, p <= 1, !df.isNaN, df > 0 else { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        if p == 0.5 { return 0 }
        // By symmetry solve sf(t) = tail for t > 0, in log t and log probability.
        let tail = p < 0.5 ? p : 1 - p
        let target = log(tail)
        let z = -Normal.quantile(tail)
        let guess = log(max(z, 1e-3))
        let equation = { (u: Double) -> Double in (logSf(exp(u), df: df) ?? .nan) - target }
        let magnitude: Double
        if let u = BrentRoot.solveFromGuess(guess, equation) {
            magnitude = exp(u)
        } else if equation(BrentRoot.logLimit) > 0 {
            // Beyond e^709 (a tiny tail on a small fraction of a degree of freedom): overflows, as in R.
            magnitude = .infinity
        } else {
            return .nan
        }
        return p < 0.5 ? -magnitude : magnitude
    }

    /// log P(T > t).
    static func logSf(_ t: Double, df: Double) -> Double? {
        guard !t.isNaN, !df.isNaN, df > 0 else { return nil }
        if t.isInfinite { return t > 0 ? -.infinity : 0 }
        if df.isInfinite { return log(Normal.sf(t)) }
        // P(|T| > |t|) = I_x(df/2, 1/2) with x = df/(df + t²), y = t²/(df + t²).
        let absT = abs(t)
        let x: Double, y: Double, logX: Double, logY: Double
        if absT > 1e150 {
            // t² overflows: use the limits x ≈ df/t², y ≈ 1.
            logX = log(df) - 2 * log(absT)
            x = exp(logX); y = 1; logY = 0
        } else {
            let t2 = absT * absT, total = df + t2
            x = df / total; y = t2 / total
            logX = log(df) - log(total); logY = log(t2) - log(total)
        }
        let beta = IncompleteBeta(a: df / 2, b: 0.5, x: x, y: y, logX: logX, logY: logY)
        // Half of the two-sided tail; for t < 0 the upper tail is 1 - half of it.
        let logHalfTail = beta.logValue - log(2.0)
        return t >= 0 ? logHalfTail : log1p(-exp(logHalfTail))
    }
}
