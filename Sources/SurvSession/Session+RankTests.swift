import SurvCore
import SurvData
import SurvLanguage
import SurvResults

/// The rank tests: a numeric column compared between the groups another column defines, over the kept
/// rows with both values present (R's `wilcox.test(x ~ g)` and `kruskal.test(x ~ g)` drop the others).
extension Session {
    /// The values of `x` split by the levels of `g`, groups in level order (R's factor order).
    private func rankSamples(_ x: String, by g: String) throws(Diagnostic) -> (samples: [[Double]], groups: [RankTestGroup], rows: RowAccounting) {
        guard let table else { throw Diagnostic("no dataset is loaded") }
        guard let column = table.column(named: x), case .number(let values, _) = column.data else {
            throw Diagnostic("'\(x)' must be a numeric column")
        }
        let selection = try AnalysisRows(table: table, kept: keptRows, columns: [x, g])
        let (codes, levels) = try categories(g, rows: selection.rows)
        var samples = [[Double]](repeating: [], count: levels.count)
        for (row, code) in zip(selection.rows, codes) where code >= 0 && code < samples.count {
            samples[code].append(values[row])
        }
        let groups = zip(levels, samples).map { level, sample in
            RankTestGroup(label: level, n: sample.count, median: Descriptive.summarize(sample, missing: 0).median)
        }
        return (samples, groups, selection.accounting)
    }

    func wilcoxon(_ x: String, by g: String) throws(Diagnostic) -> Report {
        let data = try rankSamples(x, by: g)
        guard data.samples.count == 2 else {
            throw Diagnostic("the Wilcoxon test compares two groups, but '\(g)' has \(data.samples.count) in the kept rows",
                             hint: data.samples.count > 2 ? "use kruskal \(x) by \(g) for more groups, or keep two with where" : "keep rows from two groups")
        }
        do {
            let result = try RankTests.wilcoxon(data.samples[0], data.samples[1])
            let small = data.samples.allSatisfy { $0.count < 50 }
            return .wilcoxon(WilcoxonReport(variable: x, by: g, groups: data.groups, result: result,
                                            tiesPreventedExact: small && !result.exact, rows: data.rows))
        } catch {
            throw Self.diagnostic(error)
        }
    }

    func kruskal(_ x: String, by g: String) throws(Diagnostic) -> Report {
        let data = try rankSamples(x, by: g)
        guard data.samples.count >= 2 else {
            throw Diagnostic("the Kruskal–Wallis test compares groups, but '\(g)' has one value in the kept rows")
        }
        var values: [Double] = [], labels: [Int] = []
        for (group, sample) in data.samples.enumerated() {
            values += sample
            labels += [Int](repeating: group, count: sample.count)
        }
        do {
            let statistic = try RankTests.kruskalWallis(values: values, groups: labels)
            return .kruskal(KruskalReport(variable: x, by: g, groups: data.groups, statistic: statistic, rows: data.rows))
        } catch {
            throw Self.diagnostic(error)
        }
    }
}
