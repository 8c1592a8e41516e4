import Foundation

/// Targets beside the values the data give, as a plain-text table: one line per target with the published
/// number, the reconstructed one, their distance and whether the target is met.
public enum ScoreTable {
    public static func text(_ scores: [TargetScore]) -> String {
        var lines = [row("id", "match", "statistic", "population", "paper", "here", "distance", "tol", "")]
        for score in scores {
            let t = score.target
            let status: String
            if score.problem != nil { status = "error" }
            else if score.isMet { status = "ok" }
            else { status = score.isRequired ? "MISS" : "differs" }
            lines.append(row(t.id, t.match.rawValue, describe(t), t.population.description,
                             clip(t.published, 14), here(score), distanceText(score), number(t.tolerance), status))
            if let problem = score.problem { lines.append("    " + problem) }
        }
        return lines.joined(separator: "\n")
    }

    /// The statistic in words short enough for a column: `km rfs @36`, `cox_hr mrd (os)`, `median age`.
    public static func describe(_ t: Target) -> String {
        switch t.statistic {
        case .rows: return t.condition.clauses.isEmpty ? "rows" : "rows " + t.condition.description
        case .percent: return "% " + t.condition.description
        case .median, .min, .max: return "\(t.statistic.rawValue) \(t.variable)"
        case .fisherP, .kruskalP, .wilcoxonP: return "\(t.statistic.rawValue) \(t.variable) by \(t.by)"
        case .km, .kmLower, .kmUpper: return "\(t.statistic.rawValue) \(t.endpoint) @\(number(t.at ?? 0))"
        case .kmLast, .kmMedian, .kmMedianLower, .kmMedianUpper, .followup, .followupLower, .followupUpper:
            return "\(t.statistic.rawValue) \(t.endpoint)"
        case .logrankP: return "logrank_p \(t.endpoint) by \(t.by)"
        case .coxHR, .coxLower, .coxUpper, .coxP: return "\(t.statistic.rawValue) \(t.variable) (\(t.endpoint))"
        }
    }

    static func here(_ score: TargetScore) -> String {
        guard let computed = score.computed else { return "-" }
        guard let value = computed.value else {
            return score.target.comparison == .notEvaluable || score.target.statistic == .km ? "NE" : "NR"
        }
        if score.target.statistic == .logrankP || score.target.statistic == .coxP || score.target.statistic == .fisherP
            || score.target.statistic == .kruskalP || score.target.statistic == .wilcoxonP {
            return value < 0.001 ? String(format: "%.1e", value) : String(format: "%.4f", value)
        }
        return String(format: "%.\(min(score.target.decimals + 2, 4))f", value)
    }

    static func distanceText(_ score: TargetScore) -> String {
        let d = score.distance
        guard d.isFinite else { return "inf" }
        return String(format: "%.3f", d)
    }

    static func number(_ x: Double) -> String {
        x == x.rounded() ? String(Int(x)) : String(format: "%g", x)
    }

    static func clip(_ text: String, _ width: Int) -> String {
        text.count <= width ? text : String(text.prefix(width - 1)) + "…"
    }

    static func row(_ cells: String...) -> String {
        let widths = [7, 9, 30, 44, 14, 10, 8, 5, 7]
        return zip(cells, widths).map { cell, width in
            cell.count >= width ? cell + " " : cell + String(repeating: " ", count: width - cell.count)
        }.joined().trimmingCharacters(in: .whitespaces)
    }
}
