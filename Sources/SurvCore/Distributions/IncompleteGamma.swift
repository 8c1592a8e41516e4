import Foundation

/// The regularized incomplete gamma functions P(a, x) and Q(a, x) = 1 - P(a, x), both returned as
/// logarithms so that neither tail loses precision: the smaller one is always computed directly
/// (power series for P when x < a + 1, Legendre's continued fraction for Q otherwise) and only the
/// larger, near-1 one is obtained by complement.
struct IncompleteGamma {
    var logLower: Double
    var logUpper: Double

    /// Requires a > 0 and x ≥ 0 (checked by the callers).
    init(a: Double, x: Double) {
        if x == 0 {
            logLower = -.infinity; logUpper = 0; return
        }
        if x.isInfinite {
            logLower = 0; logUpper = -.infinity; return
        }
        // log(x^a e^-x / Γ(a)): the common factor of both expansions.
        let logPrefactor = a * log(x) - x - lgamma(a)
        if x < a + 1 {
            logLower = min(0, logPrefactor + log(Self.lowerSeries(a: a, x: x)))
            logUpper = log1p(-exp(logLower))
        } else {
            logUpper = min(0, logPrefactor + log(Self.upperContinuedFraction(a: a, x: x)))
            logLower = log1p(-exp(logUpper))
        }
    }

    /// Σ x^n / (a (a+1) … (a+n)), so that P = prefactor × series. All terms are positive.
    private static func lowerSeries(a: Double, x: Double) -> Double {
        var term = 1 / a, sum = term, denominator = a
        for _ in 0..<100_000 {
            denominator += 1
            term *= x / denominator
            sum += term
            if term < sum * 1e-17 { break }
        }
        return sum
    }

    /// Q / prefactor by the modified Lentz evaluation of 1/(x+1-a- 1·(1-a)/(x+3-a- 2·(2-a)/(x+5-a- …))).
    private static func upperContinuedFraction(a: Double, x: Double) -> Double {
        let tiny = 1e-300
        var b = x + 1 - a
        var c = 1 / tiny
        var d = 1 / b
        var h = d
        for i in 1..<100_000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b
            if abs(d) < tiny { d = tiny }
            c = b + an / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }
}
