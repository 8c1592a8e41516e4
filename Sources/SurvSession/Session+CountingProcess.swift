import SurvCore
import SurvData
import SurvLanguage
import SurvResults

/// (start, stop] endpoints: delayed entry, recurrent events and split follow-up, as R's Surv(start, stop, event).
extension Session {
    func defineCountingProcessEndpoint(_ plan: EndpointPlan, start: String, table: DataTable, rows: [Int]) throws(Diagnostic) -> Report {
        let candidate = Endpoint(name: "", time: plan.time, event: plan.event, start: start)
        let outcome = try CountingProcessOutcome.build(table: table, rows: rows, endpoint: candidate, start: start)
        guard !outcome.rows.isEmpty else { throw Diagnostic("no rows have all of \(start), \(plan.time) and \(plan.event)") }
        let key = plan.name ?? Self.endpointKey(start: start, time: plan.time, event: plan.event, causes: nil)
        endpoints[key] = Endpoint(name: key, time: plan.time, event: plan.event, start: start)
        if !endpointOrder.contains(key) { endpointOrder.append(key) }
        currentEndpoint = key
        lastCox = nil
        let among = keptRows == nil ? "" : " kept"
        let events = outcome.event.filter { $0 }.count
        return .message("endpoint \(describeEndpoint(key)): \(Wording.count(outcome.rows.count, "interval"))\(among), \(Wording.count(events, "event"))")
    }

    /// The Kaplan–Meier curve of each stratum of a (start, stop] endpoint, each row at risk only inside its
    /// interval (R's survfit on Surv(start, stop, event)): what `km` tabulates and `plot km` draws.
    func countingProcessCurves(endpoint: Endpoint, start: String) throws(Diagnostic)
        -> (curves: [(label: String, curve: KaplanMeierCurve)], accounting: RowAccounting) {
        guard let table else { throw Diagnostic("no dataset is loaded") }
        let selection = try AnalysisRows(table: table, kept: keptRows, columns: [start, endpoint.time, endpoint.event] + strata)
        // The design cuts the intervals as given; R's survival then ties times that differ by rounding noise.
        let outcome = try designedIntervals(try CountingProcessOutcome.build(table: table, rows: selection.rows, endpoint: endpoint, start: start))
            .tyingRoundingNoise()
        let grouping = try Grouping(table: table, rows: outcome.rows, columns: strata, references: referenceLevels)
        try grouping.requireFewGroups(columns: strata)
        let groups = grouping.groups
        var curves: [(label: String, curve: KaplanMeierCurve)] = []
        for (g, label) in grouping.labels.enumerated() {
            let part = outcome.subset(groups.map { $0 == g })
            guard !part.rows.isEmpty else { continue }
            do {
                curves.append((label, try KaplanMeierCurve.fit(start: part.start, stop: part.stop, event: part.event,
                                                               transform: settings.transform, level: settings.level)))
            } catch { throw Self.diagnostic(error) }
        }
        return (curves, selection.accounting)
    }

    /// `km` on (start, stop] data: one curve per stratum, each row at risk only inside its interval.
    func countingProcessKaplanMeier(endpoint: Endpoint, start: String, times: [Double], fullTable: Bool,
                                    probabilities: [Double], wide: Bool) throws(Diagnostic) -> Report {
        guard let name = currentEndpoint else { throw Diagnostic("no endpoint is declared") }
        let (fitted, accounting) = try countingProcessCurves(endpoint: endpoint, start: start)
        let curves = fitted.map { label, curve in
            KaplanMeierStratum(label: label, curve: curve, median: curve.quantile(0.5, rule: settings.quantileRule),
                               at: times.isEmpty ? [] : curve.summary(at: times),
                               quantiles: probabilities.map { curve.quantile($0, rule: settings.quantileRule) })
        }
        return .kaplanMeier(KaplanMeierReport(endpoint: describeEndpoint(name), strata: curves, times: times, rows: accounting,
                                              conventions: settings.conventions, fullTable: fullTable, probabilities: probabilities,
                                              wide: wide))
    }
}
