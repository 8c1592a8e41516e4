/// A checked `plot`: which figure, what it shows and where it goes. Every option has its value here,
/// defaults included, so the session and the renderers never look at the syntax.
public struct PlotPlan: Equatable, Sendable {
    public enum Figure: String, Equatable, Sendable {
        /// The current endpoint's Kaplan–Meier curves, one per stratum.
        case km
        /// The last Cox model's scaled Schoenfeld residuals against time, one panel per term.
        case zph
        /// The last Cox model as a forest plot.
        case cox
        /// A competing-risks endpoint's cumulative incidence (Aalen–Johansen), per stratum and cause.
        case cuminc
    }

    /// What a Kaplan–Meier figure's y axis shows.
    public enum Scale: String, Equatable, Sendable {
        case survival
        /// Nelson–Aalen cumulative hazard.
        case cumulativeHazard = "cumhaz"
        /// 1 − S(t): the fraction who have had the event by t.
        case cumulativeIncidence = "cuminc"
    }

    public var figure: Figure
    public var scale: Scale = .survival
    public var confidenceBand = false
    public var riskTable = true
    public var censorMarks = true
    public var percent = false
    /// The x axis ends here (nil: at the last time).
    public var xmax: Double?
    /// Spacing of the x ticks (nil: chosen from the range).
    public var tickSpacing: Double?
    public var xLabel: String?
    public var yLabel: String?
    public var title: String?
    /// `to "FILE.svg"`: written as SVG instead of drawn in the terminal.
    public var path: String?

    public init(figure: Figure) { self.figure = figure }
}
