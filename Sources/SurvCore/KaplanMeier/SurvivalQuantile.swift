import Foundation

// Quantiles of survival time read off the curve exactly as R survival's `quantile.survfit` (its internal
// `findq`), including its two conventions that users compare against:
// - where S(t) equals 1 − p (within √ε) over an interval, the quantile is the midpoint of that interval
//   (the midpoint with the last observed time if the curve stays there to the end);
// - confidence limits are the times where the pointwise lower and upper limits cross 1 − p.

extension KaplanMeierCurve {
    /// The p-th quantile of survival time (the time by which a fraction p has had the event), with the
    /// confidence interval from the pointwise band. `nil` means "not reached"; p outside [0, 1] or NaN
    /// gives all `nil`.
    public func quantile(_ p: Double) -> EstimateWithInterval {
        guard p >= 0, p <= 1 else { return EstimateWithInterval(estimate: nil, lower: nil, upper: nil) }
        // The curve starts at (0, S = 1): R's `firstx` is 0 unless a start time is given.
        var x = [Double](repeating: 0, count: time.count + 1)
        for j in time.indices { x[j + 1] = time[j] }
        func cumulative(_ s: [Double?]) -> [Double?] { [0] + s.map { $0.map { 1 - $0 } } }
        return EstimateWithInterval(
            estimate: Self.findQuantile(x: x, y: cumulative(surv.map { $0 }), p: p),
            lower: Self.findQuantile(x: x, y: cumulative(lower), p: p),
            upper: Self.findQuantile(x: x, y: cumulative(upper), p: p),
            lowerUndefined: bandStopsBelowOne(lower), upperUndefined: bandStopsBelowOne(upper))
    }

    /// Whether a band is undefined somewhere the curve has dropped below 1 (where S reaches 0, or its
    /// variance is NaN); a log-log band is also undefined at S = 1, before any event, which says nothing.
    func bandStopsBelowOne(_ band: [Double?]) -> Bool {
        zip(surv, band).contains { s, limit in limit == nil && s < 1 }
    }

    /// The median survival time with its confidence interval (`quantile(0.5)`).
    public var median: EstimateWithInterval { quantile(0.5) }

    /// R's `findq`: `y` is 1 − S at each `x` (`nil` = NA), `p` one probability.
    static func findQuantile(x rawX: [Double], y rawY: [Double?], p: Double) -> Double? {
        let tolerance = Double.ulpOfOne.squareRoot()
        guard let maxY = rawY.compactMap({ $0 }).max(), !(maxY < p) else { return nil }
        guard let xmax = rawX.last else { return nil }
        // Keep the first occurrence of each y value (NA counts as one value), as R's `duplicated`.
        var x: [Double] = [], y: [Double?] = []
        var seen = Set<Double>()
        var seenNA = false
        for (xi, yi) in zip(rawX, rawY) {
            if let v = yi {
                if seen.insert(v).inserted { x.append(xi); y.append(v) }
            } else if !seenNA {
                seenNA = true
                x.append(xi); y.append(nil)
            }
        }
        // approx(y ± tol, 1:n, p, "constant", f = 1) on the non-NA points: the index of the smallest knot
        // ≥ p, or NA when p is outside the knots' range.
        func index(offset: Double) -> Int? {
            var best: Int?
            var bestKnot = Double.infinity
            var minKnot = Double.infinity, maxKnot = -Double.infinity
            for (j, yj) in y.enumerated() {
                guard let v = yj else { continue }
                let knot = v + offset
                minKnot = min(minKnot, knot)
                maxKnot = max(maxKnot, knot)
                if knot >= p, knot < bestKnot { bestKnot = knot; best = j }
            }
            guard p >= minKnot, p <= maxKnot else { return nil }
            return best
        }
        let i1 = index(offset: tolerance)
        // R's order of overrides: p = 0 gives the first time, then the flat-to-the-end rule wins.
        if let last = y.last, let lastY = last, abs(p - lastY) < tolerance {
            guard let i1 else { return nil }
            return (x[i1] + xmax) / 2
        }
        if p == 0 { return x.first }
        guard let i1, let i2 = index(offset: -tolerance) else { return nil }
        return (x[i1] + x[i2]) / 2
    }
}

/// How a survival quantile is read off the curve.
public enum QuantileRule: String, Codable, Sendable {
    /// R's `quantile.survfit`: the midpoint where S sits exactly at 1 − p over an interval.
    case r
    /// Stata's `stci`: the smallest time at which S (or a confidence limit) is at or below 1 − p.
    case smallestTime = "smallest-time"
}

extension KaplanMeierCurve {
    /// The p-th quantile under either convention; they differ only where a curve sits exactly at 1 − p.
    public func quantile(_ p: Double, rule: QuantileRule) -> EstimateWithInterval {
        switch rule {
        case .r:
            return quantile(p)
        case .smallestTime:
            guard p >= 0, p <= 1 else { return EstimateWithInterval(estimate: nil, lower: nil, upper: nil) }
            // √ε absorbs rounding in the product-limit (a curve meant to be 0.5 may be stored as 0.5 + 1e-17).
            let target = 1 - p + Double.ulpOfOne.squareRoot()
            func first(_ values: [Double?]) -> Double? {
                values.firstIndex { ($0 ?? .infinity) <= target }.map { time[$0] }
            }
            return EstimateWithInterval(estimate: first(surv.map { $0 }), lower: first(lower), upper: first(upper),
                                        lowerUndefined: bandStopsBelowOne(lower), upperUndefined: bandStopsBelowOne(upper))
        }
    }
}
