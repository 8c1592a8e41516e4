import Foundation

/// The regularized incomplete beta function I_x(a, b) and its complement, both as logarithms.
///
/// The caller passes x and y = 1 - x separately (and their logarithms), because for the t
/// distribution both are known to full relative precision from t²/(df + t²) and df/(df + t²), and
/// forming 1 - x would throw that precision away. The continued fraction is evaluated on the side
/// where it converges fast; the other side follows by I_x(a, b) = 1 - I_y(b, a).
struct IncompleteBeta {
    var logValue: Double
    var logComplement: Double

    /// Requires a, b > 0, x, y in [0, 1] with x + y = 1, and their logarithms.
    init(a: Double, b: Double, x: Double, y: Double, logX: Double, logY: Double) {
        // Decided on the logarithms: x itself may underflow to 0 while log x is still finite (t ≈ 1e190).
        if logX == -.infinity { logValue = -.infinity; logComplement = 0; return }
        if logY == -.infinity { logValue = 0; logComplement = -.infinity; return }
        let logBeta = Self.logBeta(a, b)
        if x < (a + 1) / (a + b + 2) {
            let front = a * logX + b * logY - logBeta
            logValue = min(0, front + log(Self.continuedFraction(a: a, b: b, x: x) / a))
            logComplement = log1p(-exp(logValue))
        } else {
            let front = b * logY + a * logX - logBeta
            logComplement = min(0, front + log(Self.continuedFraction(a: b, b: a, x: y) / b))
            logValue = log1p(-exp(logComplement))
        }
    }

    /// log B(a, b). For a large argument lgamma(a) - lgamma(a + b) cancels catastrophically (t with
    /// 10⁶ df would lose six digits), so the difference is taken from Stirling's series instead.
    static func logBeta(_ a: Double, _ b: Double) -> Double {
        let large = max(a, b), small = min(a, b)
        guard large >= 10 else { return lgamma(a) + lgamma(b) - lgamma(a + b) }
        let sum = large + small
        // lgamma(x) = (x - 1/2) log x - x + log(2π)/2 + stirlingCorrection(x).
        let difference = -(large - 0.5) * log1p(small / large) - small * log(sum) + small
            + stirlingCorrection(large) - stirlingCorrection(sum)
        return lgamma(small) + difference
    }

    /// lgamma(x) - [(x - 1/2) log x - x + log(2π)/2] for x ≥ 10, to double precision.
    private static func stirlingCorrection(_ x: Double) -> Double {
        let x2 = 1 / (x * x)
        return (1.0 / 12 - x2 * (1.0 / 360 - x2 * (1.0 / 1260 - x2 * (1.0 / 1680 - x2 / 1188)))) / x
    }

    /// The continued fraction of I_x(a, b) / (x^a y^b / (a B(a, b))), by the modified Lentz method.
    private static func continuedFraction(a: Double, b: Double, x: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for i in 1..<200_000 {
            let m = Double(i), m2 = 2 * m
            // Even step.
            var aa = m * (b - m) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            h *= d * c
            // Odd step.
            aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d
            if abs(d) < tiny { d = tiny }
            c = 1 + aa / c
            if abs(c) < tiny { c = tiny }
            d = 1 / d
            let delta = d * c
            h *= delta
            if abs(delta - 1) < 1e-16 { break }
        }
        return h
    }
}
