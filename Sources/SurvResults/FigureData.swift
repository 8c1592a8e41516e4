// The values a figure is drawn from. They are plain data (no statistics, no formatting state) so that the
// command that computed them can hand them over, store them as JSON, and have the terminal and the SVG
// drawings agree: both are functions of one of these.

/// One point of a step function drawn in "post" style: `estimate` holds from `time` until the next point.
public struct StepPoint: Codable, Sendable, Equatable {
    public var time: Double
    /// On the plotted scale: survival, cumulative incidence or cumulative hazard.
    public var estimate: Double
    /// Confidence limits on the same scale; `nil` where they do not exist.
    public var lower: Double?
    public var upper: Double?

    public init(time: Double, estimate: Double, lower: Double? = nil, upper: Double? = nil) {
        self.time = time
        self.estimate = estimate
        self.lower = lower
        self.upper = upper
    }
}

/// One curve of a survival figure.
public struct CurveStratum: Codable, Sendable, Equatable {
    public var label: String
    /// Ordered by time; the first is usually the curve's start (time 0, survival 1).
    public var points: [StepPoint]
    /// Times at which a subject was censored; a mark is drawn on the curve at each.
    public var censorTimes: [Double]
    /// The number at risk at each tick of the figure's x axis, in the same order (empty: no row).
    public var atRisk: [Double]

    public init(label: String, points: [StepPoint], censorTimes: [Double] = [], atRisk: [Double] = []) {
        self.label = label
        self.points = points
        self.censorTimes = censorTimes
        self.atRisk = atRisk
    }
}

/// What a survival figure's y axis measures; it decides the axis's default range and title.
public enum CurveMeasure: String, Codable, Sendable, CaseIterable {
    /// Kaplan–Meier survival, falling from 1.
    case survival
    /// 1 − survival, rising from 0 ("events by time").
    case cumulativeIncidence
    /// Nelson–Aalen cumulative hazard, rising from 0 without an upper bound.
    case cumulativeHazard
}

/// An axis: its title, the range shown, and where its ticks go.
public struct FigureAxis: Codable, Sendable, Equatable {
    public var label: String
    public var lower: Double
    public var upper: Double
    public var ticks: [Double]
    /// Text shown at each tick instead of its value, when the position is not what the reader should read
    /// (zph plots transformed time but labels it with times). Empty: the values are printed.
    public var tickLabels: [String]
    /// The times the ticks stand for, when they are not their positions (a zph axis of transformed time):
    /// a renderer prints these in its number format where `tickLabels` is empty.
    public var tickTimes: [Double] = []

    public init(label: String, lower: Double, upper: Double, ticks: [Double], tickLabels: [String] = []) {
        self.label = label
        self.lower = lower
        self.upper = upper
        self.ticks = ticks
        self.tickLabels = tickLabels
    }
}

/// The switches of `plot km`.
public struct CurveFigureOptions: Codable, Sendable, Equatable {
    /// Draw each curve's confidence band.
    public var confidenceBand: Bool
    /// Print the number at risk under the x axis.
    public var riskTable: Bool
    /// Mark censoring times on the curves.
    public var censorMarks: Bool
    /// Label a probability axis 0–100%.
    public var percent: Bool

    public init(confidenceBand: Bool = false, riskTable: Bool = true, censorMarks: Bool = true, percent: Bool = false) {
        self.confidenceBand = confidenceBand
        self.riskTable = riskTable
        self.censorMarks = censorMarks
        self.percent = percent
    }
}

/// Kaplan–Meier (or cumulative incidence, or cumulative hazard) curves, one per stratum, with their
/// number-at-risk table.
public struct SurvivalFigure: Codable, Sendable, Equatable {
    public var title: String?
    public var measure: CurveMeasure
    /// The time axis. Its ticks are also the times of the number-at-risk table.
    public var xAxis: FigureAxis
    public var yAxis: FigureAxis
    public var strata: [CurveStratum]
    /// The test comparing the strata, already worded (`Log-rank p = 0.065`); shown with 2+ strata.
    public var pValueText: String?
    /// The log-rank p-value across the strata, for a renderer to word with its own number format when
    /// `pValueText` is not given.
    public var logRankP: Double?
    /// Gray's test of the event across the strata, for a cumulative-incidence figure.
    public var grayP: Double?
    public var options: CurveFigureOptions

    public init(title: String? = nil, measure: CurveMeasure = .survival, xAxis: FigureAxis, yAxis: FigureAxis,
                strata: [CurveStratum], pValueText: String? = nil, options: CurveFigureOptions = .init()) {
        self.title = title
        self.measure = measure
        self.xAxis = xAxis
        self.yAxis = yAxis
        self.strata = strata
        self.pValueText = pValueText
        self.options = options
    }
}

/// One term of a Cox model in a forest plot.
public struct ForestRow: Codable, Sendable, Equatable {
    public var term: String
    public var hazardRatio: Double
    public var lower: Double
    public var upper: Double
    public var p: Double?

    public init(term: String, hazardRatio: Double, lower: Double, upper: Double, p: Double? = nil) {
        self.term = term
        self.hazardRatio = hazardRatio
        self.lower = lower
        self.upper = upper
        self.p = p
    }
}

/// Hazard ratios with their confidence intervals on a log axis (survminer's `ggforest`).
public struct ForestFigure: Codable, Sendable, Equatable {
    public var title: String?
    public var rows: [ForestRow]
    /// The confidence level of the intervals (0.95), for the column heading.
    public var level: Double
    /// A closing line under the plot (`n = 23, events = 18`).
    public var note: String?

    public init(title: String? = nil, rows: [ForestRow], level: Double = 0.95, note: String? = nil) {
        self.title = title
        self.rows = rows
        self.level = level
        self.note = note
    }
}

/// A point of a smooth curve with its pointwise band.
public struct SmoothPoint: Codable, Sendable, Equatable {
    public var x: Double
    public var fit: Double
    public var lower: Double?
    public var upper: Double?

    public init(x: Double, fit: Double, lower: Double? = nil, upper: Double? = nil) {
        self.x = x
        self.fit = fit
        self.lower = lower
        self.upper = upper
    }
}

/// One term of `cox.zph`: its scaled Schoenfeld residuals against (transformed) time and their smooth.
public struct ResidualPanel: Codable, Sendable, Equatable {
    public var term: String
    /// One per event, paired with `residuals`.
    public var x: [Double]
    /// `nil` where the residual does not exist (R's NA).
    public var residuals: [Double?]
    /// Ordered by x.
    public var smooth: [SmoothPoint]
    /// The term's test, already worded (`p = 0.23`).
    public var pValueText: String?
    /// The term's PH test p-value, for a renderer to word when `pValueText` is not given.
    public var p: Double?

    public init(term: String, x: [Double], residuals: [Double?], smooth: [SmoothPoint], pValueText: String? = nil) {
        self.term = term
        self.x = x
        self.residuals = residuals
        self.smooth = smooth
        self.pValueText = pValueText
    }
}

/// R's `plot(cox.zph(fit))`: one panel per term, sharing the x axis.
public struct ResidualFigure: Codable, Sendable, Equatable {
    public var title: String?
    public var xAxis: FigureAxis
    public var panels: [ResidualPanel]

    public init(title: String? = nil, xAxis: FigureAxis, panels: [ResidualPanel]) {
        self.title = title
        self.xAxis = xAxis
        self.panels = panels
    }
}
