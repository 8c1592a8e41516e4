import Foundation
import SurvResults

/// What the terminal and the SVG drawings of a survival figure share: axes that are safe to draw on (finite,
/// ordered, ticks inside the range, every tick with its text), and each curve clipped to the x axis and
/// thinned to the drawing's resolution. Input that makes no sense (NaN, infinities, an empty or reversed
/// range) is repaired here, so the drawings never meet it.
struct PreparedSurvivalFigure {
    var title: String?
    var x: PreparedAxis
    var y: PreparedAxis
    var strata: [CurveStratum]
    /// Per stratum, the count at each drawn x tick (empty text where there is none).
    var atRisk: [[String]]
    /// Whether a number-at-risk table is printed (asked for, and some stratum has counts).
    var riskTable: Bool
    var censorMarks: Bool
    var confidenceBand: Bool
    /// The p-value text, when there is one and 2+ strata to compare.
    var pValueText: String?

    init(_ figure: SurvivalFigure, format: NumberFormat) {
        title = figure.title
        // The data's range is read only when an axis is unusable: a million-row curve is not scanned for nothing.
        x = PreparedAxis(figure.xAxis, fallback: FigureAxis.time(maxTime: figure.strata.reduce(0.0) { max($0, Self.lastTime(of: $1)) },
                                                                 label: figure.xAxis.label),
                         percent: false, format: format)
        y = PreparedAxis(figure.yAxis, fallback: FigureAxis.measure(figure.measure, maxValue: Self.largestEstimate(figure.strata),
                                                                    label: figure.yAxis.label),
                         percent: figure.options.percent && figure.measure != .cumulativeHazard, format: format)
        strata = figure.strata
        let x = x
        atRisk = figure.strata.map { stratum in
            x.sourceIndex.map { index in
                guard index >= 0, index < stratum.atRisk.count, stratum.atRisk[index].isFinite else { return "" }
                let count = stratum.atRisk[index]
                return count == count.rounded() ? format.data(count) : format.estimate(count)
            }
        }
        riskTable = figure.options.riskTable && atRisk.contains { row in row.contains { !$0.isEmpty } }
        censorMarks = figure.options.censorMarks
        confidenceBand = figure.options.confidenceBand
        let p = figure.pValueText.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } ?? ""
        pValueText = figure.strata.count >= 2 && !p.isEmpty ? p : nil
    }

    /// The curves clipped to the x axis and thinned to `columns` columns of resolution.
    func curves(columns: Int) -> [PreparedCurve] {
        strata.map { PreparedCurve($0, x: x, columns: columns, marks: censorMarks) }
    }

    /// The last time a stratum was observed: its last step or its last censoring.
    static func lastTime(of stratum: CurveStratum) -> Double {
        var end = 0.0
        for point in stratum.points where point.time.isFinite { end = max(end, point.time) }
        for time in stratum.censorTimes where time.isFinite { end = max(end, time) }
        return end
    }

    static func largestEstimate(_ strata: [CurveStratum]) -> Double {
        var top = 0.0
        for stratum in strata {
            for point in stratum.points where point.estimate.isFinite { top = max(top, point.estimate) }
        }
        return top
    }
}

/// An axis ready to draw: a finite increasing range, ticks inside it in order, and the text of each.
struct PreparedAxis {
    var label: String
    var lower: Double
    var upper: Double
    var ticks: [Double]
    var tickTexts: [String]
    /// For each tick, its position in the input axis's ticks (-1 for a tick made up here), so that the
    /// numbers at risk, counted per input tick, follow the ticks that are drawn.
    var sourceIndex: [Int]

    init(_ axis: FigureAxis, fallback: @autoclosure () -> FigureAxis, percent: Bool, format: NumberFormat) {
        label = axis.label
        var source = axis
        if !(axis.lower.isFinite && axis.upper.isFinite && axis.upper > axis.lower) { source = fallback() }
        if !(source.lower.isFinite && source.upper.isFinite && source.upper > source.lower) {
            source = FigureAxis(label: axis.label, lower: 0, upper: 1, ticks: [0, 0.5, 1])
        }
        lower = source.lower
        upper = source.upper
        let slack = (upper - lower) * 1e-9
        let labels = source.tickLabels.count == source.ticks.count ? source.tickLabels : nil
        var kept: [(value: Double, index: Int)] = []
        for (index, tick) in source.ticks.enumerated() where tick.isFinite && tick >= lower - slack && tick <= upper + slack {
            kept.append((min(max(tick, lower), upper), index))
        }
        kept.sort { $0.value < $1.value || ($0.value == $1.value && $0.index < $1.index) }
        var unique: [(value: Double, index: Int)] = []
        for tick in kept where unique.last.map({ $0.value != tick.value }) ?? true { unique.append(tick) }
        if unique.count > FigureAxis.maximumTicks + 1 { unique = Array(unique.prefix(FigureAxis.maximumTicks + 1)) }
        if unique.isEmpty {
            let step = NiceTicks.step(span: upper - lower, intervals: 4)
            let start = (lower / step - 1e-9).rounded(.up) * step
            unique = NiceTicks.ticks(from: start, to: upper, step: step).map { ($0, -1) }
        }
        ticks = unique.map(\.value)
        // Indices into the axis actually used: counts given for the caller's ticks do not belong to the fallback's.
        let fromCaller = source == axis
        sourceIndex = unique.map { fromCaller ? $0.index : -1 }
        if let labels, fromCaller {
            tickTexts = unique.map { $0.index >= 0 ? FigureText.terminal(labels[$0.index]) : format.data($0.value) }
        } else {
            tickTexts = TickText.format(ticks, percent: percent)
        }
    }

    /// The fraction of the way along the axis of a value (0 at lower, 1 at upper), clamped.
    func fraction(_ value: Double) -> Double {
        guard value.isFinite else { return value > 0 ? 1 : 0 }
        return min(1, max(0, (value - lower) / (upper - lower)))
    }
}

/// A curve ready to draw: its points inside the x axis and thinned, where it ends, its censoring marks
/// and its numbers at risk.
struct PreparedCurve {
    var label: String
    var points: [StepPoint]
    /// The time the last step runs to: the last observation, or the end of the axis.
    var end: Double
    var marks: [(time: Double, value: Double)]

    init(_ stratum: CurveStratum, x: PreparedAxis, columns: Int, marks wantMarks: Bool) {
        label = stratum.label
        let ordered = StepThinning.isOrdered(stratum.points) ? stratum.points : stratum.points.sorted { $0.time < $1.time }
        points = StepThinning.thin(ordered, from: x.lower, to: x.upper, columns: columns)
        // Ordered, so the last finite time is found from the end rather than by reading every point.
        var last = 0.0
        if let index = ordered.lastIndex(where: { $0.time.isFinite }) { last = ordered[index].time }
        for time in stratum.censorTimes where time.isFinite { last = max(last, time) }
        end = min(x.upper, max(x.lower, last))
        if let point = points.last { end = max(end, point.time) }
        var marks: [(time: Double, value: Double)] = []
        if wantMarks {
            for time in StepThinning.thinTimes(stratum.censorTimes, from: x.lower, to: x.upper, columns: columns) {
                if let value = Self.value(in: ordered, at: time) { marks.append((time, value)) }
            }
        }
        self.marks = marks
    }

    /// The same curve at a coarser resolution, thinned from its thinned points: a column of the coarser
    /// grid keeps the extremes of the finer columns it covers.
    func coarser(columns: Int, x: PreparedAxis) -> PreparedCurve {
        var copy = self
        copy.points = StepThinning.thin(points, from: x.lower, to: x.upper, columns: columns)
        return copy
    }

    /// The estimate in force at `time` (the last finite one at or before it), looked up by bisection.
    static func value(in points: [StepPoint], at time: Double) -> Double? {
        var low = 0, high = points.count
        while low < high {
            let mid = (low + high) / 2
            if points[mid].time <= time { low = mid + 1 } else { high = mid }
        }
        // Skip back over points without a finite estimate, a few at most in any real curve.
        var index = low - 1, looked = 0
        while index >= 0 && looked < 64 {
            if points[index].estimate.isFinite && points[index].time.isFinite { return points[index].estimate }
            index -= 1
            looked += 1
        }
        return nil
    }
}

extension SurvivalFigure {
    /// The figure as drawn at `columns` columns of resolution: each curve thinned, censor times thinned to
    /// one per column. What a JSON output shows of a plotted figure.
    public func thinned(columns: Int) -> SurvivalFigure {
        var copy = self
        let x = PreparedAxis(xAxis, fallback: FigureAxis.time(maxTime: strata.reduce(0.0) { max($0, PreparedSurvivalFigure.lastTime(of: $1)) }),
                             percent: false, format: NumberFormat())
        copy.strata = strata.map { stratum in
            var thinned = stratum
            let ordered = StepThinning.isOrdered(stratum.points) ? stratum.points : stratum.points.sorted { $0.time < $1.time }
            thinned.points = StepThinning.thin(ordered, from: x.lower, to: x.upper, columns: columns)
            thinned.censorTimes = StepThinning.thinTimes(stratum.censorTimes, from: x.lower, to: x.upper, columns: columns)
            return thinned
        }
        return copy
    }
}
