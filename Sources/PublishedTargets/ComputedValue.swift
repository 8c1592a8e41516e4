/// A statistic computed on the data, with what a comparison needs beyond the number itself.
public struct ComputedValue: Equatable, Sendable {
    /// `nil` when the quantity does not exist: a median (or limit) not reached, a survival estimate past the
    /// last follow-up.
    public var value: Double?
    /// How far the data are from the point where `value` starts (or stops) to exist, for a median or a
    /// Kaplan–Meier estimate: the lowest value of the curve that decides the median minus 0.5 (a median is
    /// not reached while this is positive), or the last observed time minus the time asked for. An optimiser
    /// aiming at "NR" follows it; nil for other statistics.
    public var margin: Double?
    /// Whether the curve behind a median sits at exactly 0.5 somewhere, where R's and Stata's rules for the
    /// median disagree.
    public var touchesHalf: Bool

    public init(value: Double?, margin: Double? = nil, touchesHalf: Bool = false) {
        self.value = value
        self.margin = margin
        self.touchesHalf = touchesHalf
    }
}
