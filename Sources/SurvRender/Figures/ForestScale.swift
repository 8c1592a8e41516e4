import Foundation
import SurvResults

/// The log axis of a forest plot, shared by its terminal and SVG drawings: it spans every hazard ratio and
/// limit (and 1, the line of no effect), at least 0.5–2 so that a lone narrow interval still reads as one,
/// and leaves out values beyond 0.001–1000, so that an interval a separated model made infinite does not
/// squeeze the others to a point (it runs off the axis with an arrow instead).
struct ForestScale {
    static let widest = (lower: 1e-3, upper: 1e3)

    let lower: Double
    let upper: Double
    let ticks: [Double]
    let tickTexts: [String]

    init(rows: [ForestRow], maximumTicks: Int) {
        var low = 0.5, high = 2.0
        for row in rows {
            for value in [row.lower, row.hazardRatio, row.upper]
            where value >= Self.widest.lower && value <= Self.widest.upper {
                low = min(low, value)
                high = max(high, value)
            }
        }
        // A little room beyond the outermost value, so a whisker's end is not on the frame.
        let pad = (log10(high) - log10(low)) * 0.04
        lower = pow(10, log10(low) - pad)
        upper = pow(10, log10(high) + pad)
        var ticks: [Double] = []
        for mantissas in [[1.0, 2, 5], [1.0]] {
            ticks = []
            var exponent = Int(log10(lower).rounded(.down))
            while exponent <= Int(log10(upper).rounded(.up)) {
                for m in mantissas {
                    let value = m * pow(10, Double(exponent))
                    if value >= lower && value <= upper { ticks.append(value) }
                }
                exponent += 1
            }
            if ticks.count <= max(2, maximumTicks) { break }
        }
        self.ticks = ticks
        tickTexts = ticks.map { NumberFormat().data($0) }
    }

    /// Where a hazard ratio falls, 0 at the left end and 1 at the right; below 0 or above 1 when it is off
    /// the axis, and nil when it is not a positive number (a limit of 0 is off the left end).
    func fraction(_ value: Double) -> Double? {
        if value == 0 { return -1 }
        guard value > 0, !value.isNaN else { return nil }
        if value == .infinity { return 2 }
        return (log10(value) - log10(lower)) / (log10(upper) - log10(lower))
    }
}

extension ForestFigure {
    /// The heading of the numbers' column: `HR (95% CI)`, or `HR (CI)` for a level that is not a proportion.
    var numbersHeading: String {
        level > 0 && level < 1 ? "HR (" + NumberFormat.percent(level) + " CI)" : "HR (CI)"
    }
}
