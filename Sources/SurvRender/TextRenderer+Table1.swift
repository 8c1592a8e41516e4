import SurvCore
import SurvResults

extension TextRenderer {
    /// One column per group headed by its level and size (the corner names the grouping column); a number
    /// as `median (Q1–Q3)` with its range under it, a category as a row per level, `n (%)` of the group's
    /// non-missing rows; the p-value on the variable's first row, each in its own style, marked
    /// with its test's letter as papers footnote it.
    func table1(_ r: Table1Report) -> String {
        let prefix = r.by.map { "\($0)=" } ?? ""
        let headers = r.groups.map { group in
            (group.label.hasPrefix(prefix) && group.label != "All" ? String(group.label.dropFirst(prefix.count)) : group.label) + " (n = \(group.n))"
        }
        let tested = r.by != nil
        var t = TextTable([r.by.map { "by \($0)" } ?? ""] + headers + (tested ? ["p"] : []))
        let ps = format.pValues(r.variables.map(\.p))
        for (variable, p) in zip(r.variables, ps) {
            let tail = tested ? [variable.p == nil ? "" : p + " " + (variable.test.map(Self.testMark) ?? "")] : []
            switch variable.summary {
            case .numeric(let summaries):
                t.append(["\(variable.label ?? variable.name), median (Q1–Q3)"] + summaries.map { s in
                    s.median == nil ? NumberFormat.missing : "\(format.data(s.median)) (\(format.interval(s.q1, s.q3, format.data)))"
                } + tail)
                t.append(["  range"] + summaries.map { s in s.min == nil ? NumberFormat.missing : format.interval(s.min, s.max, format.data) })
                if summaries.contains(where: { $0.missing > 0 }) {
                    t.append(["  missing"] + summaries.map { String($0.missing) })
                }
            case .categorical(let levels, let missing):
                t.append(["\(variable.label ?? variable.name), n (%)"] + r.groups.map { _ in "" } + tail)
                for level in levels {
                    t.append(["  " + level.level] + zip(level.counts, level.percents).map { count, percent in
                        percent.map { "\(count) (\(format.percentage($0))%)" } ?? String(count)
                    })
                }
                if missing.contains(where: { $0 > 0 }) { t.append(["  missing"] + missing.map(String.init)) }
            }
        }
        var lines = [rendered(t, narrowing: "fewer groups, or fewer variables per table1, narrow it")]
        if r.missingGroup > 0, let by = r.by {
            lines.append("\(Wording.count(r.missingGroup, "row")) with \(by) missing left out")
        }
        let used = Table1Test.allCases.filter { test in r.variables.contains { $0.test == test } }
        if !used.isEmpty {
            lines.append(TextWrap.wrap("p: " + used.map { "\(Self.testMark($0)) \(Self.testName($0))" }.joined(separator: "; ")
                                       + (used.contains(.fisher) ? " (an expected count below 5)" : "")))
        }
        return lines.joined(separator: "\n")
    }

    static func testMark(_ test: Table1Test) -> String {
        switch test {
        case .wilcoxon: return "W"
        case .kruskal: return "K"
        case .chisq: return "C"
        case .fisher: return "F"
        }
    }

    static func testName(_ test: Table1Test) -> String {
        switch test {
        case .wilcoxon: return "Wilcoxon rank-sum"
        case .kruskal: return "Kruskal–Wallis"
        case .chisq: return "Pearson's chi-square, no continuity correction"
        case .fisher: return "Fisher's exact"
        }
    }
}
