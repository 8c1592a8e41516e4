import Foundation

// Under the km and rank transforms the residual plot's horizontal axis is transformed time, which means
// nothing to a reader, so R's plot.cox.zph labels it with times: it interpolates the time at the 8 odd
// sixteenths of the axis, rounds each to two significant digits, and interpolates back to place the label.
// The rounding can repeat a label or push it past the first or last event, where R's axis() omits it.

/// A labelled tick of the residual plot's time axis.
public struct PHTimeAxisTick: Codable, Equatable, Sendable {
    /// Where the tick sits on the transformed-time axis.
    public var position: Double
    /// The time it is labelled with (two significant digits).
    public var time: Double

    public init(position: Double, time: Double) {
        self.position = position
        self.time = time
    }
}

extension ProportionalHazardsTest {
    /// The ticks R's `plot(cox.zph(fit))` labels its time axis with, in R's order (repeats included).
    /// `nil` for the identity and log transforms, whose axis is time itself (on a log scale for log) and
    /// gets ordinary ticks.
    public func timeAxisTicks() -> [PHTimeAxisTick]? {
        guard let kind = PHTimeTransform(rawValue: transform), kind == .km || kind == .rank else { return nil }
        let xx = residuals.transformedTime, times = residuals.time
        guard xx.count == times.count, let low = xx.min(), let high = xx.max() else { return [] }
        var seen = Set<Double>()
        let first = xx.indices.filter { seen.insert(xx[$0]).inserted }
        let toTime = LinearInterpolation(x: first.map { xx[$0] }, y: first.map { times[$0] })
        let toPosition = LinearInterpolation(x: first.map { times[$0] }, y: first.map { xx[$0] })
        let sixteenths = Self.evenlySpaced(from: low, to: high, count: 17)
        return stride(from: 1, to: 17, by: 2).compactMap { k in
            guard let time = toTime?.value(at: sixteenths[k]).map({ Self.twoSignificantDigits($0) }),
                  let position = toPosition?.value(at: time) else { return nil }
            return PHTimeAxisTick(position: position, time: time)
        }
    }

    /// R's signif(x, 2) (fprec in R's arithmetic), in the same double operations so halves round alike.
    static func twoSignificantDigits(_ x: Double) -> Double {
        guard x.isFinite, x != 0 else { return x }
        let digits = 2
        let sign: Double = x < 0 ? -1 : 1
        let magnitude = Swift.abs(x)
        let l10 = log10(magnitude)
        var e10 = digits - 1 - Int(l10.rounded(.down))
        let max10e = 308
        if Swift.abs(l10) < Double(max10e - 2) {
            var p10 = 1.0
            if e10 > max10e {
                p10 = powerOfTen(e10 - max10e)
                e10 = max10e
            }
            if e10 > 0 {
                let pow10 = powerOfTen(e10)
                return sign * (((magnitude * pow10) * p10).rounded(.toNearestOrEven) / pow10) / p10
            }
            let pow10 = powerOfTen(-e10)
            return sign * ((magnitude / pow10).rounded(.toNearestOrEven) * pow10)
        }
        // Near the ends of the double range, R scales in two steps so neither overflows.
        let doRound = log10(Double.greatestFiniteMagnitude) - l10 >= powerOfTen(-digits)
        let maxDigits = 22
        let e2 = digits + (e10 > 0 ? 1 : -1) * maxDigits
        let p10 = powerOfTen(e2), big = powerOfTen(e10 - e2)
        var scaled = magnitude * p10 * big
        if doRound { scaled += 0.5 }
        return sign * (scaled.rounded(.down) / p10) / big
    }

    /// R's R_pow_di(10, n): repeated squaring, exact for the small powers used here.
    private static func powerOfTen(_ n: Int) -> Double {
        var base = n < 0 ? 0.1 : 10.0
        var k = n.magnitude
        var result = 1.0
        while k > 0 {
            if k & 1 == 1 { result *= base }
            k >>= 1
            if k > 0 { base *= base }
        }
        return result
    }
}
