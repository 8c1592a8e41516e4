import Foundation

/// How a figure's axes are chosen from its data and the user's `xmax` and `by`. The caller builds the axes
/// with these before asking for the numbers at risk, because those are counted at the x ticks: the ticks
/// exist once, and both the tick labels and the risk table are placed from them.
extension FigureAxis {
    /// The most ticks an axis carries: `by 0.001` over years of follow-up would otherwise ask for millions.
    public static let maximumTicks = 100

    /// A time axis from 0: up to `xmax` when given, otherwise up to the first tick at or past `maxTime`;
    /// ticks every `by` when given, otherwise at a step of 1, 2, 2.5 or 5 × 10ⁿ giving about six intervals.
    public static func time(maxTime: Double, xmax: Double? = nil, by: Double? = nil, label: String = "Time") -> FigureAxis {
        let dataEnd = maxTime.isFinite && maxTime > 0 ? maxTime : 0
        let asked = xmax.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
        let span = asked ?? (dataEnd > 0 ? dataEnd : 1)
        var step = by.flatMap { $0.isFinite && $0 > 0 ? $0 : nil } ?? NiceTicks.step(span: span, intervals: 6)
        // Keep the asked spacing's multiples when it is too fine to print, rather than an unrelated step.
        let count = span / step
        if count > Double(maximumTicks) { step *= (count / Double(maximumTicks)).rounded(.up) }
        let upper = asked ?? max(step, (span / step - 1e-9).rounded(.up) * step)
        return FigureAxis(label: label, lower: 0, upper: upper, ticks: NiceTicks.ticks(from: 0, to: upper, step: step))
    }

    /// The y axis of a survival figure: 0–1 in quarters for probabilities, 0 to a round number past the
    /// largest value for a cumulative hazard.
    public static func measure(_ measure: CurveMeasure, maxValue: Double = 1, label: String? = nil) -> FigureAxis {
        switch measure {
        case .survival:
            return FigureAxis(label: label ?? "Survival probability", lower: 0, upper: 1, ticks: [0, 0.25, 0.5, 0.75, 1])
        case .cumulativeIncidence:
            return FigureAxis(label: label ?? "Cumulative incidence", lower: 0, upper: 1, ticks: [0, 0.25, 0.5, 0.75, 1])
        case .cumulativeHazard:
            let top = maxValue.isFinite && maxValue > 0 ? maxValue : 1
            let step = NiceTicks.step(span: top, intervals: 4)
            let upper = max(step, (top / step - 1e-9).rounded(.up) * step)
            return FigureAxis(label: label ?? "Cumulative hazard", lower: 0, upper: upper,
                              ticks: NiceTicks.ticks(from: 0, to: upper, step: step))
        }
    }

    /// An axis spanning the finite values given, widened to round ticks (a residual plot's y axis).
    public static func spanning<S: Sequence>(_ values: S, label: String, intervals: Int = 4) -> FigureAxis where S.Element == Double {
        var low = Double.infinity, high = -Double.infinity
        for value in values where value.isFinite {
            low = min(low, value)
            high = max(high, value)
        }
        if !low.isFinite || !high.isFinite { low = 0; high = 1 }
        if high - low < 1e-12 * max(1, abs(high)) {
            // One value: an axis a unit wide around it, so the point sits in the middle.
            let half = max(0.5, abs(high) * 0.1)
            low -= half
            high += half
        }
        let step = NiceTicks.step(span: high - low, intervals: intervals)
        let lower = (low / step + 1e-9).rounded(.down) * step
        let upper = (high / step - 1e-9).rounded(.up) * step
        return FigureAxis(label: label, lower: lower, upper: upper, ticks: NiceTicks.ticks(from: lower, to: upper, step: step))
    }
}

/// Round tick steps: 1, 2, 2.5 or 5 times a power of ten.
public enum NiceTicks {
    /// The round step whose number of intervals over `span` is closest to `intervals` (the wider on a tie).
    public static func step(span: Double, intervals: Int) -> Double {
        guard span.isFinite, span > 0 else { return 1 }
        let target = Double(max(1, intervals))
        let magnitude = pow(10, (log10(span / target)).rounded(.down))
        var best = magnitude, bestDistance = Double.infinity
        for multiple in [1, 2, 2.5, 5, 10, 20] {
            let candidate = multiple * magnitude
            let distance = abs((span / candidate).rounded(.up) - target)
            if distance <= bestDistance {
                best = candidate
                bestDistance = distance
            }
        }
        return best
    }

    /// `from`, `from + step`, … up to `to` (with a little slack for rounding), at most `FigureAxis.maximumTicks + 1`.
    public static func ticks(from lower: Double, to upper: Double, step: Double) -> [Double] {
        guard lower.isFinite, upper.isFinite, step.isFinite, step > 0, upper >= lower else { return [] }
        var ticks: [Double] = []
        var i = 0
        while ticks.count <= FigureAxis.maximumTicks {
            // Multiplying rather than adding keeps 0.1-steps free of accumulated error.
            let value = lower + Double(i) * step
            if value > upper + step * 1e-9 { break }
            ticks.append(abs(value) < step * 1e-9 ? 0 : value)
            i += 1
        }
        return ticks
    }
}

/// The number at risk at given times, from a curve's distinct times and its numbers at risk there.
public enum AtRiskCount {
    /// At time t, the subjects still followed are those at risk at the first recorded time at or after t
    /// (none once every time has passed). `times` must be ascending.
    public static func at(_ ticks: [Double], times: [Double], nRisk: [Double]) -> [Double] {
        let count = min(times.count, nRisk.count)
        return ticks.map { tick in
            var low = 0, high = count
            while low < high {
                let mid = (low + high) / 2
                if times[mid] < tick { low = mid + 1 } else { high = mid }
            }
            return low < count ? nRisk[low] : 0
        }
    }
}
