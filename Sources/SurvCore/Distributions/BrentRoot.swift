// Brent's root finder exactly as R's `uniroot` runs it (R_zeroin2 in stats/src/zeroin.c): the same
// steps, the same tolerance rule and the same stopping test. Following R step for step matters where
// R's answer is only as accurate as its tolerance (fisher.test's odds ratio and its confidence limits
// use uniroot's default tolerance, 1.2e-4), because then the digits R prints depend on the path taken.
enum BrentRoot {
    /// A root of `f` in [lower, upper], given f at both ends with opposite signs (or one of them zero).
    /// Returns nil if the ends do not bracket a root or a value is NaN.
    static func find(lower: Double, upper: Double, fLower: Double, fUpper: Double,
                     tolerance: Double, maxIterations: Int = 1000,
                     _ f: (Double) -> Double) -> Double? {
        guard !fLower.isNaN, !fUpper.isNaN, !lower.isNaN, !upper.isNaN else { return nil }
        if fLower == 0 { return lower }
        if fUpper == 0 { return upper }
        guard (fLower < 0) != (fUpper < 0) else { return nil }
        let epsilon = Double.ulpOfOne
        var a = lower, b = upper, c = a
        var fa = fLower, fb = fUpper, fc = fa
        var remaining = maxIterations + 1
        while remaining > 0 {
            remaining -= 1
            let previousStep = b - a
            if abs(fc) < abs(fb) {
                // Keep b as the best approximation so far.
                a = b; b = c; c = a
                fa = fb; fb = fc; fc = fa
            }
            let actualTolerance = 2 * epsilon * abs(b) + tolerance / 2
            var newStep = (c - b) / 2
            if abs(newStep) <= actualTolerance || fb == 0 { return b }
            if abs(previousStep) >= actualTolerance && abs(fa) > abs(fb) {
                // Interpolation may be tried: secant with two distinct points, otherwise inverse quadratic.
                var p: Double, q: Double
                let cb = c - b
                if a == c {
                    let t1 = fb / fa
                    p = cb * t1
                    q = 1 - t1
                } else {
                    let qa = fa / fc, t1 = fb / fc, t2 = fb / fa
                    p = t2 * (cb * qa * (qa - t1) - (b - a) * (t1 - 1))
                    q = (qa - 1) * (t1 - 1) * (t2 - 1)
                }
                if p > 0 { q = -q } else { p = -p }
                if p < (0.75 * cb * q - abs(actualTolerance * q) / 2) && p < abs(previousStep * q / 2) {
                    newStep = p / q
                }
            }
            if abs(newStep) < actualTolerance {
                newStep = newStep > 0 ? actualTolerance : -actualTolerance
            }
            a = b; fa = fb
            b += newStep
            fb = f(b)
            if fb.isNaN { return nil }
            if (fb > 0 && fc > 0) || (fb < 0 && fc < 0) {
                c = a; fc = fa
            }
        }
        return b
    }

    /// log of the largest finite double, nearly: quantiles are searched on log scales within ±this.
    static let logLimit = 709.7

    /// Solves `g(u) = 0` for a monotone `g` with finite values, starting from a guess and widening a
    /// bracket geometrically until the sign changes; then runs Brent to near machine precision.
    /// Used by the quantile functions, which search on a log scale; the bracket never leaves
    /// [-limit, limit].
    static func solveFromGuess(_ guess: Double, initialStep: Double = 0.5, limit: Double = logLimit,
                               _ g: (Double) -> Double) -> Double? {
        var lower = guess - initialStep, upper = guess + initialStep
        var fLower = g(lower), fUpper = g(upper)
        var step = initialStep
        while (fLower < 0) == (fUpper < 0) && fLower != 0 && fUpper != 0 {
            guard !fLower.isNaN, !fUpper.isNaN else { return nil }
            step *= 2
            // With g monotone, the root lies beyond the end where |g| is smaller.
            if abs(fLower) < abs(fUpper) {
                guard lower > -limit else { return nil }
                lower = max(lower - step, -limit); fLower = g(lower)
            } else {
                guard upper < limit else { return nil }
                upper = min(upper + step, limit); fUpper = g(upper)
            }
        }
        return find(lower: lower, upper: upper, fLower: fLower, fUpper: fUpper, tolerance: 1e-16, maxIterations: 2000, g)
    }
}
