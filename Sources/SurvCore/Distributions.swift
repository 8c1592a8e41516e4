import Foundation

// Provisional implementations with the final signatures; replaced by full-precision versions.

public enum Normal {
    public static func cdf(_ x: Double) -> Double { 0.5 * erfc(-x / 2.0.squareRoot()) }
    /// Upper tail, accurate far into the tail (1 - cdf would round to 0).
    public static func sf(_ x: Double) -> Double { 0.5 * erfc(x / 2.0.squareRoot()) }
    public static func quantile(_ p: Double) -> Double {
        guard p > 0 else { return -.infinity }
        guard p < 1 else { return .infinity }
        // Bisection on the cdf: slow but correct; to be replaced by AS241.
        var lo = -40.0, hi = 40.0
        for _ in 0..<200 {
            let mid = (lo + hi) / 2
            if cdf(mid) < p { lo = mid } else { hi = mid }
        }
        return (lo + hi) / 2
    }
}

public enum ChiSquared {
    /// Upper-tail probability P(X > x) for X ~ chi-square(df).
    public static func sf(_ x: Double, df: Double) -> Double {
        guard x > 0 else { return 1 }
        return 1 - regularizedLowerGamma(df / 2, x / 2)
    }
    public static func cdf(_ x: Double, df: Double) -> Double { 1 - sf(x, df: df) }

    static func regularizedLowerGamma(_ a: Double, _ x: Double) -> Double {
        if x < a + 1 {
            var sum = 1 / a, term = 1 / a, n = a
            for _ in 0..<10000 {
                n += 1; term *= x / n; sum += term
                if abs(term) < abs(sum) * 1e-17 { break }
            }
            return sum * exp(-x + a * log(x) - lgamma(a))
        }
        // Continued fraction for the upper tail.
        var b = x + 1 - a, c = 1 / 1e-300, d = 1 / b, h = d
        for i in 1..<10000 {
            let an = -Double(i) * (Double(i) - a)
            b += 2
            d = an * d + b; if abs(d) < 1e-300 { d = 1e-300 }
            c = b + an / c; if abs(c) < 1e-300 { c = 1e-300 }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < 1e-16 { break }
        }
        return 1 - exp(-x + a * log(x) - lgamma(a)) * h
    }
}
