import SurvCore
import SurvData
import SurvLanguage
import SurvResults

/// Kaplan–Meier, log-rank and follow-up: the endpoint's outcome split by the session's strata.
extension Session {
    /// The current endpoint's outcome over the analysis rows, grouped by the strata.
    struct StratifiedOutcome {
        var endpoint: String
        var outcome: SurvivalOutcome
        var grouping: Grouping
        var accounting: RowAccounting

        /// Indices (into the outcome arrays) of each group.
        var members: [[Int]] {
            var out = [[Int]](repeating: [], count: grouping.labels.count)
            for (i, g) in grouping.groups.enumerated() where g < out.count { out[g].append(i) }
            return out
        }
    }

    func stratifiedOutcome() throws(Diagnostic) -> StratifiedOutcome {
        guard let table, let name = currentEndpoint, let endpoint = endpoints[name] else {
            throw Diagnostic("no endpoint is declared", hint: "declare one with: endpoint TIME, EVENT")
        }
        let selection = try AnalysisRows(table: table, kept: keptRows, columns: [endpoint.time, endpoint.event] + strata)
        let outcome = try SurvivalOutcome.build(table: table, rows: selection.rows, time: endpoint.time, event: endpoint.event)
        let grouping = Grouping(table: table, rows: selection.rows, columns: strata, references: referenceLevels)
        try grouping.requireFewGroups(columns: strata)
        return StratifiedOutcome(endpoint: describeEndpoint(name), outcome: outcome, grouping: grouping, accounting: selection.accounting)
    }

    func kaplanMeier(times: [Double], fullTable: Bool, probabilities: [Double] = [], wide: Bool = false) throws(Diagnostic) -> Report {
        let data = try stratifiedOutcome()
        var strata: [KaplanMeierStratum] = []
        for (g, members) in data.members.enumerated() where !members.isEmpty {
            let curve: KaplanMeierCurve
            do {
                curve = try KaplanMeierCurve.fit(time: members.map { data.outcome.time[$0] }, event: members.map { data.outcome.event[$0] },
                                                 transform: settings.transform, level: settings.level)
            } catch { throw Self.diagnostic(error) }
            strata.append(KaplanMeierStratum(label: data.grouping.labels[g], curve: curve, median: curve.quantile(0.5, rule: settings.quantileRule),
                                             at: times.isEmpty ? [] : curve.summary(at: times),
                                             quantiles: probabilities.map { curve.quantile($0, rule: settings.quantileRule) }))
        }
        return .kaplanMeier(KaplanMeierReport(endpoint: data.endpoint, strata: strata, times: times, rows: data.accounting,
                                              conventions: settings.conventions, fullTable: fullTable, probabilities: probabilities,
                                              wide: wide))
    }

    func logrank(trend: Bool, rho: Double) throws(Diagnostic) -> Report {
        guard !strata.isEmpty else {
            throw Diagnostic("the log-rank test compares groups, but no strata are set", hint: "stratify by a column first, e.g. stratify by sex")
        }
        let data = try stratifiedOutcome()
        guard data.grouping.labels.count >= 2 else {
            throw Diagnostic("the log-rank test needs at least two groups; the kept rows have only \(data.grouping.labels.first ?? "one")")
        }
        do {
            let test = try LogRankTest.compute(time: data.outcome.time, event: data.outcome.event, group: data.grouping.groups,
                                               groupCount: data.grouping.labels.count, rho: rho)
            let trendTest = trend ? try LogRankTrendTest.compute(time: data.outcome.time, event: data.outcome.event,
                                                                 group: data.grouping.groups, groupCount: data.grouping.labels.count) : nil
            return .logrank(LogRankReport(endpoint: data.endpoint, labels: data.grouping.labels, test: test, trend: trendTest,
                                          rows: data.accounting, conventions: settings.conventions))
        } catch {
            throw Self.diagnostic(error)
        }
    }

    func followup() throws(Diagnostic) -> Report {
        let data = try stratifiedOutcome()
        var strata: [FollowupStratum] = []
        for (g, members) in data.members.enumerated() where !members.isEmpty {
            do {
                let curve = try KaplanMeierCurve.reverse(time: members.map { data.outcome.time[$0] }, event: members.map { data.outcome.event[$0] },
                                                         transform: settings.transform, level: settings.level)
                strata.append(FollowupStratum(label: data.grouping.labels[g], n: members.count, median: curve.quantile(0.5, rule: settings.quantileRule)))
            } catch { throw Self.diagnostic(error) }
        }
        return .followup(FollowupReport(endpoint: data.endpoint, strata: strata, rows: data.accounting, conventions: settings.conventions))
    }

    /// A core error as a diagnostic: its message, and its hint on a line of its own.
    static func diagnostic(_ error: Error) -> Diagnostic {
        if let core = error as? CoreError { return Diagnostic(core.message, hint: core.hint) }
        return Diagnostic("\(error)")
    }
}
