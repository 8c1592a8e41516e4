/// One published number the data set should reproduce: what to compute, on which rows, and how close
/// the result must come. A row of a targets table (`TargetsTable`).
public struct Target: Equatable, Sendable {
    /// How a target is held to its value.
    public enum Match: String, Sendable {
        /// A count, a percentage of a count, a median or range placed by construction, or an exact test
        /// computed from counts: it must come out as printed.
        case exact
        /// A survival quantity (Kaplan–Meier, median, follow-up, log-rank, Cox): it depends on where events
        /// and censorings fall, so it is aimed at and must fall within `tolerance`.
        case approx
        /// A qualitative statement ("no difference"): aimed at, reported, never required.
        case soft
        /// A printed number the paper contradicts elsewhere: computed and shown beside the published one,
        /// never required (the note says which reading was taken).
        case reported
    }

    public enum Statistic: String, Sendable, CaseIterable {
        case rows, percent, median, min, max
        case fisherP = "fisher_p", kruskalP = "kruskal_p", wilcoxonP = "wilcoxon_p"
        case km, kmLower = "km_lower", kmUpper = "km_upper", kmLast = "km_last"
        case kmMedian = "km_median", kmMedianLower = "km_median_lower", kmMedianUpper = "km_median_upper"
        case followup, followupLower = "followup_lower", followupUpper = "followup_upper"
        case logrankP = "logrank_p"
        case coxHR = "cox_hr", coxLower = "cox_lower", coxUpper = "cox_upper", coxP = "cox_p"

        /// Whether the statistic is read off survival times (and so placed by the event times, not by construction).
        public var isSurvival: Bool {
            switch self {
            case .rows, .percent, .median, .min, .max, .fisherP, .kruskalP, .wilcoxonP: return false
            default: return true
            }
        }
    }

    /// How the computed value is compared with `value`.
    public enum Comparison: String, Sendable {
        /// Rounded half up to the decimals `value` is written with, it equals `value`.
        case round
        /// Within `tolerance` of `value`, on `scale`.
        case near
        /// At most `value` (a printed "<" or "≤").
        case below
        /// At least `value` (a printed ">" or a display cap such as "0.99" for 1.000).
        case above
        /// "Not reached": the median (or its limit) does not exist within follow-up.
        case notReached = "nr"
        /// "Not evaluable": nobody is left at risk at the time asked.
        case notEvaluable = "ne"
    }

    /// How a distance between the computed and the published value is measured.
    public enum Scale: String, Sendable {
        /// The difference, in the statistic's unit (percentage points, months, years, counts).
        case abs
        /// |ln(computed / value)|: hazard ratios and their limits.
        case ln
        /// |log10(computed / value)|: P values.
        case log10
    }

    public var id: String
    public var match: Match
    public var statistic: Statistic
    /// The rows the statistic is computed on.
    public var population: RowFilter
    /// For `percent`: the rows counted, out of `population`.
    public var condition: RowFilter
    /// The column summarised or tested; for Cox statistics, the term.
    public var variable: String
    /// The grouping of a test: a column, or a condition splitting the rows in two. For Cox statistics, the
    /// model's terms joined by " + ".
    public var by: String
    /// The prefix of the `_months` and `_event` columns of a survival statistic.
    public var endpoint: String
    /// The time a Kaplan–Meier estimate is read at.
    public var at: Double?
    /// The number as the paper prints it.
    public var published: String
    public var value: Double?
    /// The decimals `value` is written with (a printed "8.1" is matched to one decimal).
    public var decimals: Int
    public var comparison: Comparison
    public var scale: Scale
    public var tolerance: Double
    /// How much the generator cares about this target, relative to the others (0: not aimed at).
    public var weight: Double
    /// Where the number appears in the paper.
    public var source: String
    public var note: String
}
