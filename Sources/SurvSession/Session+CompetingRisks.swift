import SurvCore
import SurvData
import SurvLanguage
import SurvResults

/// Competing risks: an endpoint whose status names the event and its competitors; `cuminc` (Aalen–Johansen
/// with Gray's test, as cmprsk's `cuminc`) and `finegray` (cmprsk's `crr`).
extension Session {
    func defineCompetingEndpoint(_ plan: EndpointPlan, causes: CausesSyntax, table: DataTable, rows: [Int]) throws(Diagnostic) -> Report {
        guard let status = table.column(named: plan.event) else { throw Diagnostic("unknown column '\(plan.event)'") }
        // A code that does not occur is a slip (a 1/2 coding read as 0/1, a misspelt level): named where it
        // was written, with the values that do occur.
        let present = CompetingOutcome.values(of: status, rows: rows)
        // A labelled column's codes are also its values (`event 1` for 1 = Relapse).
        var accepted = Set(present)
        if let codes = status.codedNumbers {
            for r in rows where r < codes.values.count && !codes.missing[r] { accepted.insert(.number(codes.values[r])) }
        }
        for code in [causes.event] + causes.competing where !accepted.contains(code.value) {
            let shown = present.prefix(12).map { StatusCode($0, code.range).written }.joined(separator: ", ")
            throw Diagnostic("the code \(code.written) does not occur in '\(plan.event)' in the kept rows", at: code.range,
                             hint: "its values: " + shown + (present.count > 12 ? ", …" : ""))
        }
        let outcome = try CompetingOutcome.build(table: table, rows: rows, time: plan.time, status: plan.event, causes: causes)
        var counts = [Int](repeating: 0, count: causes.competing.count + 2)
        for c in outcome.cause where c < counts.count { counts[c] += 1 }
        let key = plan.name ?? Self.endpointKey(time: plan.time, event: plan.event, causes: causes)
        endpoints[key] = Endpoint(name: key, time: plan.time, event: plan.event, causes: causes)
        if !endpointOrder.contains(key) { endpointOrder.append(key) }
        currentEndpoint = key
        lastCox = nil
        var parts = ["event \(causes.event.written): \(Wording.count(counts[1], "row"))"]
        for (i, code) in causes.competing.enumerated() { parts.append("competing \(code.written): \(Wording.count(counts[i + 2], "row"))") }
        parts.append("censored (any other code): \(Wording.count(counts[0], "row"))")
        let among = keptRows == nil ? "" : " kept"
        return .message("endpoint \(describeEndpoint(key)): \(Wording.count(outcome.time.count, "row"))\(among) with an outcome\n  "
                        + parts.joined(separator: "; "))
    }

    /// The competing-risks endpoint in force, or the message that names what is needed.
    private func competingEndpoint() throws(Diagnostic) -> (name: String, endpoint: Endpoint, causes: CausesSyntax) {
        guard let name = currentEndpoint, let endpoint = endpoints[name], let causes = endpoint.causes else {
            throw Diagnostic("this needs an endpoint with competing risks", hint: "endpoint TIME, STATUS event CODE competing CODE")
        }
        return (name, endpoint, causes)
    }

    /// The analysis rows of the competing endpoint (with the strata's columns present), their data for the
    /// core (cause 1 the event), and the strata.
    func competingData(columns extra: [String] = []) throws(Diagnostic)
        -> (data: CompetingRisksData, rows: [Int], grouping: Grouping, accounting: RowAccounting, endpoint: String, causes: CausesSyntax) {
        guard let table else { throw Diagnostic("no dataset is loaded") }
        let (name, endpoint, causes) = try competingEndpoint()
        let selection = try AnalysisRows(table: table, kept: keptRows, columns: [endpoint.time, endpoint.event] + strata + extra)
        let (rows, outcome) = try adjusted(rows: selection.rows, outcome: try CompetingOutcome.build(
            table: table, rows: selection.rows, time: endpoint.time, status: endpoint.event, causes: causes))
        let grouping = try Grouping(table: table, rows: rows, columns: strata, references: referenceLevels)
        try grouping.requireFewGroups(columns: strata)
        do {
            let data = try CompetingRisksData(time: outcome.time, status: outcome.cause, event: 1,
                                              competing: Array(2..<(causes.competing.count + 2)))
            return (data, rows, grouping, selection.accounting, describeEndpoint(name), causes)
        } catch { throw Self.diagnostic(error) }
    }

    func cumulativeIncidence(at requested: [Double]) throws(Diagnostic) -> Report {
        let (data, _, grouping, accounting, endpoint, causes) = try competingData()
        let estimate: CumulativeIncidence
        do { estimate = try CumulativeIncidence.estimate(data, group: grouping.groups, transform: .logLog, level: settings.level) }
        catch { throw Self.diagnostic(error) }
        // Without times asked for: round times across the follow-up, as cmprsk's print shows its estimates.
        let lastTime = data.time.max() ?? 0
        let times = requested.isEmpty ? FigureAxis.time(maxTime: lastTime).ticks.filter { $0 > 0 && $0 <= lastTime } : requested
        let labels = ([causes.event] + causes.competing).map(\.label)
        let curves = estimate.curves.map { curve in
            CumulativeIncidenceReport.Curve(stratum: curve.group < grouping.labels.count ? grouping.labels[curve.group] : "all",
                                            cause: curve.cause - 1 < labels.count ? labels[curve.cause - 1] : String(curve.causeCode),
                                            n: curve.n, events: curve.events, at: curve.at(times))
        }
        var gray: [CumulativeIncidenceReport.Gray] = []
        if grouping.labels.count >= 2 {
            do {
                let test = try GrayTest.compute(data, group: grouping.groups)
                gray = test.causes.map { c in
                    CumulativeIncidenceReport.Gray(cause: c.cause - 1 < labels.count ? labels[c.cause - 1] : String(c.causeCode),
                                                   statistic: c.statistic, note: c.warning?.message)
                }
            } catch { throw Self.diagnostic(error) }
        }
        return .cumulativeIncidence(CumulativeIncidenceReport(endpoint: endpoint, causes: labels, times: times, curves: curves, gray: gray,
                                                              rows: accounting, conventions: settings.conventions, transform: .logLog))
    }

    func fineGray(_ model: CoxModelPlan) throws(Diagnostic) -> Report {
        guard let table else { throw Diagnostic("no dataset is loaded") }
        let (name, endpoint, causes) = try competingEndpoint()
        let candidates = keptRows ?? Array(0..<table.rowCount)
        let variables = try CoxDesign.evaluate(model.variables, table: table, rows: candidates)
        var usable = AnalysisRows.complete(candidates, of: table.rowCount, in: [endpoint.time, endpoint.event].map { table.column(named: $0) })
        for variable in variables { usable = variable.complete(usable) }
        guard usable.count >= 2 else {
            throw Diagnostic("no rows left: every kept row has a missing value in a term or the endpoint")
        }
        let accounting = RowAccounting(kept: candidates.count, droppedMissing: candidates.count - usable.count)
        let (designRows, outcome) = try adjusted(rows: usable, outcome: try CompetingOutcome.build(
            table: table, rows: usable, time: endpoint.time, status: endpoint.event, causes: causes))
        let design = try CoxDesign(model: model, variables: variables, rows: designRows, references: referenceLevels)
        do {
            let data = try CompetingRisksData(time: outcome.time, status: outcome.cause, event: 1,
                                              competing: Array(2..<(causes.competing.count + 2)))
            let fit = try FineGrayFit.fit(FineGrayInput(data: data, covariates: design.columns, columnNames: design.names), level: settings.level)
            return .fineGray(FineGrayReport(endpoint: describeEndpoint(name), event: causes.event.label,
                                            competing: causes.competing.map(\.label), fit: fit, rows: accounting,
                                            conventions: settings.conventions))
        } catch { throw Self.diagnostic(error) }
    }

    /// `plot cuminc`: the Aalen–Johansen curve of each cause in each stratum (the event's first), with the
    /// number at risk per stratum under the ticks and Gray's test of the event in the corner.
    func incidenceFigure(_ plan: PlotPlan) throws(Diagnostic) -> SurvivalFigure {
        let (data, _, grouping, _, _, causes) = try competingData()
        let estimate: CumulativeIncidence
        do { estimate = try CumulativeIncidence.estimate(data, group: grouping.groups, transform: .logLog, level: settings.level) }
        catch { throw Self.diagnostic(error) }
        let lastTime = data.time.max() ?? 0
        let xAxis = FigureAxis.time(maxTime: lastTime, xmax: plan.xmax, by: plan.tickSpacing, label: plan.xLabel ?? timeAxisTitle)
        let end = max(lastTime, xAxis.upper)
        // Times per stratum, sorted, for the number at risk (rows with time ≥ t) under each tick.
        var timesByGroup = [[Double]](repeating: [], count: max(grouping.labels.count, 1))
        for (t, g) in zip(data.time, grouping.groups) where g < timesByGroup.count { timesByGroup[g].append(t) }
        for g in timesByGroup.indices { timesByGroup[g].sort() }
        let labels = ([causes.event] + causes.competing).map(\.label)
        let several = grouping.labels.count > 1
        var strata: [CurveStratum] = []
        var highest = 0.0
        for curve in estimate.curves {
            let start = StepPoint(time: 0, estimate: 0, lower: plan.confidenceBand ? 0 : nil, upper: plan.confidenceBand ? 0 : nil)
            let points = StepThinning.thin([start] + curve.steps.map { s in
                StepPoint(time: s.time, estimate: s.estimate, lower: plan.confidenceBand ? s.lower : nil, upper: plan.confidenceBand ? s.upper : nil)
            }, from: 0, to: end, columns: Self.figureColumns)
            for p in points where p.time <= xAxis.upper { highest = max(highest, p.upper ?? p.estimate) }
            let cause = curve.cause - 1 < labels.count ? labels[curve.cause - 1] : String(curve.causeCode)
            let stratum = curve.group < grouping.labels.count ? grouping.labels[curve.group] : "all"
            let label = (several ? stratum + ": " : "") + (curve.cause == 1 ? "event \(cause)" : "competing \(cause)")
            var atRisk: [Double] = []
            // The number at risk is the stratum's: shown once, with its first cause.
            if plan.riskTable && curve.cause == 1, curve.group < timesByGroup.count {
                let times = timesByGroup[curve.group]
                atRisk = xAxis.ticks.map { tick in Double(times.count - (times.firstIndex { $0 >= tick } ?? times.count)) }
            }
            strata.append(CurveStratum(label: label, points: points, atRisk: atRisk))
        }
        var figure = SurvivalFigure(title: plan.title, measure: .cumulativeIncidence, xAxis: xAxis,
                                    yAxis: FigureAxis.measure(.cumulativeIncidence, maxValue: highest, label: plan.yLabel ?? "Cumulative incidence"),
                                    strata: strata,
                                    options: CurveFigureOptions(confidenceBand: plan.confidenceBand, riskTable: plan.riskTable,
                                                                censorMarks: false, percent: plan.percent))
        if several, let gray = try? GrayTest.compute(data, group: grouping.groups), let event = gray.causes.first?.statistic {
            figure.pValueText = nil
            figure.logRankP = nil
            figure.grayP = event.p
        }
        return figure
    }
}
