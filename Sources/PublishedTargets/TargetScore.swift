import Foundation

/// A target beside what the data give: how far apart they are, whether the target is met, and how much
/// the miss costs an optimiser aiming at it.
public struct TargetScore: Sendable {
    public var target: Target
    /// nil when the statistic could not be computed (`problem` says why).
    public var computed: ComputedValue?
    public var problem: String?

    public init(target: Target, computed: ComputedValue?, problem: String? = nil) {
        self.target = target
        self.computed = computed
        self.problem = problem
    }

    /// Scores every target of `table` on `evaluator`'s data.
    public static func all(_ table: TargetsTable, on evaluator: TargetEvaluator) -> [TargetScore] {
        table.targets.map { score($0, on: evaluator) }
    }

    public static func score(_ target: Target, on evaluator: TargetEvaluator) -> TargetScore {
        do {
            return TargetScore(target: target, computed: try evaluator.compute(target))
        } catch {
            return TargetScore(target: target, computed: nil, problem: error.message)
        }
    }

    /// The distance on the target's scale: ≥ 0; 0 when a bound (`below`, `above`) holds or when "not
    /// reached" / "not evaluable" is reproduced; infinite when the quantity exists on one side only or
    /// could not be computed.
    public var distance: Double {
        guard let computed else { return .infinity }
        switch target.comparison {
        case .notReached, .notEvaluable:
            return computed.value == nil ? 0 : .infinity
        case .round, .near, .below, .above:
            guard let c = computed.value, let v = target.value else { return .infinity }
            let d = Self.distance(c, v, target.scale)
            switch target.comparison {
            case .below: return c <= v ? 0 : d
            case .above: return c >= v ? 0 : d
            default: return d
            }
        }
    }

    /// The computed value rounded half up to the decimals the target is written with equals it.
    public var printsAsPublished: Bool {
        guard let c = computed?.value, let v = target.value else { return false }
        return Self.roundHalfUp(c, decimals: target.decimals) == Self.roundHalfUp(v, decimals: target.decimals)
    }

    /// Whether the target holds: `round` must print as published; `below`/`above` and "not reached" /
    /// "not evaluable" must hold, `below`/`above` give `tolerance` of slack; `near` must be within `tolerance`.
    public var isMet: Bool {
        guard computed != nil else { return false }
        switch target.comparison {
        case .round: return printsAsPublished
        case .notReached, .notEvaluable: return distance == 0
        case .near, .below, .above: return distance <= target.tolerance + 1e-12
        }
    }

    /// Whether a test must fail on this target: exact targets always count, approximate ones only
    /// through their tolerance, soft and reported ones never.
    public var isRequired: Bool { target.match == .exact || target.match == .approx }

    /// The cost of the miss to an optimiser, weighted. On the absolute scale (rates, times) it is the squared
    /// distance in tolerances plus a step when the value would not print as published: a 3-year rate or a
    /// median can be hit exactly. On the log scales (P values, hazard ratios), which no placement hits to
    /// the printed digit, it is ten times the squared distance in tolerances, plus a step when a P value
    /// falls on the other side of 0.05. Existence targets ("NR", "not evaluable") follow the curve's margin
    /// so that there is a way downhill.
    public var loss: Double {
        let w = target.weight
        guard w > 0 else { return 0 }
        guard let computed else { return w * 100 }
        let tolerance = max(target.tolerance, 1e-9)
        switch target.comparison {
        case .notReached:
            guard computed.value != nil else { return 0 }
            return w * (5 + 100 * max(0, -(computed.margin ?? 0)))
        case .notEvaluable:
            guard computed.value != nil else { return 0 }
            return w * (5 + max(0, computed.margin ?? 0))
        case .round:
            return printsAsPublished ? 0 : w * 5
        case .below, .above:
            let excess = distance
            return excess == 0 ? 0 : w * (5 + (excess / tolerance) * (excess / tolerance))
        case .near:
            guard let c = computed.value, let v = target.value else {
                return w * (10 + 100 * max(0, computed.margin ?? 0))
            }
            let d = distance / tolerance
            guard target.scale != .abs else { return w * (d * d + (printsAsPublished ? 0 : 5)) }
            var cost = 10 * d * d
            if target.statistic == .logrankP || target.statistic == .coxP, (c < 0.05) != (v < 0.05) { cost += 5 }
            return w * cost
        }
    }

    static func distance(_ c: Double, _ v: Double, _ scale: Target.Scale) -> Double {
        switch scale {
        case .abs: return abs(c - v)
        case .ln: return c > 0 && v > 0 ? abs(Foundation.log(c / v)) : .infinity
        case .log10: return c > 0 && v > 0 ? abs(Foundation.log10(c / v)) : .infinity
        }
    }

    /// Half up, as the paper's percentages are rounded; the nudge keeps 0.645 (stored as 0.64499…) at 0.65.
    static func roundHalfUp(_ x: Double, decimals: Int) -> Double {
        let factor = Foundation.pow(10, Double(decimals))
        return (x * factor + 0.5 + 1e-9).rounded(.down) / factor
    }
}
