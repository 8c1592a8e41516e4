import SurvCore
import SurvData
import SurvLanguage
import SurvResults

/// Kaplan–Meier, log-rank and follow-up: the endpoint's outcome split by the session's strata.
extension Session {
    /// The current endpoint's outcome over the analysis rows, grouped by the strata and prepared for the core
    /// (timefix, order, counts per distinct time): built once and kept until the data, the filter, the
    /// endpoint, the strata or a reference level change, so that `km` after `logrank` prepares nothing again.
    struct StratifiedOutcome {
        var endpoint: String
        /// Stratum g of the preparation is group g of `labels`.
        var prepared: SurvivalPreparation
        var labels: [String]
        var accounting: RowAccounting
    }

    func stratifiedOutcome() throws(Diagnostic) -> StratifiedOutcome {
        if let preparedSurvival { return preparedSurvival }
        guard let table, let name = currentEndpoint, let endpoint = endpoints[name] else {
            throw Diagnostic("no endpoint is declared", hint: "declare one with: endpoint TIME, EVENT")
        }
        if endpoint.start != nil {
            // Only the one-row analyses come here; those defined on intervals (km, plot km) take their own path.
            throw Diagnostic("this is not defined for (start, stop] data: it would count each interval as a subject")
        }
        let selection = try AnalysisRows(table: table, kept: keptRows, columns: [endpoint.time, endpoint.event] + strata)
        let (rows, outcome) = try adjusted(rows: selection.rows,
                                           outcome: try SurvivalOutcome.build(table: table, rows: selection.rows, endpoint: endpoint))
        let grouping = try Grouping(table: table, rows: rows, columns: strata, references: referenceLevels)
        try grouping.requireFewGroups(columns: strata)
        let prepared: SurvivalPreparation
        do {
            prepared = try SurvivalPreparation(time: outcome.time, event: outcome.event, strata: grouping.codes)
        } catch { throw Self.diagnostic(error) }
        let data = StratifiedOutcome(endpoint: describeEndpoint(name), prepared: prepared, labels: grouping.labels,
                                     accounting: selection.accounting)
        preparedSurvival = data
        return data
    }

    func kaplanMeier(times: [Double], fullTable: Bool, probabilities: [Double] = [], wide: Bool = false) throws(Diagnostic) -> Report {
        if let name = currentEndpoint, let endpoint = endpoints[name], let start = endpoint.start {
            return try countingProcessKaplanMeier(endpoint: endpoint, start: start, times: times, fullTable: fullTable,
                                                  probabilities: probabilities, wide: wide)
        }
        let data = try stratifiedOutcome()
        var strata: [KaplanMeierStratum] = []
        for g in data.labels.indices where data.prepared.rows(inStratum: g) > 0 {
            let curve: KaplanMeierCurve
            do {
                curve = try KaplanMeierCurve.fit(data.prepared, stratum: g, transform: settings.transform, level: settings.level)
            } catch { throw Self.diagnostic(error) }
            strata.append(KaplanMeierStratum(label: data.labels[g], curve: curve, median: curve.quantile(0.5, rule: settings.quantileRule),
                                             at: times.isEmpty ? [] : curve.summary(at: times),
                                             quantiles: probabilities.map { curve.quantile($0, rule: settings.quantileRule) }))
        }
        var report = KaplanMeierReport(endpoint: data.endpoint, strata: strata, times: times, rows: data.accounting,
                                              conventions: settings.conventions, fullTable: fullTable, probabilities: probabilities,
                                              wide: wide)
        // With competing risks, km censors the competitors: the naive estimate, said so under the table.
        if let name = currentEndpoint, let causes = endpoints[name]?.causes { report.censoredCompetingCauses = causes.competing.map(\.label) }
        return .kaplanMeier(report)
    }

    func logrank(trend: Bool, rho: Double) throws(Diagnostic) -> Report {
        guard !strata.isEmpty else {
            throw Diagnostic("the log-rank test compares groups, but no strata are set", hint: "stratify by a column first, e.g. stratify by sex")
        }
        let data = try stratifiedOutcome()
        guard data.labels.count >= 2 else {
            throw Diagnostic("the log-rank test needs at least two groups; the kept rows have only \(data.labels.first ?? "one")")
        }
        do {
            let test = try LogRankTest.compute(data.prepared, rho: rho)
            let trendTest = trend ? try LogRankTrendTest.compute(data.prepared) : nil
            return .logrank(LogRankReport(endpoint: data.endpoint, labels: data.labels, test: test, trend: trendTest,
                                          rows: data.accounting, conventions: settings.conventions))
        } catch {
            throw Self.diagnostic(error)
        }
    }

    func followup() throws(Diagnostic) -> Report {
        let data = try stratifiedOutcome()
        var strata: [FollowupStratum] = []
        for g in data.labels.indices where data.prepared.rows(inStratum: g) > 0 {
            do {
                let curve = try KaplanMeierCurve.fit(data.prepared, stratum: g, reverse: true,
                                                     transform: settings.transform, level: settings.level)
                strata.append(FollowupStratum(label: data.labels[g], n: curve.n, median: curve.quantile(0.5, rule: settings.quantileRule)))
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
